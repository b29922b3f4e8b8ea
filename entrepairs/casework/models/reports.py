"""What the reports need that the present state forgets: each member's load, week by week.

A core team's loads change with every allocation, leave and closed case; to chart their balance
over time the weekly job (`tasks.casework_load_snapshots`) writes one row per member and week.
Counts and weights only: no child, no case content."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.dates import shown_date
from entrepairs.core.french import labelled
from entrepairs.core.models import UUIDModel


class LoadSnapshot(UUIDModel):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="casework_load_snapshots"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("week (Monday)"))
    cases = models.PositiveIntegerField(_("cases"))
    weight = models.PositiveIntegerField(_("load (weight)"))
    fte = models.DecimalField(_("working time (FTE)"), max_digits=3, decimal_places=2)
    on_leave = models.BooleanField(_("on leave"), default=False)

    class Meta:
        ordering = ["week"]
        constraints = [
            models.UniqueConstraint(
                fields=["core_team", "person", "week"], name="casework_one_snapshot_a_week"
            )
        ]
        indexes = [models.Index(fields=["core_team", "week"])]
        verbose_name = _("weekly load of a member")

    def __str__(self) -> str:
        return labelled(f"{self.person} {shown_date(self.week)}", self.weight)

    @property
    def ratio(self) -> float:
        return float(self.weight) / float(self.fte) if self.fte else 0.0
