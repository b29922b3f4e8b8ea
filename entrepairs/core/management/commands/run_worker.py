"""Start the background worker, with a recurring-job scheduler on a thread.

The worker is django-tasks-db's database worker made durable (core.jobs.worker): failed jobs are
retried with backoff when the error may pass, each running job's lease is renewed every few
seconds and the jobs of dead workers are queued again, and a transient database error (locked,
connection lost) pauses the worker instead of ending it.
Each worker also runs the recurring-job scheduler on a thread (core.scheduling): with several
workers, each tick is still enqueued once, and no single process is needed for schedules.
"""

import os
import socket
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS

from entrepairs.core.jobs.worker import DurableWorker
from entrepairs.core.scheduling import start_in_background


class Command(BaseCommand):
    help = "Run the durable database worker and the recurring-job scheduler."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="Run waiting tasks, then exit.")
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Do not enqueue recurring jobs from this process (run_scheduler does it elsewhere).",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at an empty queue."
        )

    def handle(
        self,
        *args: Any,
        batch: bool = False,
        no_scheduler: bool = False,
        interval: float = 1.0,
        **options: Any,
    ) -> None:
        if not (batch or no_scheduler):
            start_in_background()
        # Named after its machine and process, so the jobs page says where a job ran.
        worker_id = f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(6)}"
        worker = DurableWorker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
