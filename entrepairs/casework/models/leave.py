"""Leave cover and continuity (issue 12, points 4 and 5).

- `LeaveCover`: for a member's leave, the named replacement of each of their cases (or why none),
  planned with the engine's leave-cover solver and stored; it gives the replacement access to the
  case for the leave's dates only, computed inside `rules.case_visible_q` (DECISIONS).
- `CaseContact`: a contact with the child (date, kind), the raw material of "cases without
  contact for longer than the organisation's threshold".
- `CaseworkSettings`: the organisation's thresholds (one row per organisation, defaults apply
  when there is none).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel

DEFAULT_CONTACT_THRESHOLD_DAYS = 42  # six weeks
# A replacement may end at most this far above the team's fair load ratio during the leave.
COVER_TOLERANCE = 1.2


class LeaveCover(UUIDModel):
    class Uncovered(models.TextChoices):
        NO_COLLEAGUE = "no_colleague", _("nobody else in the core team is present")
        CAPACITY = "capacity", _("no present colleague has room without being overloaded")
        CAP = "cap", _("every colleague with room is at their maximum number of cases")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    leave = models.ForeignKey("casework.Leave", on_delete=models.CASCADE, related_name="covers")
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="covers")
    replacement = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="casework_covers",
        verbose_name=_("replacement"),
    )
    uncovered = models.CharField(
        _("why uncovered"), max_length=14, choices=Uncovered.choices, blank=True
    )
    named_by_hand = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["leave", "case"], name="one_cover_per_case_and_leave")
        ]
        indexes = [models.Index(fields=["replacement", "leave"])]
        verbose_name = _("leave cover")

    def __str__(self) -> str:
        return f"{self.case_id} → {self.replacement_id}"


class CaseContact(UUIDModel):
    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit where the child lives")
        MEETING = "meeting", _("Meeting at the office")
        PHONE = "phone", _("Phone call")
        VIDEO = "video", _("Video call")
        HEARING = "hearing", _("Hearing or appointment together")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="contacts")
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind of contact"), max_length=10, choices=Kind.choices)
    note = EncryptedTextField(_("note (confidential)"), blank=True)
    by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        indexes = [models.Index(fields=["case", "happened_on"])]
        verbose_name = _("contact with the child")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {shown_date(self.happened_on)}"


class CaseworkSettings(UUIDModel):
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="casework_settings"
    )
    contact_threshold_days = models.PositiveSmallIntegerField(
        _("longest time without contact with the child (days)"),
        default=DEFAULT_CONTACT_THRESHOLD_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("casework settings")

    def __str__(self) -> str:
        return str(self.organisation_id)
