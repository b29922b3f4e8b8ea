"""Background work for people: imports of files too large to write within a request."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from entrepairs.core.audit import audit_context


@task()
def run_import(run_id: str) -> str:
    """Apply a queued import; the audit trail names the person who started it as the author."""
    from .import_runs import ImportRun

    run = ImportRun.objects.select_related("organisation", "created_by").filter(pk=run_id).first()
    if run is None:
        return "missing"
    with audit_context(source="task", actor=run.created_by):
        run.execute()
    return run.status


SWEEP_EVERY = timedelta(hours=1)


@task()
def fail_stuck_imports(reschedule: bool = True) -> int:
    """Hourly: a run left `running` by a worker that died is marked failed, and its author told."""
    from .import_runs import fail_stuck_runs

    with audit_context(source="task"):
        failed = fail_stuck_runs()
    if reschedule:
        fail_stuck_imports.using(run_after=timezone.now() + SWEEP_EVERY).enqueue()
    return failed


# Started once by `manage.py schedule_periodic_tasks`; each run schedules the next.
PERIODIC_TASKS = [fail_stuck_imports]
