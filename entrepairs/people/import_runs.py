"""Imports of large files, applied by the background worker instead of the request.

Writing 1,000 people takes tens of seconds (a save and an audit entry each): a file of the
documented maximum would outlast the web server's timeout. Files of more than
`settings.IMPORT_INLINE_ROWS` rows are therefore kept in an `ImportRun` and applied by
`tasks.run_import`, which checks the file again (the organisation's people may have changed since
the preview) and writes it all or nothing through `imports.import_people`, like every other caller.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entrepairs.core import uploads
from entrepairs.core.models import UUIDModel


def runs_in_background(rows: int) -> bool:
    """Files above the threshold are applied by the worker; smaller ones in the request."""
    return rows > settings.IMPORT_INLINE_ROWS


class ImportRun(UUIDModel):
    """One file being imported by the worker; the file itself is deleted once the run ends."""

    class Status(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        RUNNING = "running", gettext_lazy("Running")
        DONE = "done", gettext_lazy("Done")
        FAILED = "failed", gettext_lazy("Failed")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("started by"),
    )
    filename = models.CharField(gettext_lazy("file"), max_length=255)
    data = models.BinaryField(null=True, editable=False)  # the upload, until the run ends
    # Row errors and the notification are written in the language of the person who started it.
    language = models.CharField(max_length=8, default="fr")
    rows = models.PositiveIntegerField(gettext_lazy("rows"), default=0)
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    # {line: {column: [messages]}}, like ImportPreview.errors_by_line(); `row` is the whole line.
    errors = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)  # when the file as a whole could not be imported
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = gettext_lazy("people import")
        verbose_name_plural = gettext_lazy("people imports")

    def __str__(self) -> str:
        return f"{self.filename} → {self.organisation_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("people:import_run", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def error_lines(self) -> list[tuple[int, list[tuple[str, str]]]]:
        """The row errors by line number (PostgreSQL's jsonb does not keep the keys' order)."""
        lines = sorted(self.errors.items(), key=lambda item: int(item[0]))
        return [
            (
                int(line),
                [
                    (_("line") if column == "row" else column, message)
                    for column, messages in columns.items()
                    for message in messages
                ],
            )
            for line, columns in lines
        ]

    def summary(self) -> str:
        text = _("%(created)d created, %(updated)d updated") % {
            "created": self.created,
            "updated": self.updated,
        }
        if self.unchanged:
            text += " " + _("(%(n)d without changes)") % {"n": self.unchanged}
        return text

    def execute(self) -> None:
        """Check the file again and write it in one transaction; on any failure nothing is written.

        Called by the worker. A run is claimed once (queued → running), so a task delivered twice
        imports the file once.
        """
        from . import imports

        claimed = ImportRun.objects.filter(pk=self.pk, status=self.Status.QUEUED).update(
            status=self.Status.RUNNING, started_at=timezone.now(), updated_at=timezone.now()
        )
        if not claimed:
            return
        self.refresh_from_db()
        with translation.override(self.language):
            try:
                with transaction.atomic():
                    preview = imports.import_people(
                        data=bytes(self.data or b""),
                        filename=self.filename,
                        organisation=self.organisation,
                        commit=True,
                    )
                    if preview.applied:
                        self.created, self.updated = preview.to_create, preview.to_update
                        self.unchanged = preview.unchanged
                        self._finish(self.Status.DONE)
                    else:
                        self.errors = preview.errors_by_line()
                        self._finish(self.Status.FAILED)
            except uploads.UploadError as exc:
                # Read within the limits in force now (they may have changed since the preview).
                self.error = exc.message
                self._finish(self.Status.FAILED)
            except Exception:
                # The transaction rolled back: record the failure, tell the person, let the worker log it.
                self.created = self.updated = self.unchanged = 0
                self.errors = {}
                self.error = _("The import stopped on an unexpected error: nothing was imported.")
                self._finish(self.Status.FAILED)
                raise

    def _finish(self, status: str) -> None:
        from entrepairs.core.notifications import notify

        self.status = status
        self.data = None
        self.finished_at = timezone.now()
        self.save()
        if self.created_by is None:
            return
        if status == self.Status.DONE:
            subject = _("Import finished: %(summary)s") % {"summary": self.summary()}
        else:
            subject = _("Import failed: nothing was imported")
        body = _("The import of %(rows)d rows into %(organisation)s has ended.") % {
            "rows": self.rows,
            "organisation": self.organisation,
        }
        notify(recipient=self.created_by, subject=subject, body=body, link=self.get_absolute_url())


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
            run._finish(ImportRun.Status.FAILED)
    return len(stuck)


def import_start(*, organisation: Any, by: Any, filename: str, data: bytes, rows: int) -> ImportRun:
    """Keep the file and queue its import; the worker picks it up once this transaction commits."""
    from .tasks import run_import

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
