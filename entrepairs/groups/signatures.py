"""Attendance signed electronically, per half-day (issue 13 point 5; DECISIONS.md: French
training-body practice signs attendance per half-day).

Rules (one home, every channel calls `attendance_sign`):
- a session is one half-day unless it spans more (`half_days`): 14:00–17:30 is one afternoon,
  09:00–17:00 a morning and an afternoon, two days four half-days;
- a member signs on their own device (for themselves, from the start of the half-day to the end of
  the day after the session), or on a facilitator's device, which the facilitator of the group holds
  (a drawn or typed signature, collected at any time after the half-day started);
- signing marks the member present; a member the facilitator marked absent or excused did not
  attend, so there is nothing to sign (refused, named); and the other way round, a member who
  signed cannot be marked absent or excused (`signed_member_ids`, checked by attendance_record);
- a drawn signature is a small PNG (type, size and dimensions checked), a typed one a name.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.french import long_date
from entrepairs.core.services import service
from entrepairs.core.text import is_blank
from entrepairs.people.models import Person

from .models import Attendance, AttendanceSignature, GroupMember, HalfDay, Session
from .signals import session_held

NOON = time(13, 0)  # French practice: the morning ends at lunch
MIN_OVERLAP = timedelta(hours=1)  # a session crossing 13:00 by a few minutes stays one half-day
# A member who forgot signs on their own device until the end of the next day, not later.
OWN_DEVICE_GRACE_DAYS = 1


def _folded(text: str) -> list[str]:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return "".join(c if c.isalnum() else " " for c in plain).split()


def _is_name_of(typed: str, person: Any) -> bool:
    """A typed signature holds the member's first and last names (any case, accents, order)."""
    words = set(_folded(typed))
    return bool(words) and set(_folded(f"{person.first_name} {person.last_name}")) <= words


MAX_DRAWING_BYTES = 60_000
MAX_DRAWING_SIZE = (1200, 600)
PNG_PREFIX = "data:image/png;base64,"


@dataclass(frozen=True)
class Slot:
    day: date
    half_day: str  # HalfDay value

    @property
    def key(self) -> str:
        return f"{self.day.isoformat()}-{self.half_day}"

    @property
    def label(self) -> str:
        return f"{long_date(self.day, 'j F Y')}, {HalfDay(self.half_day).label}"

    def bounds(self) -> tuple[datetime, datetime]:
        tz = timezone.get_current_timezone()
        midnight = datetime.combine(self.day, time(0), tzinfo=tz)
        noon = datetime.combine(self.day, NOON, tzinfo=tz)
        if self.half_day == HalfDay.MORNING:
            return midnight, noon
        return noon, midnight + timedelta(days=1)


