"""Confidential evaluations: seen by the newcomer, their tutor, their manager and the coordinator.

Notes and feedback texts are encrypted at rest and every read is audited (see audit.py).
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel

from .choices import FeedbackKind, ObservationSource


class EvaluationQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "EvaluationQuerySet":
        from entrepairs.organisations.viewer import viewer_for

        from ..rules import evaluation_visible_q

        return self.filter(evaluation_visible_q(viewer_for(user), prefix="journey__"))


class CompetencyObservation(UUIDModel):
    """A level on the grid with a dated note; kept with the person after the journey closes."""

    journey = models.ForeignKey(
        "onboarding.Journey", on_delete=models.CASCADE, related_name="observations"
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="competency_observations",
        verbose_name=_("newcomer"),
    )
    competency = models.ForeignKey(
        "onboarding.Competency",
        on_delete=models.RESTRICT,
        related_name="observations",
        verbose_name=_("competency"),
    )
    source = models.CharField(_("source"), max_length=10, choices=ObservationSource.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    observed_on = models.DateField(_("observed on"))
    note = EncryptedTextField(_("observation"), blank=True)
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-observed_on", "-created_at"]
        verbose_name = _("competency observation")
        verbose_name_plural = _("competency observations")

    def __str__(self) -> str:
        return f"{self.competency} — {self.level}"

    @property
    def organisation_id(self) -> Any:
        return self.journey.organisation_id


class ShadowingSession(UUIDModel):
    """Job shadowing ('doublon'): the newcomer works alongside a colleague."""

    journey = models.ForeignKey(
        "onboarding.Journey", on_delete=models.CASCADE, related_name="shadowing_sessions"
    )
    colleague = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("colleague")
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("activity"), max_length=200)
    note = EncryptedTextField(_("what was learned"), blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("job shadowing session")
        verbose_name_plural = _("job shadowing sessions")

    def __str__(self) -> str:
        return self.topic

    @property
    def organisation_id(self) -> Any:
        return self.journey.organisation_id


class FeedbackEntry(UUIDModel):
    journey = models.ForeignKey(
        "onboarding.Journey", on_delete=models.CASCADE, related_name="feedback_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices)
    given_on = models.DateField(_("date"))
    text = EncryptedTextField(_("feedback"))
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {shown_date(self.given_on)}"

    @property
    def organisation_id(self) -> Any:
        return self.journey.organisation_id


class ClosingReview(UUIDModel):
    """Phase 4 (seed 002): progression, improvement points, self-reflection, a meta-communication
    meeting, and the newcomer's and tutor's feedback on the tutoring process."""

    journey = models.OneToOneField(
        "onboarding.Journey", on_delete=models.CASCADE, related_name="closing_review"
    )
    autonomy_on = models.DateField(_("autonomy judged sufficient on"), null=True, blank=True)
    progression = EncryptedTextField(_("progression"), blank=True)
    improvement_points = EncryptedTextField(
        _("improvement points to address later (training needs)"), blank=True
    )
    meta_meeting_on = models.DateField(_("meta-communication meeting on"), null=True, blank=True)
    self_reflection = EncryptedTextField(
        _("newcomer's self-reflection (professional project, motivation)"), blank=True
    )
    newcomer_process_feedback = EncryptedTextField(
        _("newcomer's feedback on the tutoring process"), blank=True
    )
    tutor_process_feedback = EncryptedTextField(
        _("tutor's feedback on the tutoring process"), blank=True
    )
    reviewed_at = models.DateTimeField(_("reviewed by the coordinator"), null=True, blank=True)
    review_note = models.CharField(_("what changes in the template"), max_length=500, blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("closing review")
        verbose_name_plural = _("closing reviews")

    def __str__(self) -> str:
        return f"{self.journey}"

    @property
    def organisation_id(self) -> Any:
        return self.journey.organisation_id
