"""A coach pairing: proposed (by the engine or a coordinator, with its reasons), confirmed by
both, active with its meetings, ended with each one's feedback."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.models import UUIDModel


class CoachPairing(UUIDModel):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDING = "ending", _("Ending")
        ENDED = "ended", _("Ended")
        DECLINED = "declined", _("Declined")

    # A coach's load: the pairings that hold one of their places.
    HOLDING = (State.PROPOSED, State.ACTIVE, State.ENDING)

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
    coach_feedback = EncryptedTextField(_("coach's feedback"), blank=True)
    tutor_feedback = EncryptedTextField(_("new tutor's feedback"), blank=True)
    coach_feedback_given = models.BooleanField(_("coach's feedback given"), default=False)
    tutor_feedback_given = models.BooleanField(_("new tutor's feedback given"), default=False)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

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
