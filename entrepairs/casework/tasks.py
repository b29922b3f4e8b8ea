"""Background work for casework: the daily continuity alerts to each core team (issue 12,
point 4)."""

from django.tasks import task

from entrepairs.core.audit import audit_context
from entrepairs.core.scheduling import every


@every("30 7 * * *")
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
