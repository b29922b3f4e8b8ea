"""Background work of training: the expiry alerts, every morning."""

from django.tasks import task
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.core.scheduling import every


@every("0 8 * * *")
@durable(label=_("Training expiry alerts"))
@task()
def send_training_expiry_alerts() -> int:
    """Every day at 8:00: whoever's required training expires within 30 days, and their
    coordinators, are told once (services.expiry_alerts_send, like the command)."""
    from django.utils import timezone

    from entrepairs.core.services import SYSTEM

    from . import services
    from .selectors import ALERT_DAYS

    with audit_context(source="task"):
        return services.expiry_alerts_send(today=timezone.localdate(), days=ALERT_DAYS, by=SYSTEM)
