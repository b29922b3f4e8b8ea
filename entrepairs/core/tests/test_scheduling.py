"""Recurring jobs: each tick enqueued once however many schedulers fire, failures stop nothing."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.tasks import task
from django_tasks_db.models import DBTaskResult

from entrepairs.core.models import PeriodicTick
from entrepairs.core.scheduling import SCHEDULE, enqueue_tick, every, load_schedules, prune_ticks

RUNS: list[int] = []
FAIL_ON = {2}


@every("* * * * *")
@task()
def count_a_run() -> int:
    """A job of the test: the third run raises."""
    RUNS.append(len(RUNS))
    if len(RUNS) - 1 in FAIL_ON:
        raise RuntimeError("this run fails on purpose")
    return len(RUNS)


JOB = count_a_run.module_path
START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _run_worker() -> None:
    call_command("db_worker", batch=True, reload=False, startup_delay=False, stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_it_runs_a_job_once_per_minute_over_five_minutes_with_two_schedulers():
    RUNS.clear()
    claimed = []
    for minute in range(5):
        tick = START + timedelta(minutes=minute)
        # Two schedulers fire for the same tick, one a little later within the minute.
        claimed.append(enqueue_tick(JOB, now=tick + timedelta(milliseconds=40)))
        claimed.append(enqueue_tick(JOB, now=tick + timedelta(seconds=59)))
        _run_worker()
        _run_worker()  # a second worker finds nothing left to run
    assert claimed == [True, False] * 5
    assert len(RUNS) == 5
    results = DBTaskResult.objects.filter(task_path=JOB)
    assert results.count() == 5
    # The third run raised: its result failed, and the two after it still ran and succeeded.
    statuses = [r.status for r in results.order_by("enqueued_at")]
    assert statuses == ["SUCCESSFUL", "SUCCESSFUL", "FAILED", "SUCCESSFUL", "SUCCESSFUL"]


@pytest.mark.django_db
def test_it_claims_each_tick_in_the_database():
    assert enqueue_tick(JOB, now=START) is True
    assert enqueue_tick(JOB, now=START + timedelta(seconds=30)) is False
    assert enqueue_tick(JOB, now=START + timedelta(minutes=1)) is True
    assert PeriodicTick.objects.filter(job=JOB).count() == 2


@pytest.mark.django_db
def test_it_prunes_old_claims():
    PeriodicTick.objects.create(job=JOB, tick=START - timedelta(days=30))
    PeriodicTick.objects.create(job=JOB, tick=datetime.now(UTC))
    assert prune_ticks() == 1
    assert PeriodicTick.objects.count() == 1


def test_it_registers_every_recurring_job_of_the_apps_with_the_scheduler():
    from crontask import scheduler

    schedules = load_schedules()
    expected = {
        "entrepairs.core.tasks.heartbeat": "* * * * *",
        "entrepairs.casework.tasks.casework_load_snapshots": "30 2 * * 1",
        "entrepairs.casework.tasks.notify_overdue_safety_checks": "15 7 * * *",
        "entrepairs.casework.tasks.send_continuity_alerts": "30 7 * * *",
        "entrepairs.mentoring.tasks.mentoring_alerts": "15 */6 * * *",
        "entrepairs.mentoring.tasks.mentoring_retention_purge": "40 3 * * *",
        "entrepairs.onboarding.tasks.send_onboarding_reminders": "5 * * * *",
    }
    assert {path: crontab for path, (_t, crontab) in schedules.items() if path in expected} == (
        expected
    )
    jobs = {job.id: job for job in scheduler.get_jobs()}
    for path in [*expected, JOB]:
        assert jobs[path].args == (path,)
    assert SCHEDULE[JOB][0] is count_a_run


def test_it_lists_the_schedules_from_the_command_line():
    out = io.StringIO()
    call_command("run_scheduler", list=True, stdout=out)
    assert "* * * * *       entrepairs.core.tasks.heartbeat" in out.getvalue()


def test_starting_the_scheduler_again_and_again_keeps_one_schedule_per_job(monkeypatch):
    """Each worker start registers every `@every` again (a restart re-imports the modules): the
    scheduler keeps one job per recurring task (replace_existing), not one more per start. Its
    job store is in memory: a restarted process starts from none (the issue's "7 copies after 7
    starts" was RQ's scheduler, whose store was Redis). A scheduler of the same kind as
    crontask's, started paused (nothing fires), stands in for it."""
    from apscheduler.schedulers.background import BackgroundScheduler

    from entrepairs.core import scheduling

    fresh = BackgroundScheduler()
    monkeypatch.setattr(scheduling, "scheduler", fresh)
    fresh.start(paused=True)
    try:
        for _ in range(7):
            for task, crontab in list(SCHEDULE.values()):
                every(crontab)(task)
        ids = [job.id for job in fresh.get_jobs()]
    finally:
        fresh.shutdown(wait=False)
    assert len(ids) == len(set(ids)) == len(SCHEDULE) and ids.count(JOB) == 1


@pytest.mark.django_db(transaction=True)
def test_seven_schedulers_firing_the_same_tick_enqueue_it_once():
    """Seven workers, each with its scheduler, fire the same minute: one job is queued."""
    DBTaskResult.objects.all().delete()
    claims = [enqueue_tick(JOB, now=START + timedelta(seconds=s)) for s in range(7)]
    assert claims.count(True) == 1
    assert DBTaskResult.objects.filter(task_path=JOB).count() == 1
