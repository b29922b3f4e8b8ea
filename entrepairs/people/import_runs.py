"""Imports of large files, applied by the background worker instead of the request.

Writing 1,000 people takes tens of seconds (a save and an audit entry each): a file of the
documented maximum would outlast the web server's timeout. Files of more than
`settings.IMPORT_INLINE_ROWS` rows are therefore kept in an `ImportRun` (queued by
`tasks.import_start`) and applied by `tasks.run_import`, which checks the file again (the
organisation's people may have changed since the preview) and writes it all or nothing through
`imports.import_people`, like every other caller. The worker writes as trusted code, so it first
checks again that the run's author may still import into the organisation (their role may have
been removed since the upload).
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from entrepairs.core import uploads
from entrepairs.core.notifications import msg, notify
from entrepairs.core.permissions import check
from entrepairs.people import notification_kinds as kinds

from . import imports
from .models import ImportRun
from .rules import NewPersonOf


def runs_in_background(rows: int) -> bool:
    """Files above the threshold are applied by the worker; smaller ones in the request."""
    return rows > settings.IMPORT_INLINE_ROWS


def import_run_execute(run: ImportRun) -> None:
    """Check the file again and write it in one transaction; on any failure nothing is written.

    Called by the worker. A run is claimed once (queued → running), so a task delivered twice
    imports the file once.
    """
    claimed = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.QUEUED).update(
        status=run.Status.RUNNING, started_at=timezone.now(), updated_at=timezone.now()
    )
    if not claimed:
        return
    run.refresh_from_db()
    with translation.override(run.language):
        if not _author_may_import(run):
            run.error = _(
                "The import was not applied: the person who started it may no longer import "
                "people into %(organisation)s. Nothing was imported."
            ) % {"organisation": run.organisation}
            _finish(run, run.Status.FAILED)
            return
        try:
            with transaction.atomic():
                preview = imports.import_people(
                    data=bytes(run.data or b""),
                    filename=run.filename,
                    organisation=run.organisation,
                    commit=True,
                    by=run.created_by,
                )
                if preview.applied:
                    run.created, run.updated = preview.to_create, preview.to_update
                    run.unchanged = preview.unchanged
                    run.warnings = preview.warnings_by_line()
                    _finish(run, run.Status.DONE)
                else:
                    run.errors = preview.errors_by_line()
                    _finish(run, run.Status.FAILED)
        except uploads.UploadError as exc:
            # Read within the limits in force now (they may have changed since the preview).
            run.error = exc.message
            _finish(run, run.Status.FAILED)
        except Exception:
            # The transaction rolled back: record the failure, tell the person, let the worker log it.
            run.created = run.updated = run.unchanged = 0
            run.errors = {}
            run.error = _("The import stopped on an unexpected error: nothing was imported.")
            _finish(run, run.Status.FAILED)
            raise


def _author_may_import(run: ImportRun) -> bool:
    """The permission checked at upload, checked again now: the author's account, read afresh,
    is active and may still import people into the run's organisation."""
    if run.created_by_id is None:  # the account was deleted since
        return False
    author = get_user_model().objects.filter(pk=run.created_by_id, is_active=True).first()
    return author is not None and check(
        author, "people.import_person", NewPersonOf(run.organisation_id)
    )


def _finish(run: ImportRun, status: str) -> None:
    run.status = status
    run.data = None
    run.finished_at = timezone.now()
    run.save()
    if run.created_by is None:
        return
    if status == run.Status.DONE:
        subject = msg("Import finished: %(summary)s", summary=run.summary_message())
    else:
        subject = msg("Import failed: nothing was imported")
    body = msg(
        "The import of %(rows)d rows into %(organisation)s has ended.",
        rows=run.rows,
        organisation=run.organisation,
    )
    notify(
        kind=kinds.IMPORT_ENDED,
        recipient=run.created_by,
        subject=subject,
        body=body,
        link=run.get_absolute_url(),
        organisation=run.organisation_id,
    )


# A run still `running` after this long lost its worker: the transaction of a 10,000-row file
# takes minutes, not hours, and a dead worker's transaction was rolled back by the database.
STUCK_AFTER = timedelta(hours=2)


def fail_stuck_runs(now: Any = None) -> int:
    """Mark runs whose worker died as failed (nothing of theirs was written) and tell their authors."""
    now = now or timezone.now()
    stuck = ImportRun.objects.filter(
        status=ImportRun.Status.RUNNING, started_at__lt=now - STUCK_AFTER
    ).select_related("organisation", "created_by")
    for run in stuck:
        with translation.override(run.language):
            run.error = _("The import stopped (the worker was interrupted): nothing was imported.")
            _finish(run, ImportRun.Status.FAILED)
    return len(stuck)
