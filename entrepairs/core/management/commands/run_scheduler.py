"""Run the recurring-job scheduler alone (`run_worker` also runs one unless --no-scheduler).

Any number may run at once: each tick is claimed in the database and enqueued once.
"""

from typing import Any

from django.core.management.base import BaseCommand

from entrepairs.core.scheduling import load_schedules


class Command(BaseCommand):
    help = (
        "Enqueue recurring jobs on their schedules (each tick once, however many schedulers run)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--list", action="store_true", help="Print the schedules and exit.")

    def handle(self, *args: Any, list: bool = False, **options: Any) -> None:
        schedules = load_schedules()
        for path, (_task, crontab) in sorted(schedules.items()):
            self.stdout.write(f"{crontab:<15} {path}")
        if list:
            return
        from django.core.management import call_command

        # django-crontask's command: signal handling, and its Redis lock when CRONTASK sets one
        # (not needed here: the ticks' claims already make several schedulers safe).
        call_command("crontask", no_heartbeat=True, no_task_loading=True)
