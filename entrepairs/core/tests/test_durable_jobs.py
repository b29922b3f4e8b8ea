"""Durable jobs (core.jobs): a failure that may pass is retried after a growing wait, one that
will not is failed at once, a job whose worker stopped beating is queued again or failed, and the
worker outlives a database error. Jobs run in this process (no subprocess: the drill does that)."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError
from django.tasks import task
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from entrepairs.core.jobs import durable
from entrepairs.core.jobs.policy import Policy, policy_for
from entrepairs.core.jobs.runs import WorkerLost, lease_start, sweep_stale
from entrepairs.core.jobs.worker import DurableWorker
from entrepairs.core.models import JobLease

pytestmark = pytest.mark.django_db

CALLS: list[str] = []
GAVE_UP: list[str] = []


class MailServerDown(Exception):
    """A failure that may pass, declared by the job."""


def _gave_up(label: str, failures: list[str]) -> None:
    """Called with the job's own arguments."""
    GAVE_UP.append(label)


@durable(retries=2, retry_on=(MailServerDown,), on_give_up=_gave_up)
@task()
def flaky(label: str, failures: list[str]) -> str:
    """Fails with the given errors in turn, then succeeds."""
    CALLS.append(label)
    kinds = {"database": OperationalError("database is locked"), "mail": MailServerDown()}
    kinds["data"] = ValueError("a row that will never import")
    attempt = len([c for c in CALLS if c == label])
    if attempt <= len(failures):
        raise kinds[failures[attempt - 1]]
    return "done"


@task()
def undeclared(label: str) -> str:
    """A job without a policy: transient database errors are still retried."""
    CALLS.append(label)
    if CALLS.count(label) == 1:
        raise OperationalError("server closed the connection unexpectedly")
    return "done"


@task(takes_context=True)
def count_own_lease(context: Any) -> int:
    """How many leases name this job and its worker while it runs."""
    return JobLease.objects.filter(result_id=context.task_result.id, worker="test-worker").count()


@task()
def interrupted() -> None:
    """Stands for a job under way when its worker is stopped by force."""
    raise KeyboardInterrupt


@pytest.fixture(autouse=True)
def _fresh() -> None:
    CALLS.clear()
    GAVE_UP.clear()


def _worker() -> DurableWorker:
    return DurableWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def _attempt(result_id: str, worker: str = "test-worker") -> DBTaskResult:
    """Claim the job as a worker would, run it, and read where it stands."""
    row = DBTaskResult.objects.get(pk=result_id)
    row.claim(worker)
    _worker().run_task(row)
    return DBTaskResult.objects.get(pk=result_id)


def _due_now(row: DBTaskResult) -> None:
    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())


def test_the_wait_doubles_after_each_failure_up_to_its_cap() -> None:
    policy = Policy(backoff=timedelta(seconds=10), max_backoff=timedelta(seconds=60))
    waits = [policy.delay_before(n).total_seconds() for n in range(1, 6)]
    assert waits == [10, 20, 40, 60, 60]


