"""Background work for mentoring: the follow-up alerts (large matching runs: matching.run_matching,
beside the code it runs, so lifecycle can enqueue it without importing the tasks)."""

from django.tasks import task

from entrepairs.core.audit import audit_context
from entrepairs.core.scheduling import every

from .matching import run_matching  # noqa: F401 - jobs enqueued under this name still resolve


@every("15 */6 * * *")
@task()
def mentoring_alerts() -> int:
    """Every 6 hours: alerts for matches without contact or with an overdue check-in."""
    from .lifecycle import alerts_refresh

    with audit_context(source="task"):
        return alerts_refresh()
