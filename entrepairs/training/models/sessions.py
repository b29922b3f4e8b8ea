"""Sessions: a module given on a date, and who attended."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel

from .catalogue import TrainingModule


class TrainingSession(UUIDModel):
    """A dated session of a module; recording its attendees records their completions."""

    module = models.ForeignKey(
        TrainingModule,
        verbose_name=_("training module"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    trainer = models.CharField(_("trainer"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    attendees = models.ManyToManyField(
        "people.Person", verbose_name=_("attendees"), blank=True, related_name="training_sessions"
    )

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("training session")

    def __str__(self) -> str:
        return f"{self.module} — {shown_date(self.held_on)}"


class TrainingEnrolment(UUIDModel):
    """A person enrolled to a session before it is held (a seat, within the session's capacity);
    attending it is what records a completion."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="training_enrolments"
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)

    class Meta:
        ordering = ["enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="unique_training_enrolment")
        ]
        verbose_name = _("training enrolment")

    def __str__(self) -> str:
        return f"{self.person} — {self.session}"
