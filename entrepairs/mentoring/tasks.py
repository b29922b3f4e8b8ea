"""Background work for mentoring: large matching runs and the daily follow-up alerts."""

from django.tasks import task
from django.utils import timezone

from entrepairs.core.audit import audit_context
from entrepairs.core.scheduling import every


@task()
def run_matching(run_id: str) -> str:
    """Run a matching in the worker, writing its progress for the page's progress bar."""
    from .matching import execute
    from .models import MatchingRun

    with audit_context(source="task"):
        run = MatchingRun.objects.select_related("programme").get(pk=run_id)
        if run.is_finished:
            return run.status

        def progress(percent: int, step: str) -> None:
            MatchingRun.objects.filter(pk=run.pk).update(
                progress=percent, step=step, status=MatchingRun.Status.RUNNING
            )

        try:
            execute(run, progress)
        except Exception as exc:
            MatchingRun.objects.filter(pk=run.pk).update(
                status=MatchingRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
            )
            raise
        return MatchingRun.Status.DONE


@every("15 */6 * * *")
@task()
def mentoring_alerts() -> int:
    """Every 6 hours: alerts for matches without contact or with an overdue check-in."""
    from .lifecycle import alerts_refresh

    with audit_context(source="task"):
        return alerts_refresh()
