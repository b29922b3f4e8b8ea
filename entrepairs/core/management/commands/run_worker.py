"""Start the background worker for the configured tasks backend, with a recurring-job scheduler.

Database backend (default, works on SQLite): django-tasks-db's `db_worker`.
Redis backend (TASKS_BACKEND=rq): django-rq's `rqworker` with its scheduler, which runs
tasks deferred with `run_after`.
Each worker also runs the recurring-job scheduler on a thread (core.scheduling): with several
workers, each tick is still enqueued once, and no single process is needed for schedules.
"""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from entrepairs.core.scheduling import start_in_background


class Command(BaseCommand):
    help = "Run the background worker (database or Redis, from settings) and the scheduler."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="Run waiting tasks, then exit.")
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Do not enqueue recurring jobs from this process (run_scheduler does it elsewhere).",
        )

    def handle(
        self, *args: Any, batch: bool = False, no_scheduler: bool = False, **options: Any
    ) -> None:
        if not (batch or no_scheduler):
            start_in_background()
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
