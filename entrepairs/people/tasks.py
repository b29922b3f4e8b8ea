"""Background work for people: imports of files too large to write within a request, and the
function that queues one (it needs the task, so it lives beside it)."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.core.services import service

from .import_runs import import_run_execute, import_run_give_up
from .models import ImportRun


@durable(retries=3, on_give_up=import_run_give_up, label=_("Import of people"))
@task()
def run_import(run_id: str) -> str:
    """Apply a queued import; the audit trail names the person who started it as the author."""
    run = ImportRun.objects.select_related("organisation", "created_by").filter(pk=run_id).first()
    if run is None:
        return "missing"
    with audit_context(source="task", actor=run.created_by):
        import_run_execute(run)
    return run.status


@service
def import_start(*, organisation: Any, by: Any, filename: str, data: bytes, rows: int) -> ImportRun:
    """Keep the file and queue its import; the worker picks it up once this transaction commits."""
    run = ImportRun.objects.create(
        organisation=organisation,
        created_by=by,
        filename=filename[:255],
        data=data,
        rows=rows,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    transaction.on_commit(lambda: run_import.enqueue(str(run.pk)))
    return run
