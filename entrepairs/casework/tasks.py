"""Casework's recurring work: the weekly loads the reports chart, the daily alerts about overdue
safety checks and continuity."""

from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.core.scheduling import every


@every("30 2 * * 1")
@durable(label=_("Weekly loads of the core teams"))
@task()
def casework_load_snapshots() -> int:
    """Every Monday at 02:30: each core-team member's load this week (rows written)."""
    from .services import load_snapshots_record

    with audit_context(source="task"):
        return load_snapshots_record(day=timezone.localdate())


@every("15 7 * * *")
@durable(label=_("Alerts about overdue safety checks"))
@task()
def notify_overdue_safety_checks() -> dict[str, int]:
    """Daily: the core team is told once about each safety check past its due date."""
    from .services import safety_overdue_alert

    with audit_context(source="task"):
        return {"notified": safety_overdue_alert()}


@every("30 7 * * *")
@durable(label=_("Continuity alerts of casework"))
@task()
def send_continuity_alerts() -> dict[str, int]:
    """Each morning, every core team with a case beyond the contact threshold, without a
    responsible guardian or without a replacement during a leave is told in the app (counts
    only, no child named)."""
    from entrepairs.core.services import SYSTEM
    from entrepairs.organisations.models import Team

    from .services import continuity_alerts_send

    teams = told = 0
    with audit_context(source="task"):
        for team in Team.objects.filter(kind=Team.Kind.CORE).order_by("id"):
            sent = continuity_alerts_send(team=team, by=SYSTEM)
            teams += 1 if sent else 0
            told += sent
    return {"teams": teams, "told": told}
