"""Make sure each periodic task chain has exactly one waiting instance (run when a worker starts).

Each app lists its self-rescheduling tasks in `PERIODIC_TASKS` in its `tasks.py`.
"""

from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.tasks import task_backends


def periodic_tasks() -> list[Any]:
    found: list[Any] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("entrepairs."):
            continue
        try:
            module = import_module(f"{config.name}.tasks")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tasks":
                raise
            continue
        found.extend(getattr(module, "PERIODIC_TASKS", []))
    return found


def _waiting(task_path: str) -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task_path, status__in=["READY", "RUNNING"]
    ).exists()


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks (heartbeat, reminders, alerts) unless one is already waiting."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        uses_db = task_backends["default"].__class__.__module__.startswith("django_tasks_db")
        for periodic in periodic_tasks():
            if uses_db and _waiting(periodic.module_path):
                self.stdout.write(f"{periodic.module_path}: already scheduled")
                continue
            periodic.enqueue()
            self.stdout.write(f"{periodic.module_path}: scheduled")
