"""Where a child lives, from when to when, and with whom: the child's one placement history.

A child may be both a case (casework) and a mentee (mentoring); both modules read and write this
history through `people.placements` (DECISIONS, "One home for each shared thing"), so a move
recorded by one is seen by the other at once.
"""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.models import UUIDModel


class PlacementKind(models.TextChoices):
    FOSTER_FAMILY = "foster_family", _("Foster family")
    ADOPTIVE_FAMILY = "adoptive_family", _("Adoptive family")
    SMALL_UNIT = "small_unit", _("Small living unit")
    RECEPTION_CENTRE = "reception_centre", _("Reception centre")
    INDEPENDENT = "independent", _("Independent living")
    CHILDRENS_HOME = "childrens_home", _("Children's home")
    SECURE = "secure", _("Secure or therapeutic institution")
    OTHER = "other", _("Other (see details)")


# The kinds where the child lives with a family whose members are the family contacts.
FAMILY_KINDS = frozenset({PlacementKind.FOSTER_FAMILY, PlacementKind.ADOPTIVE_FAMILY})


class Placement(UUIDModel):
    """One placement of a child; `until` is empty for the current one. `family` are the foster or
    adoptive parents (people who may have no account) the child lives with."""

    # The organisation that recorded it (the case's, or the youth's agency): audit trail tag.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="placements")
    kind = models.CharField(_("placement type"), max_length=20, choices=PlacementKind.choices)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)
    note = EncryptedTextField(_("address and details (confidential)"), blank=True)
    family = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="family_placements",
        verbose_name=_("foster or adoptive family"),
    )
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-since", "-created_at"]
        indexes = [models.Index(fields=["child", "until"])]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.since})"

    @property
    def is_current(self) -> bool:
        return self.until is None

    @classmethod
    def current_for(cls, child: Any) -> "Placement | None":
        return cls.objects.filter(child=child, until__isnull=True).order_by("-since").first()
