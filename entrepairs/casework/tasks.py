"""Background work for casework: the daily alert about overdue safety checks."""

from django.tasks import task

from entrepairs.core.audit import audit_context
from entrepairs.core.scheduling import every


@every("15 7 * * *")
@task()
def notify_overdue_safety_checks() -> dict[str, int]:
    """Daily: the core team is told once about each safety check past its due date."""
    from .services import safety_overdue_alert

    with audit_context(source="task"):
        return {"notified": safety_overdue_alert()}
