"""Background work for onboarding: the hourly reminders."""

from django.tasks import task
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.core.scheduling import every


@every("5 * * * *")
@durable(label=_("Onboarding reminders"))
@task()
def send_onboarding_reminders() -> dict[str, int]:
    """Hourly: each task, reminder and escalation is sent once (marked when sent)."""
    from .reminders import send_due_notifications

    with audit_context(source="task"):
        sent = send_due_notifications()
    return {
        "reminded": sent.reminded,
        "escalated": sent.escalated,
        "timed": sent.timed,
        "kit": sent.kit,
        "emailed": sent.emailed,
    }
