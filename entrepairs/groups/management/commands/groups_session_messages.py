from typing import Any

from django.core.management.base import BaseCommand

from entrepairs.core.audit import audit_context
from entrepairs.groups.convocations import send_session_messages


class Command(BaseCommand):
    help = (
        "Send the group sessions' convocations (with the calendar invitation), the reminders of "
        "the day before and the facilitators' attendance reminders that are due now."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context(source="command"):
            sent = send_session_messages()
        self.stdout.write(
            f"convocations {sent.convocations}, reminders {sent.reminders}, "
            f"attendance reminders {sent.attendance_reminders}"
        )
