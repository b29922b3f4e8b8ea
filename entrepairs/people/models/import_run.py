"""A file being imported by the background worker (`people.import_runs` applies it)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entrepairs.core.models import UUIDModel
from entrepairs.core.notification_texts import Message, lines, msg


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
    # {line: [warning]} once done: what new line managers break elsewhere (a group where the new
    # chain sits), like ImportPreview.warnings_by_line(); the rows were applied all the same.
    warnings = models.JSONField(default=dict, blank=True)
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

    def warning_lines(self) -> list[tuple[int, list[dict]]]:
        return sorted(((int(line), found) for line, found in self.warnings.items()))

    def summary(self) -> str:
        return self.summary_message().render()

    def summary_message(self) -> Message:
        """The counts, worded in the reader's language (a page, or the notification when read)."""
        text = msg(
            "%(created)d created, %(updated)d updated", created=self.created, updated=self.updated
        )
        if self.unchanged:
            return lines(text, msg("(%(n)d without changes)", n=self.unchanged), sep=" ")
        return text
