"""The catalogue: the modules an organisation trains its staff and volunteers in."""

import calendar
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class TrainingModule(UUIDModel):
    """A training for mentors (required by a programme) or for staff (required per role)."""

    class Audience(models.TextChoices):
        MENTOR = "mentor", _("Mentors")
        STAFF = "staff", _("Programme staff")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.MENTOR
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True, help_text=_("Empty: never expires.")
    )
    # A partner training is given by another body (a département, a federation, a training
    # centre): the organisation records its completions, it plans no session of its own.
    partner = models.CharField(
        _("given by a partner"),
        max_length=200,
        blank=True,
        help_text=_("Empty: an internal training of the organisation."),
    )
    requires_session = models.BooleanField(
        _("completed at a session only"),
        default=False,
        help_text=_("A completion names the session the person attended."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_training_name")
        ]
        verbose_name = _("training module")

    def __str__(self) -> str:
        return self.name

    def renewal_months(self) -> int | None:
        """How long a completion counts: the module's validity, or sooner when a requirement
        renews it more often (every year, every two years). One query."""
        months: list[int] = []
        if self.pk:
            requirements = self.requirements.exclude(recurrence_months=None)
            months = [m for m in requirements.values_list("recurrence_months", flat=True) if m]
        if self.validity_months:
            months.append(self.validity_months)
        return min(months) if months else None

    def expiry_for(self, completed_on: date) -> date | None:
        months = self.renewal_months()
        return add_months(completed_on, months) if months else None
