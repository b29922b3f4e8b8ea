"""Mentors: application, screening steps and readiness to be matched."""

from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.models import UUIDModel


class Mode(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual mentoring")
    GROUP = "group", _("Group mentoring")


class Mentor(UUIDModel):
    """A volunteer's application to a programme, then their mentor record once approved."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        SCREENING = "screening", _("In screening")
        TRAINING = "training", _("In training")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not retained")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    programme = models.ForeignKey(
        "mentoring.Programme", on_delete=models.CASCADE, related_name="mentors"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="mentor_records"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.APPLIED
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=30, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    mode = models.CharField(
        _("mentoring offered"), max_length=12, choices=Mode.choices, default=Mode.INDIVIDUAL
    )
    capacity = models.PositiveSmallIntegerField(
        _("youths at most"),
        default=1,
        help_text=_("1 for individual mentoring; up to 8 for a group."),
    )
    motivation = EncryptedTextField(_("motivation"), blank=True)
    screening_notes = EncryptedTextField(_("screening notes"), blank=True)
    flagged = models.BooleanField(_("flagged for review"), default=False)
    flag_reason = models.CharField(_("flag"), max_length=200, blank=True)
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["-applied_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="unique_mentor_person")
        ]
        indexes = [models.Index(fields=["programme", "status"])]
        verbose_name = _("mentor")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def interest_names(self) -> list[str]:
        """The interests in the reader's language (mentoring.interests)."""
        from ..interests import interest_labels

        return interest_labels(self.interests)

    def age_on(self, day: date) -> int | None:
        return day.year - self.birth_year if self.birth_year else None

    def screening_gaps(self, steps: list["ScreeningStep"], today: date) -> list[str]:
        """What screening still lacks (an empty list means screened and cleared)."""
        passed = [s for s in steps if s.outcome == ScreeningStep.Outcome.PASSED]
        kinds = {s.kind for s in passed if s.is_valid_on(today)}
        gaps: list[str] = []
        K = ScreeningStep.Kind
        if K.INTERVIEW not in kinds:
            gaps.append(str(_("interview")))
        refs = sum(1 for s in passed if s.kind == K.REFERENCE)
        if refs < self.programme.references_required:
            gaps.append(
                str(
                    _("references (%(n)s of %(m)s)")
                    % {"n": refs, "m": self.programme.references_required}
                )
            )
        if K.BACKGROUND not in kinds:
            expired = any(s.kind == K.BACKGROUND for s in passed)
            gaps.append(str(_("background check (expired)") if expired else _("background check")))
        if K.SAFEGUARDING not in kinds:
            gaps.append(str(_("safeguarding clearance")))
        if any(s.outcome == ScreeningStep.Outcome.FAILED for s in steps):
            gaps.append(str(_("a screening step failed")))
        if self.flagged:
            gaps.append(str(_("flagged for review")))
        return gaps

    def training_gaps(self, completions: list[Any], required: list[Any], today: date) -> list[str]:
        valid = {c.module_id for c in completions if c.valid_on(today)}
        return [m.name for m in required if m.pk not in valid]


class ScreeningStep(UUIDModel):
    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        REFERENCE = "reference", _("Reference")
        BACKGROUND = "background_check", _("Background check")
        SAFEGUARDING = "safeguarding", _("Safeguarding clearance")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Not passed")

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="screening_steps")
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    done_on = models.DateField(_("done on"), default=timezone.localdate)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    referee = models.CharField(_("referee (for a reference)"), max_length=200, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["done_on", "created_at"]
        verbose_name = _("screening step")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.get_outcome_display()}"

    def is_valid_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day
