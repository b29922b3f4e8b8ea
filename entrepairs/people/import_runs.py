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

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from entrepairs.core import uploads
from entrepairs.core.jobs.policy import TRANSIENT_DATABASE_ERRORS
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

    Called by the worker, and again when its worker died or a database error may pass
    (core.jobs): a run still queued or running is taken up; the write itself starts by locking
    the run's row and checking it is still running, so a second delivery waits for the first to
    commit, then finds the run done and writes nothing: the file is imported once.
    """
    claimed = ImportRun.objects.filter(
        pk=run.pk, status__in=[ImportRun.Status.QUEUED, ImportRun.Status.RUNNING]
    ).update(status=run.Status.RUNNING, started_at=timezone.now(), updated_at=timezone.now())
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
                if not _still_running(run):
                    return
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
        except TRANSIENT_DATABASE_ERRORS:
            # Nothing was written and the error may pass: the worker tries again later
            # (import_run_give_up ends the run if it never passes).
            raise
        except Exception:
            # The transaction rolled back: record the failure, tell the person, let the worker log it.
            run.created = run.updated = run.unchanged = 0
            run.errors = {}
            run.error = _("The import stopped on an unexpected error: nothing was imported.")
            _finish(run, run.Status.FAILED)
            raise


def _still_running(run: ImportRun) -> bool:
    """Lock the run's row (an UPDATE, which waits for any other writer of it on every database)
    and tell whether it is still to be written."""
    return bool(
        ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
            updated_at=timezone.now()
        )
    )


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


def import_run_give_up(run_id: str) -> None:
    """The import's job failed for good (its worker died at every attempt, or the database never
    came back): the run is marked failed (nothing of it was written) and its author told. Called
    by the job layer (core.jobs), the one place that sees dead workers."""
    run = (
        ImportRun.objects.filter(
            pk=run_id, status__in=[ImportRun.Status.QUEUED, ImportRun.Status.RUNNING]
        )
        .select_related("organisation", "created_by")
        .first()
    )
    if run is None:
        return
    with translation.override(run.language):
        run.error = _("The import stopped (the worker was interrupted): nothing was imported.")
        _finish(run, ImportRun.Status.FAILED)
