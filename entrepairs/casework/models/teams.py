"""What casework adds to a core team: each member's working time, maximum caseload and leave.

Core teams are `organisations.Team` rows of kind "core" (inside a regional team); their members
are the people whose `team` is that core team. Casework does not copy that membership."""

from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel

CORE_TEAM_MIN, CORE_TEAM_MAX = 6, 8


class MemberProfile(UUIDModel):
    """A core-team member's working time (FTE) and the most cases they may hold."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="casework_profile"
    )
    fte = models.DecimalField(
        _("working time (FTE)"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    max_caseload = models.PositiveSmallIntegerField(
        _("maximum number of cases"), default=12, validators=[MaxValueValidator(60)]
    )

    class Meta:
        verbose_name = _("core-team member's working time")

    def __str__(self) -> str:
        from django.utils.formats import number_format

        return f"{self.person} — {number_format(self.fte, 2)} ETP"  # 0,90 in French


class Leave(UUIDModel):
    """A period a member is away: they take no new case during it. Requested, then approved by
    a colleague of the core team once every case has a named replacement (`LeaveCover`)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="casework_leaves"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    approved_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on"]
        indexes = [models.Index(fields=["person", "ends_on"])]
        verbose_name = _("leave")

    def __str__(self) -> str:
        return f"{self.person} {shown_date(self.starts_on)} → {shown_date(self.ends_on)}"

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on
