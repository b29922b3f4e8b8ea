"""Background work of the groups: convocations, day-before reminders and attendance reminders."""

from django.tasks import task
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.core.scheduling import every


@every("10 * * * *")
@durable(label=_("Session convocations and reminders"))
@task()
def send_session_messages() -> dict[str, int]:
    """Hourly, at :10: each session's convocation (with its .ics), reminder the day before and
    the facilitators' attendance reminder, each sent once (convocations.py)."""
    from .convocations import send_session_messages as send

    with audit_context(source="task"):
        sent = send()
    return {
        "convocations": sent.convocations,
        "reminders": sent.reminders,
        "attendance_reminders": sent.attendance_reminders,
    }
