"""Make sure each periodic task chain has exactly one waiting instance (run when a worker starts)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.tasks import task_backends

from entrepairs.core.tasks import PERIODIC_TASKS


def _waiting(task_path: str) -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task_path, status__in=["READY", "RUNNING"]
    ).exists()


class Command(BaseCommand):
    help = "Enqueue the periodic tasks (heartbeat, reminders) unless one is already waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        uses_db = task_backends["default"].__class__.__module__.startswith("django_tasks_db")
        for periodic in PERIODIC_TASKS:
            if uses_db and _waiting(periodic.module_path):
                self.stdout.write(f"{periodic.module_path}: already scheduled")
                continue
            periodic.enqueue()
            self.stdout.write(f"{periodic.module_path}: scheduled")
