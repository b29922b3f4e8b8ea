"""A proposed allocation of a core team's cases, stored until the team confirms or drops it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel


class AllocationProposal(UUIDModel):
    class Kind(models.TextChoices):
        NEW_CASES = "new_cases", _("Allocation of new cases")
        REBALANCE = "rebalance", _("Rebalance of the caseloads")

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("proposal", "Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        DISCARDED = "discarded", _("Discarded")
        SUPERSEDED = "superseded", _("Overtaken by another confirmation")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="casework_proposals"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Per member: name, fte, cap, cases and load before and after, why excluded (if so).
    loads = models.JSONField(_("loads before and after"), default=list)
    max_ratio_before = models.FloatField(_("highest load ratio before"))
    max_ratio_after = models.FloatField(_("highest load ratio after"))
    bound = models.FloatField(_("proven lowest possible ratio"))
    solver_status = models.CharField(_("solver status"), max_length=20)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["core_team", "status"])]
        verbose_name = _("allocation proposal")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {shown_date(self.created_at, with_time=True)}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PROPOSED


class ProposedMove(UUIDModel):
    """A case going to a member: `from_person` is who held it when proposed (None: a new case),
    checked again at confirmation so a proposal overtaken by another one is refused."""

    proposal = models.ForeignKey(AllocationProposal, on_delete=models.CASCADE, related_name="moves")
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    from_person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveSmallIntegerField(_("weight"))
    reason = models.CharField(_("why this move helps"), max_length=400)

    class Meta:
        ordering = ["-weight", "id"]
        verbose_name = _("proposed move")

    def __str__(self) -> str:
        return f"{self.case_id} → {self.to_person_id}"
