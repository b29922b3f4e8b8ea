"""Four-eyes closures and safeguarding reviews.

A staff member proposes to close a match, with the youth's (or their guardian's) view; another
staff member confirms it, and only then does the match close. A safeguarding concern never closes
a match silently: it pauses it and opens a review that the coordinators must follow up.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.models import UUIDModel


class Closure(UUIDModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for a second staff member")
        CONFIRMED = "confirmed", _("Confirmed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    match = models.ForeignKey("mentoring.Match", on_delete=models.CASCADE, related_name="closures")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reason = models.CharField(_("reason"), max_length=50)
    conversation_on = models.DateField(_("closure conversation on"))
    conversation = EncryptedTextField(_("closure conversation"))
    youth_view = EncryptedTextField(_("the youth's or guardian's view"))
    note = EncryptedTextField(_("note"), blank=True)
    proposed_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("closure")
        constraints = [
            models.UniqueConstraint(
                fields=["match"],
                condition=models.Q(status="proposed"),
                name="mentoring_one_proposed_closure_per_match",
            )
        ]

    def __str__(self) -> str:
        return str(_("Closure %(id)s") % {"id": str(self.pk)[:8]})


class SafeguardingReview(UUIDModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open: to follow up")
        FOLLOWED_UP = "followed_up", _("Followed up")

    match = models.ForeignKey(
        "mentoring.Match", on_delete=models.CASCADE, related_name="safeguarding_reviews"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    concern = EncryptedTextField(_("concern"))
    raised_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    outcome = EncryptedTextField(_("follow-up"), blank=True)
    followed_up_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    followed_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("safeguarding review")

    def __str__(self) -> str:
        return str(_("Safeguarding review %(id)s") % {"id": str(self.pk)[:8]})
