"""Casework's recurring work: the weekly loads the reports chart, the daily alert about overdue
safety checks."""

from django.tasks import task
from django.utils import timezone

from entrepairs.core.audit import audit_context
from entrepairs.core.scheduling import every


@every("30 2 * * 1")
@task()
def casework_load_snapshots() -> int:
    """Every Monday at 02:30: each core-team member's load this week (rows written)."""
    from .services import load_snapshots_record

    with audit_context(source="task"):
        return load_snapshots_record(day=timezone.localdate())


@every("15 7 * * *")
@task()
def notify_overdue_safety_checks() -> dict[str, int]:
    """Daily: the core team is told once about each safety check past its due date."""
    from .services import safety_overdue_alert

    with audit_context(source="task"):
        return {"notified": safety_overdue_alert()}
