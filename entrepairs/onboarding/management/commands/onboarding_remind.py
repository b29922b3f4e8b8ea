from typing import Any

from django.core.management.base import BaseCommand

from entrepairs.core.audit import audit_context
from entrepairs.onboarding.reminders import send_due_notifications


class Command(BaseCommand):
    help = "Send onboarding task reminders, timed reminders and overdue escalations now."

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context(source="command"):
            sent = send_due_notifications()
        self.stdout.write(
            f"reminded {sent.reminded}, escalated {sent.escalated}, timed {sent.timed}, "
            f"kit {sent.kit}, e-mailed without an account {sent.emailed}"
        )
