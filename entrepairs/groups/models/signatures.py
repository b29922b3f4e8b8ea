"""Electronic attendance signatures (issue 13, point 5) and the log of messages sent about a
session (convocation, the day-before reminder, the facilitator's attendance reminder).

French training-body practice (DECISIONS.md): attendance is signed per half-day; a session is one
half-day unless it spans more (a 09:00–17:00 day is two). A member signs on their own device, or
on the facilitator's device with a drawn or typed signature. Signing marks the member present; a
member the facilitator marked absent or excused cannot sign (services in ../signatures.py).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel


class HalfDay(models.TextChoices):
    MORNING = "am", _("morning")
    AFTERNOON = "pm", _("afternoon")


class AttendanceSignature(UUIDModel):
    class Method(models.TextChoices):
        OWN_DEVICE = "own_device", _("on their own device")
        FACILITATOR_DEVICE = "facilitator_device", _("on the facilitator's device")

    attendance = models.ForeignKey(
        "groups.Attendance", on_delete=models.CASCADE, related_name="signatures"
    )
    day = models.DateField(_("day"))
    half_day = models.CharField(_("half-day"), max_length=2, choices=HalfDay.choices)
    signed_at = models.DateTimeField(_("signed at"))
    method = models.CharField(_("signed"), max_length=20, choices=Method.choices)
    # Exactly one of the two: a typed name, or a drawing (a small PNG, validated on the way in).
    typed_name = models.CharField(_("typed signature"), max_length=120, blank=True)
    drawing = models.BinaryField(_("drawn signature"), blank=True, default=b"")
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    collected_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The facilitator whose device collected it."),
    )

    class Meta:
        ordering = ["day", "half_day"]
        constraints = [
            models.UniqueConstraint(
                fields=["attendance", "day", "half_day"], name="unique_signature_per_half_day"
            )
        ]
        verbose_name = _("attendance signature")
        verbose_name_plural = _("attendance signatures")

    def __str__(self) -> str:
        return f"{self.attendance} {self.day} {self.half_day}"

    @property
    def is_drawn(self) -> bool:
        return bool(self.drawing)


class SessionMessage(UUIDModel):
    """A message about a session sent once to everyone concerned: the scheduled job marks it here
    in the transaction that sends it, so a rerun (or a second worker) never sends it twice."""

    class Kind(models.TextChoices):
        CONVOCATION = "convocation", _("convocation")
        REMINDER = "reminder", _("reminder the day before")
        ATTENDANCE_REMINDER = "attendance_reminder", _("reminder to record attendance")

    session = models.ForeignKey("groups.Session", on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # The session's start when it was sent: a moved session gets a new convocation.
    for_start = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "kind", "for_start"], name="unique_session_message"
            )
        ]
        verbose_name = _("session message")
        verbose_name_plural = _("session messages")

    def __str__(self) -> str:
        return f"{self.session_id} {self.kind}"