def test_a_database_error_is_retried_after_the_backoff_then_succeeds() -> None:
    result = flaky.enqueue("a", ["database"])
    before = timezone.now()
    row = _attempt(result.id)
    assert row.status == TaskResultStatus.READY
    assert row.exception_class_path == "django.db.utils.OperationalError"
    policy = policy_for(flaky.module_path)
    assert (
        before + policy.delay_before(1) <= row.run_after <= timezone.now() + policy.delay_before(1)
    )
    assert not DBTaskResult.objects.ready().filter(pk=row.pk).exists()  # not before its time
    _due_now(row)
    row = _attempt(result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.return_value == "done"
    assert len(row.worker_ids) == 2 and CALLS == ["a", "a"]
    assert not JobLease.objects.exists() and GAVE_UP == []


def test_an_error_the_job_declares_passing_is_retried_until_its_attempts_run_out() -> None:
    result = flaky.enqueue("b", ["mail", "mail", "mail"])
    for _ in range(2):
        row = _attempt(result.id)
        assert row.status == TaskResultStatus.READY
        _due_now(row)
    row = _attempt(result.id)
    assert row.status == TaskResultStatus.FAILED and len(row.worker_ids) == 3
    assert row.exception_class_path.endswith("MailServerDown")
    assert GAVE_UP == ["b"]  # told once, when it failed for good


def test_bad_data_fails_at_once_without_a_retry() -> None:
    result = flaky.enqueue("c", ["data"])
    row = _attempt(result.id)
    assert row.status == TaskResultStatus.FAILED and len(row.worker_ids) == 1
    assert row.exception_class_path == "builtins.ValueError"
    assert CALLS == ["c"] and GAVE_UP == ["c"]


def test_a_job_without_a_policy_is_retried_on_a_database_error() -> None:
    result = undeclared.enqueue("d")
    row = _attempt(result.id)
    assert row.status == TaskResultStatus.READY
    _due_now(row)
    assert _attempt(result.id).status == TaskResultStatus.SUCCESSFUL


def _running(result_id: str, *, started_ago: timedelta, beat_ago: timedelta | None) -> None:
    row = DBTaskResult.objects.get(pk=result_id)
    row.claim("dead-worker")
    moment = timezone.now()
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=moment - started_ago)
    if beat_ago is not None:
        lease_start(row, "dead-worker")
        JobLease.objects.filter(result_id=row.pk).update(beat_at=moment - beat_ago)


def test_the_sweep_queues_again_a_job_whose_worker_stopped_beating(settings: Any) -> None:
    settings.JOB_HEARTBEAT_TIMEOUT = 5
    dead = flaky.enqueue("dead", [])
    silent = flaky.enqueue("silent", [])  # claimed, then died before its first beat
    alive = flaky.enqueue("alive", [])
    starting = flaky.enqueue("starting", [])
    _running(dead.id, started_ago=timedelta(minutes=5), beat_ago=timedelta(seconds=30))
    _running(silent.id, started_ago=timedelta(minutes=5), beat_ago=None)
    _running(alive.id, started_ago=timedelta(minutes=5), beat_ago=timedelta(seconds=1))
    _running(starting.id, started_ago=timedelta(seconds=1), beat_ago=None)
    assert sweep_stale() == 2
    rows = {str(r.pk): r for r in DBTaskResult.objects.all()}
    assert rows[dead.id].status == TaskResultStatus.READY
    assert rows[dead.id].run_after <= timezone.now()  # at once: the job itself did not fail
    assert rows[dead.id].exception_class_path == f"{WorkerLost.__module__}.WorkerLost"
    assert rows[silent.id].status == TaskResultStatus.READY
    assert rows[alive.id].status == TaskResultStatus.RUNNING
    assert rows[starting.id].status == TaskResultStatus.RUNNING
    assert not JobLease.objects.filter(result_id=dead.id).exists()
    assert sweep_stale() == 0  # settled once


def test_the_sweep_fails_a_job_whose_workers_died_at_every_attempt(settings: Any) -> None:
    settings.JOB_HEARTBEAT_TIMEOUT = 5
    result = flaky.enqueue("doomed", [])
    for _ in range(3):  # retries=2: three attempts
        _running(result.id, started_ago=timedelta(minutes=5), beat_ago=timedelta(minutes=1))
        assert sweep_stale() == 1
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED and len(row.worker_ids) == 3
    assert GAVE_UP == ["doomed"] and CALLS == []


def test_a_running_job_holds_a_lease_that_ends_with_it() -> None:
    result = count_own_lease.enqueue()
    row = _attempt(result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.return_value == 1
    assert not JobLease.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_outlives_a_database_error_in_its_own_loop(
    settings: Any, monkeypatch: Any
) -> None:
    settings.JOB_WORKER_PAUSE = 0
    result = flaky.enqueue("after-the-storm", [])
    original = DBTaskResultQuerySet.get_locked
    failures = ["server closed the connection unexpectedly", "could not connect to server"]

    def storm(self: Any) -> Any:
        if failures:
            raise OperationalError(failures.pop())
        return original(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", storm)
    _worker().run()
    assert failures == []
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_a_job_stopped_with_its_worker_is_queued_again_at_once() -> None:
    row = _attempt(interrupted.enqueue().id)
    assert row.status == TaskResultStatus.READY and row.run_after <= timezone.now()
    assert row.exception_class_path.endswith("WorkerLost")
