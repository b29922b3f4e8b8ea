"""Recurring jobs: cron schedules run by django-crontask, each tick enqueued exactly once.

`@every("0 * * * *")` above a `@task` registers it with django-crontask's scheduler (APScheduler,
started by `manage.py run_scheduler`). Several schedulers may run at once, on several machines,
with no lock to hold: each tick is claimed by inserting a `PeriodicTick` row whose (job, tick) is
unique, in the same transaction as the enqueue. The first scheduler wins; the others see the
unique constraint and do nothing. The claim lives in the database (the queue of record), so a
Redis outage or a scheduler's death loses no tick and runs none twice (DECISIONS.md: "the
scheduler holds its single-instance lock where it survives a Redis outage").

A job that raises fails its own task result; the schedule is untouched and the next tick runs.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from apscheduler.triggers.cron import CronTrigger
from crontask import scheduler
from django.db import IntegrityError, transaction
from django.utils import timezone

# module path -> (task, crontab); filled when each app's tasks module is imported.
SCHEDULE: dict[str, tuple[Any, str]] = {}


def every(crontab: str) -> Callable[[Any], Any]:
    """Run the decorated task on a crontab schedule (minute granularity, server time zone)."""

    def register(task: Any) -> Any:
        trigger = CronTrigger.from_crontab(crontab, timezone=timezone.get_default_timezone())
        SCHEDULE[task.module_path] = (task, crontab)
        scheduler.add_job(
            func=enqueue_tick,
            trigger=trigger,
            args=(task.module_path,),
            id=task.module_path,
            name=task.module_path,
            replace_existing=True,
            # Late by more than this (a stopped process), the tick is skipped: the next one runs.
            misfire_grace_time=30,
            coalesce=True,
        )
        return task

    return register


def tick_of(moment: datetime) -> datetime:
    """Schedules have minute granularity: every scheduler firing for one tick agrees on its minute."""
    return moment.replace(second=0, microsecond=0)


def enqueue_tick(task_path: str, now: datetime | None = None) -> bool:
    """Enqueue this tick of the job unless another scheduler already did. True if this call did."""
    from .models import PeriodicTick

    task = SCHEDULE[task_path][0]
    tick = tick_of(now or timezone.now())
    try:
        with transaction.atomic():
            PeriodicTick.objects.create(job=task_path, tick=tick)
            task.enqueue()
    except IntegrityError:
        return False
    return True


def prune_ticks(*, older_than: timedelta = timedelta(days=7)) -> int:
    from .models import PeriodicTick

    deleted, _ = PeriodicTick.objects.filter(tick__lt=timezone.now() - older_than).delete()
    return deleted


def load_schedules() -> dict[str, tuple[Any, str]]:
    """Import every app's tasks module, so that each `@every` registers its job."""
    from importlib import import_module

    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("entrepairs."):
            try:
                import_module(f"{config.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.tasks":
                    raise
    return SCHEDULE


def start_in_background() -> None:
    """Run the scheduler on a daemon thread of this process (the worker's), until it exits."""
    import threading

    load_schedules()
    threading.Thread(target=scheduler.start, name="scheduler", daemon=True).start()
