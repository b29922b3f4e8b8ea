"""Background work for people: imports of files too large to write within a request."""

from django.tasks import task

from entrepairs.core.audit import audit_context
from entrepairs.core.scheduling import every


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


@every("35 * * * *")
@task()
def fail_stuck_imports() -> int:
    """Hourly: a run left `running` by a worker that died is marked failed, and its author told."""
    from .import_runs import fail_stuck_runs

    with audit_context(source="task"):
        return fail_stuck_runs()
