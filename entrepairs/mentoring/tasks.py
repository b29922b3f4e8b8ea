"""Background work for mentoring: large matching runs and the daily follow-up alerts."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from entrepairs.core.audit import audit_context

ALERTS_EVERY = timedelta(hours=6)


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


@task()
def mentoring_alerts(reschedule: bool = True) -> int:
    """Periodic: alerts for matches without contact or with an overdue check-in."""
    from .lifecycle import alerts_refresh

    with audit_context(source="task"):
        created = alerts_refresh()
    if reschedule:
        mentoring_alerts.using(run_after=timezone.now() + ALERTS_EVERY).enqueue()
    return created


# Started once by `manage.py schedule_periodic_tasks`; each run schedules the next.
PERIODIC_TASKS = [mentoring_alerts]


# Self-rescheduling chains started by `manage.py schedule_periodic_tasks` (worker start).
PERIODIC_TASKS = [mentoring_alerts]