def half_days(session: Session) -> list[Slot]:
    """The half-days a session covers: each morning and afternoon it overlaps by an hour or more;
    a short session is the half-day it mostly falls in."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    slots: list[tuple[timedelta, Slot]] = []
    day = start.date()
    while day <= end.date():
        for half in (HalfDay.MORNING, HalfDay.AFTERNOON):
            slot = Slot(day, half.value)
            low, high = slot.bounds()
            overlap = min(end, high) - max(start, low)
            if overlap > timedelta(0):
                slots.append((overlap, slot))
        day += timedelta(days=1)
    kept = [slot for overlap, slot in slots if overlap >= MIN_OVERLAP]
    if not kept and slots:
        kept = [max(slots, key=lambda pair: pair[0])[1]]
    return kept


def parse_slot(session: Session, key: str) -> Slot:
    """A half-day of this session from its key ("2027-01-12-pm"), or a field error."""
    for slot in half_days(session):
        if slot.key == key:
            return slot
    raise ValidationError({"half_day": _("This session has no such half-day.")})


def decode_drawing(value: str | bytes) -> bytes:
    """A drawn signature: a PNG (data URL or bytes), at most 60 kB and 1200×600 pixels, with ink."""
    if isinstance(value, str):
        if not value.startswith(PNG_PREFIX):
            raise ValidationError({"drawing": _("A drawn signature is a PNG image.")})
        if len(value) > MAX_DRAWING_BYTES * 4 // 3 + len(PNG_PREFIX) + 4:
            raise ValidationError({"drawing": _("The drawn signature is too large.")})
        try:
            value = base64.b64decode(value[len(PNG_PREFIX) :], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError({"drawing": _("A drawn signature is a PNG image.")}) from exc
    if len(value) > MAX_DRAWING_BYTES:
        raise ValidationError({"drawing": _("The drawn signature is too large.")})
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(value)) as image:
            if image.format != "PNG":
                raise ValidationError({"drawing": _("A drawn signature is a PNG image.")})
            width, height = image.size
            if width > MAX_DRAWING_SIZE[0] or height > MAX_DRAWING_SIZE[1]:
                raise ValidationError({"drawing": _("The drawn signature is too large.")})
            image.load()
            flat = Image.new("RGBA", image.size, "white")
            flat.alpha_composite(image.convert("RGBA"))
            darkest = flat.convert("L").getextrema()[0]
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError({"drawing": _("A drawn signature is a PNG image.")}) from exc
    if isinstance(darkest, tuple) or darkest > 200:
        raise ValidationError({"drawing": _("The signature pad is empty: sign in the box.")})
    return value


def signing_closes_at(session: Session) -> datetime:
    """When signatures stop being taken for the session, on either device: the end of the day
    after it (the page shows the window closed, as `attendance_sign` refuses)."""
    return datetime.combine(
        timezone.localtime(session.ends_at).date() + timedelta(days=1 + OWN_DEVICE_GRACE_DAYS),
        time(0),
        tzinfo=timezone.get_current_timezone(),
    )


def signed_member_ids(session: Session, member_ids: Any) -> set[Any]:
    return set(
        AttendanceSignature.objects.filter(
            attendance__session=session, attendance__member_id__in=list(member_ids)
        ).values_list("attendance__member_id", flat=True)
    )


@service
@transaction.atomic
def attendance_sign(
    *,
    session: Session,
    member: GroupMember,
    half_day: str,
    by: Person | None,
    own_device: bool,
    typed_name: str = "",
    drawing: str | bytes = "",
    ip_address: str | None = None,
    given_at: datetime | None = None,
) -> AttendanceSignature:
    """A member signs the attendance of one half-day of a session (see the module's rules).
    `given_at` is for trusted code only (the demo writes signatures given on a past day); the
    page and the API never pass it: a signature is dated by the server's clock."""
    session = (
        Session.objects.select_for_update(of=("self",)).select_related("group").get(pk=session.pk)
    )
    group = session.group
    if by is None:
        raise ValidationError(_("Sign in as the member or as a facilitator of the group."))
    if own_device and by.pk != member.person_id:
        raise ValidationError({"member": _("On your own device, you sign only for yourself.")})
    if not own_device and by.pk not in group.facilitator_ids():
        raise ValidationError(
            {"member": _("Only a facilitator of the group collects signatures on their device.")}
        )
    if member.group_id != group.pk or member.status != GroupMember.Status.ACTIVE:
        raise ValidationError({"member": _("Only an active member of the group signs.")})
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session was cancelled: there is nothing to sign."))
    slot = parse_slot(session, half_day)
    now = given_at or timezone.now()
    if now < max(slot.bounds()[0], session.starts_at):
        raise ValidationError(
            {
                "half_day": _("%(slot)s has not started yet: sign once you are there.")
                % {"slot": slot.label}
            }
        )
    if now >= signing_closes_at(session):
        # Signatures are given in the room or just after, on either device (outside test: one
        # was "collected" on the facilitator's device 43 days later).
        raise ValidationError(
            {
                "half_day": _(
                    "Signing on your own device closes at the end of the day after the session."
                )
                if own_device
                else _(
                    "On the facilitator's device, signatures are collected by the end of the day "
                    "after the session."
                )
            }
        )
    row = Attendance.objects.select_for_update().filter(session=session, member=member).first()
    if row is not None and row.status != Attendance.Status.PRESENT:
        raise ValidationError(
            {
                "member": _(
                    "%(name)s was marked %(status)s for this session: a member who did not attend "
                    "signs nothing."
                )
                % {"name": member.person, "status": row.get_status_display().lower()}
            }
        )
    typed_name = (typed_name or "").strip()
    if bool(drawing) == bool(typed_name):
        raise ValidationError(
            {"typed_name": _("Draw your signature or type your name (one of the two).")}
        )
    picture = decode_drawing(drawing) if drawing else b""
    if not picture and is_blank(typed_name):
        raise ValidationError({"typed_name": _("Type your name.")})
    if len(typed_name) > 120:
        raise ValidationError({"typed_name": _("At most 120 characters.")})
    if typed_name and not _is_name_of(typed_name, member.person):
        raise ValidationError(
            {
                "typed_name": _("Type the member's own name: %(name)s.")
                % {"name": f"{member.person.first_name} {member.person.last_name}"}
            }
        )
    if row is None:
        row = Attendance.objects.create(
            session=session, member=member, status=Attendance.Status.PRESENT, recorded_by=by
        )
    if row.signatures.filter(day=slot.day, half_day=slot.half_day).exists():
        raise ValidationError(
            {
                "half_day": _("%(name)s already signed for %(slot)s.")
                % {"name": member.person, "slot": slot.label}
            }
        )
    signature = AttendanceSignature.objects.create(
        attendance=row,
        day=slot.day,
        half_day=slot.half_day,
        signed_at=now,
        method=(
            AttendanceSignature.Method.OWN_DEVICE
            if own_device
            else AttendanceSignature.Method.FACILITATOR_DEVICE
        ),
        typed_name=typed_name if not picture else "",
        drawing=picture,
        ip_address=ip_address,
        collected_by=None if own_device else by,
    )
    if session.status == Session.Status.PLANNED:
        session.status = Session.Status.HELD
        session.save(update_fields=["status", "updated_at"])
        session_held.send(sender=Session, session=session)  # seed 003: invoiced as held
    return signature
