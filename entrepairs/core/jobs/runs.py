"""The life of one job result between the worker's claim and its end: its lease (the heartbeat),
its failure (queued again after a backoff, or failed for good), and the sweep that finds the jobs
whose worker died.

The queue of record is django-tasks-db's `DBTaskResult` table: a retry puts the same row back to
`READY` with a later `run_after`, so whoever holds the result's id follows it to its end, and the
attempts made are the workers that claimed it (`worker_ids`).
"""

import contextlib
import logging
from datetime import datetime, timedelta
from traceback import format_exception
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ..models import JobLease
from .policy import Policy, policy_for

logger = logging.getLogger("entrepairs.jobs")


class WorkerLost(Exception):
    """The job's worker stopped beating (killed, machine lost): the job did not finish."""


def heartbeat_timeout() -> timedelta:
    return timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)


def policy_of(task_path: str) -> Policy:
    """The job's declared policy; its module is imported first, which registers it."""
    with contextlib.suppress(ImportError):
        import_string(task_path)
    return policy_for(task_path)


def attempt_of(result: DBTaskResult) -> int:
    """Which attempt this is: one per worker that claimed the job."""
    return max(len(result.worker_ids or []), 1)


def lease_start(result: DBTaskResult, worker: str) -> None:
    JobLease.objects.update_or_create(
        result_id=result.pk,
        defaults={"worker": worker[:100], "attempt": attempt_of(result), "beat_at": timezone.now()},
    )


def lease_beat(result_id: Any) -> None:
    JobLease.objects.filter(result_id=result_id).update(beat_at=timezone.now())


def lease_end(result_id: Any) -> None:
    JobLease.objects.filter(result_id=result_id).delete()


def _error_fields(exc: BaseException) -> dict[str, str]:
    return {
        "exception_class_path": f"{type(exc).__module__}.{type(exc).__qualname__}",
        "traceback": "".join(format_exception(exc)),
    }


def settle_failure(result: DBTaskResult, exc: BaseException, now: datetime | None = None) -> bool:
    """The job failed with `exc`: queue it again after its backoff if the error may pass and
    attempts remain, else fail it. True when it failed for good (its on_give_up is then due)."""
    now = now or timezone.now()
    policy = policy_of(result.task_path)
    attempt = attempt_of(result)
    if attempt < policy.attempts and (isinstance(exc, WorkerLost) or policy.may_retry(exc)):
        # A dead worker says nothing against the job: it runs again at once.
        when = now if isinstance(exc, WorkerLost) else now + policy.delay_before(attempt)
        DBTaskResult.objects.filter(pk=result.pk).update(
            status=TaskResultStatus.READY, run_after=when, finished_at=None, **_error_fields(exc)
        )
        logger.warning(
            "Job %s (%s) attempt %d failed with %s; retrying at %s",
            result.pk,
            result.task_path,
            attempt,
            type(exc).__name__,
            when.isoformat(),
        )
        return False
    result.set_failed(exc)
    logger.error(
        "Job %s (%s) failed for good after %d attempt(s): %s",
        result.pk,
        result.task_path,
        attempt,
        type(exc).__name__,
    )
    return True


def give_up(result: DBTaskResult) -> None:
    """The job failed for good: let it leave its records in a final state (an import marked
    failed and its author told). Its own failure is logged, never raised into the worker."""
    hook = policy_of(result.task_path).on_give_up
    if hook is None:
        return
    try:
        args = result.args_kwargs or {}
        hook(*args.get("args", []), **args.get("kwargs", {}))
    except Exception:
        logger.exception("The give-up step of job %s (%s) failed", result.pk, result.task_path)


def sweep_stale(now: datetime | None = None) -> int:
    """Running jobs whose lease is older than JOB_HEARTBEAT_TIMEOUT lost their worker: each is
    queued again (or failed once its attempts are spent). Returns how many were found.

    Every worker runs this on its keeper thread; the row lock (SKIP LOCKED) lets one sweeper
    settle each job."""
    now = now or timezone.now()
    cutoff = now - heartbeat_timeout()
    candidates = set(
        DBTaskResult.objects.running().filter(started_at__lt=cutoff).values_list("pk", flat=True)
    )
    alive = set(
        JobLease.objects.filter(result_id__in=candidates, beat_at__gte=cutoff).values_list(
            "result_id", flat=True
        )
    )
    settled = 0
    for pk in candidates - alive:
        with transaction.atomic():
            result = (
                DBTaskResult.objects.running()
                .filter(pk=pk, started_at__lt=cutoff)
                .select_for_update(skip_locked=True)
                .first()
            )
            lease = JobLease.objects.filter(result_id=pk).first()
            if result is None or (lease is not None and lease.beat_at >= cutoff):
                continue
            who = lease.worker if lease else (result.worker_ids or ["?"])[-1]
            failed = settle_failure(
                result, WorkerLost(f"worker {who} stopped beating during the job"), now
            )
            JobLease.objects.filter(result_id=pk).delete()
        settled += 1
        if failed:
            give_up(result)
    # Leases of jobs that ended while their worker could not delete them.
    JobLease.objects.filter(beat_at__lt=cutoff).exclude(
        result_id__in=DBTaskResult.objects.running().values("pk")
    ).delete()
    return settled
