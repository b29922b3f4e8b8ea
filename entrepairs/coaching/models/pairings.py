"""A coach pairing: proposed (by the engine or a coordinator, with its reasons), confirmed by
both, active with its meetings, ended by a coordinator with a reason, then each one's feedback."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.models import UUIDModel


class CoachPairing(UUIDModel):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        DECLINED = "declined", _("Declined")

    class EndReason(models.TextChoices):
        """Why a coordinator ended a pairing: said to the pair; the free text stays with the
        coordinators."""

        GOALS_MET = "goals_met", _("The new tutor no longer needs a coach")
        PERIOD_OVER = "period_over", _("The agreed period is over")
        UNAVAILABLE = "unavailable", _("One of the pair is no longer available")
        LEFT = "left", _("One of the pair left the organisation")
        MISMATCH = "mismatch", _("The pair did not work well together")
        OTHER = "other", _("Another reason")

    # A coach's load: the pairings that hold one of their places.
    HOLDING = (State.PROPOSED, State.ACTIVE)
    RATINGS = range(1, 6)

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    offer = models.ForeignKey(
        "coaching.CoachOffer",
        verbose_name=_("coach offer"),
        on_delete=models.PROTECT,
        related_name="pairings",
    )
    request = models.ForeignKey(
        "coaching.CoachRequest",
        verbose_name=_("coach request"),
        on_delete=models.PROTECT,
        related_name="pairings",
    )
    coach = models.ForeignKey(
        "people.Person", verbose_name=_("coach"), on_delete=models.CASCADE, related_name="+"
    )
    tutor = models.ForeignKey(
        "people.Person", verbose_name=_("new tutor"), on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    score = models.FloatField(_("score"), default=0.0)
    # The engine's breakdown: [criterion, weight, raw (0 to 1), contribution].
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    confirmed_by_coach = models.BooleanField(_("confirmed by the coach"), default=False)
    confirmed_by_tutor = models.BooleanField(_("confirmed by the new tutor"), default=False)
    # Each one's feedback once the pairing is ended: a rating (1 to 5) and a comment, read by its
    # author and the coordinators (the programme's quality signal).
    coach_rating = models.PositiveSmallIntegerField(
        _("coach's rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    tutor_rating = models.PositiveSmallIntegerField(
        _("new tutor's rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    coach_feedback = EncryptedTextField(_("coach's feedback"), blank=True)
    tutor_feedback = EncryptedTextField(_("new tutor's feedback"), blank=True)
    coach_feedback_given = models.BooleanField(_("coach's feedback given"), default=False)
    tutor_feedback_given = models.BooleanField(_("new tutor's feedback given"), default=False)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    ended_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("ended by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    end_reason = models.CharField(
        _("reason for ending"), max_length=20, choices=EndReason.choices, blank=True
    )
    # Confidential: the coordinators' own words on why it ended (encrypted, never shown to the pair).
    end_note = EncryptedTextField(_("note on the ending"), blank=True)

    class Meta:
        verbose_name = _("coach pairing")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.coach} – {self.tutor}"


class CoachingMeeting(UUIDModel):
    pairing = models.ForeignKey(
        CoachPairing, verbose_name=_("pairing"), on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("date"))
    note = EncryptedTextField(_("note"), blank=True)
    logged_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("logged by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("coaching meeting")
        ordering = ["-date", "-created_at"]
