"""Background work: the daily reminders chain re-enqueues itself (like core's heartbeat)."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from entrepairs.core.audit import audit_context

REMIND_EVERY = timedelta(hours=1)


@task()
def send_onboarding_reminders(reschedule: bool = True) -> dict[str, int]:
    """Hourly: each task, reminder and escalation is sent once (marked when sent)."""
    from .reminders import send_due_notifications

    with audit_context(source="task"):
        sent = send_due_notifications()
    if reschedule:
        send_onboarding_reminders.using(run_after=timezone.now() + REMIND_EVERY).enqueue()
    return {"reminded": sent.reminded, "escalated": sent.escalated, "timed": sent.timed}


# Started once by `manage.py schedule_periodic_tasks`; each run schedules the next.
PERIODIC_TASKS = [send_onboarding_reminders]
