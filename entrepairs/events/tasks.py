"""Background work of events: the reminder the day before."""

from django.tasks import task
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.core.scheduling import every


@every("0 9 * * *")
@durable(label=_("Event reminders"))
@task()
def send_event_reminders() -> int:
    """Every day at 9:00: each person registered to an event of tomorrow is reminded, once."""
    from . import services

    with audit_context(source="task"):
        return services.reminders_send()
