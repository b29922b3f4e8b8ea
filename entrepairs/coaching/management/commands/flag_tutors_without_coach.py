"""Flag now the new tutors waiting for a coach too long (the daily task does the same)."""

from typing import Any

from django.core.management.base import BaseCommand

from entrepairs.core.audit import audit_context

from ... import services


class Command(BaseCommand):
    help = "Flag the new tutors still without a coach after their organisation's weeks."

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context(source="command"):
            flagged = services.requests_flag()
        self.stdout.write(f"{flagged} flagged")
