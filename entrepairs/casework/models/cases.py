"""A child's case: the child (a Person without an account), its weight, status, responsible
guardian and timeline. The child's placements belong to the child, not to one case: a child who
is both a case and a mentee has one placement history (DECISIONS, "one home"), kept by the people
app (`people.placements`); `Placement` and `PlacementKind` are re-exported here for casework."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel
from entrepairs.people.models import PlacementKind


class Procedure(models.TextChoices):
    ASYLUM = "asylum", _("Asylum procedure")
    FAMILY_REUNIFICATION = "family_reunification", _("Family reunification")
    COURT = "court", _("Court proceedings")
    CRIMINAL = "criminal", _("Criminal proceedings")
    AGE_ASSESSMENT = "age_assessment", _("Age assessment")
    MEDICAL = "medical", _("Medical or psychiatric care")


class Vulnerability(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


# Points per factor: integers, so loads compare exactly and the solver's bound is tight.
PLACEMENT_POINTS: dict[str, int] = {
    PlacementKind.FOSTER_FAMILY: 0,
    PlacementKind.SMALL_UNIT: 0,
    PlacementKind.INDEPENDENT: 0,
    PlacementKind.CHILDRENS_HOME: 1,
    PlacementKind.RECEPTION_CENTRE: 1,
    PlacementKind.SECURE: 2,
    PlacementKind.ADOPTIVE_FAMILY: 0,
    PlacementKind.OTHER: 1,
}
NO_PLACEMENT_POINTS = 2
VULNERABILITY_POINTS: dict[str, int] = {
    Vulnerability.LOW: 0,
    Vulnerability.MEDIUM: 2,
    Vulnerability.HIGH: 4,
}


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_points(age: int) -> int:
    """Young children need more of the guardian; so does the year before majority."""
    if age < 12:
        return 2
    if age < 15:
        return 1
    return 1 if age >= 17 else 0


def weight_factors(
    *, birth_date: date, placement: str | None, procedures: list[str], vulnerability: str, day: date
) -> list[tuple[str, int]]:
    """The case's weight, factor by factor (label, points); the weight is their sum."""
    age = age_on(birth_date, day)
    placement_points = (
        PLACEMENT_POINTS.get(placement, NO_PLACEMENT_POINTS) if placement else NO_PLACEMENT_POINTS
    )
    placement_label = (
        str(PlacementKind(placement).label) if placement else str(_("No placement recorded"))
    )
    return [
        (str(_("Base")), 1),
        (str(_("Age: %(age)s")) % {"age": age}, age_points(age)),
        (str(_("Placement: %(kind)s")) % {"kind": placement_label}, placement_points),
        (
            str(_("Procedures under way: %(count)s")) % {"count": len(set(procedures))},
            len(set(procedures)),
        ),
        (
            str(_("Vulnerability: %(level)s")) % {"level": Vulnerability(vulnerability).label},
            VULNERABILITY_POINTS[Vulnerability(vulnerability)],
        ),
    ]


class Case(UUIDModel):
    class Status(models.TextChoices):
        NEW = "new", _("Waiting for allocation")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="casework_cases",
        verbose_name=_("core team"),
    )
    # Removing a person removes their file (as for a mentee); a team with cases cannot go.
    child = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="casework_cases",
        verbose_name=_("child"),
    )
    guardian = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="casework_guardianships",
        verbose_name=_("responsible guardian"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    birth_date = models.DateField(_("date of birth"))
    procedures = models.JSONField(_("procedures under way"), default=list, blank=True)
    vulnerability = models.CharField(
        _("vulnerability"), max_length=10, choices=Vulnerability.choices, default=Vulnerability.LOW
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    summary = EncryptedTextField(_("situation (confidential)"), blank=True)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=~Q(status="closed"), name="one_open_case_per_child"
            )
        ]
        indexes = [
            models.Index(fields=["core_team", "status"]),
            models.Index(fields=["guardian", "status"]),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return str(self.child)

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CLOSED


class CaseEvent(UUIDModel):
    """One line of the case's timeline, written by the services."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Case opened")
        UPDATED = "updated", _("Case updated")
        GUARDIAN = "guardian", _("Responsible guardian changed")
        PLACEMENT = "placement", _("Placement changed")
        CLOSED = "closed", _("Case closed")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    text = EncryptedTextField(_("details"), blank=True)
    by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The responsible guardian after the event: who followed the case when (continuity).
    guardian = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        verbose_name = _("case event")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {shown_date(self.happened_on)}"
