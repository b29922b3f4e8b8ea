"""Start the background worker for the configured tasks backend, periodic chains included.

Database backend (default, works on SQLite): django-tasks-db's `db_worker`.
Redis backend (TASKS_BACKEND=rq): django-rq's `rqworker` with its scheduler, which runs
tasks deferred with `run_after` (periodic chains, reminders).
"""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run the background worker (database or Redis, from settings) and schedule periodic tasks."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="Run waiting tasks, then exit.")

    def handle(self, *args: Any, batch: bool = False, **options: Any) -> None:
        call_command("schedule_periodic_tasks", stdout=self.stdout)
        if settings.TASKS_BACKEND == "rq":
            call_command(
                "rqworker",
                "default",
                with_scheduler=True,
                burst=batch,
                job_class="django_tasks_rq.backend.Job",
            )
        else:
            call_command("db_worker", batch=batch, reload=False, startup_delay=False)
