"""What administrators and probes read of the job queue, and the one write they make (retry).

Rows carry the job's name in words, its attempts, its times and its error's class, never its
arguments (they may name people) nor its traceback (it may quote them).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from ..models import JobLease
from ..permissions import current_viewer
from ..services import service
from .policy import label_for
from .runs import policy_of

# The page's tabs: what each shows, newest first.
STATES = {
    "queued": (TaskResultStatus.READY, "enqueued_at"),
    "running": (TaskResultStatus.RUNNING, "started_at"),
    "failed": (TaskResultStatus.FAILED, "finished_at"),
}

# The errors a job meets most, in words (others are shown by their class name).
ERROR_WORDS = {
    "WorkerLost": _("its worker stopped"),
    "OperationalError": _("database unavailable"),
    "InterfaceError": _("database unavailable"),
    "ConnectionRefusedError": _("mail server or network unavailable"),
    "SMTPException": _("mail server error"),
    "TimeoutError": _("no answer in time"),
}


@dataclass(frozen=True)
class JobRow:
    id: str
    label: str
    status: str
    attempts: int
    max_attempts: int
    enqueued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    run_after: datetime | None  # a retry waiting for its time; None when due now
    error: str  # the class of the last error, e.g. "OperationalError"
    error_words: str  # the same in words when it is a known one
    worker: str
    beat_at: datetime | None  # the running job's last heartbeat


def may_see_jobs(user: Any) -> bool:
    return bool(user.is_authenticated and current_viewer(user).is_platform_admin)


def jobs_visible_to(user: Any, state: str) -> QuerySet[DBTaskResult]:
    """The jobs of one tab, for platform administrators only (PermissionDenied otherwise)."""
    if not may_see_jobs(user):
        raise PermissionDenied
    status, newest = STATES[state]
    return (
        DBTaskResult.objects.filter(status=status)
        .only(
            "id",
            "status",
            "task_path",
            "worker_ids",
            "enqueued_at",
            "started_at",
            "finished_at",
            "run_after",
            "exception_class_path",
        )
        .order_by(f"-{newest}", "-enqueued_at")
    )


def rows_of(results: Any) -> list[JobRow]:
    """The page's rows, with the leases of running jobs read in one query."""
    results = list(results)
    leases = {
        str(lease.result_id): lease
        for lease in JobLease.objects.filter(
            result_id__in=[r.pk for r in results if r.status == TaskResultStatus.RUNNING]
        )
    }
    never = get_date_max()
    rows = []
    for r in results:
        lease = leases.get(str(r.pk))
        rows.append(
            JobRow(
                id=str(r.pk),
                label=str(label_for(r.task_path)),
                status=r.status,
                attempts=len(r.worker_ids or []),
                max_attempts=policy_of(r.task_path).attempts,
                enqueued_at=r.enqueued_at,
                started_at=r.started_at,
                finished_at=r.finished_at,
                run_after=r.run_after if r.run_after != never else None,
                error=r.exception_class_path.rsplit(".", 1)[-1],
                error_words=str(
                    ERROR_WORDS.get(r.exception_class_path.rsplit(".", 1)[-1], "")
                    or r.exception_class_path.rsplit(".", 1)[-1]
                ),
                worker=lease.worker if lease else (r.worker_ids or [""])[-1],
                beat_at=lease.beat_at if lease else None,
            )
        )
    return rows


def counts() -> dict[str, int]:
    """How many jobs are queued, running and failed (one query)."""
    return DBTaskResult.objects.aggregate(
        **{state: Count("pk", filter=Q(status=status)) for state, (status, _) in STATES.items()}
    )


def queue_stats(now: datetime | None = None) -> dict[str, Any]:
    """Counts by state, how many queued jobs are due now (`due`: a retry waiting for its backoff
    is not), and the age in seconds of the oldest job due and not started (None when none): what
    the jobs page, /readyz and the metrics read. Four queries, no row loaded."""
    now = now or timezone.now()
    never = get_date_max()
    due = DBTaskResult.objects.ready()
    first_deferred = due.exclude(run_after=never).aggregate(at=Min("run_after"))["at"]
    first_plain = due.filter(run_after=never).aggregate(at=Min("enqueued_at"))["at"]
    oldest = min((t for t in (first_deferred, first_plain) if t is not None), default=None)
    stats: dict[str, Any] = counts()
    stats["due"] = due.count()
    stats["oldest_queued_age_seconds"] = (now - oldest).total_seconds() if oldest else None
    return stats


@service
def job_retry(*, result_id: Any, by: Any) -> bool:
    """Queue a failed job again, with its attempts counted afresh. Platform administrators only.
    False when the job is no longer failed (retried by someone else meanwhile)."""
    if not may_see_jobs(by):
        raise PermissionDenied
    return bool(
        DBTaskResult.objects.filter(pk=result_id, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            run_after=timezone.now(),
            worker_ids=[],
            started_at=None,
            finished_at=None,
            exception_class_path="",
            traceback="",
        )
    )
