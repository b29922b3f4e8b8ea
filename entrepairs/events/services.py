"""Every write of events, whatever the channel (page, API, task, demo): each enforces its rules.

Rules from issue 16 point 4: an event is hosted by a network (its organisers run it) or an
organisation (its coordinators run it); it ends after it starts; its capacity is never below the
people already registered; the last seat cannot be taken twice (the event's row is locked while a
seat is counted and taken); a freed seat goes to the first on the waiting list, who is told;
attendance is recorded by the organisers once the event is over; feedback is given by attendees
after the event, once each."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.notifications import When, msg, notify, when_words
from entrepairs.core.services import SYSTEM, service
from entrepairs.networks.rules import organises
from entrepairs.organisations.viewer import Viewer, viewer_for
from entrepairs.people.models import Person

from . import notification_kinds as kinds
from . import session_link
from .models import Event, ExperiencedTutorSeat, Feedback, Registration
from .rules import event_visible_q, organises_event

Status = Registration.Status

EDITABLE = (
    "kind",
    "title",
    "place",
    "video_link",
    "starts_at",
    "ends_at",
    "capacity",
    "description",
    "registration_open",
    "experienced_seats",
)


def _viewer(by: Person | None) -> Viewer:
    if by is None or getattr(by, "pk", None) is None:
        raise ValidationError(_("Only a person with an account may do this."))
    user = getattr(by, "user", None)
    if user is None:
        raise ValidationError(_("Only a person with an account may do this."))
    return viewer_for(user)


def _visible(event: Event, viewer: Viewer) -> None:
    if not Event.objects.filter(event_visible_q(viewer), pk=event.pk).exists():
        raise ValidationError(_("This event does not exist."))


def _require_organiser(event: Event, by: Person | None) -> None:
    if by is SYSTEM:
        return
    if not organises_event(_viewer(by), event):
        raise ValidationError(_("Only the event's organisers may do this."))


def when_text(event: Event) -> str:
    """ "12 janvier 2027, 19 h 00 – 22 h 30", in the active language."""
    return when_words(event.starts_at, event.ends_at)  # one home: core.notifications


def _check_host(event: Event, by: Person | None) -> None:
    if (event.network_id is None) == (event.organisation_id is None):
        raise ValidationError(_("An event is hosted by one network or one organisation."))
    if by is SYSTEM:
        return
    viewer = _viewer(by)
    if event.network_id is not None:
        if event.network is None or not organises(viewer, event.network):
            raise ValidationError({"host": _("Only the network's organisers may host its events.")})
    elif not viewer.manages(event.organisation_id):
        raise ValidationError(
            {"host": _("Only the organisation's coordinators may host its events.")}
        )


# An event is dated in this century and lasts a month at most: a typo (« 0138 », a year too far)
# is refused rather than stored as a date no calendar shows.
YEARS = range(2000, 2100)
LONGEST = timedelta(days=31)


def _check_fields(event: Event) -> None:
    errors: dict[str, str] = {}
    for name in ("starts_at", "ends_at"):
        moment = getattr(event, name)
        if moment and moment.year not in YEARS:
            errors[name] = _("Choose a date between 2000 and 2099.")
    if errors or not (event.starts_at and event.ends_at):
        pass  # a date out of the century says so first
    elif event.ends_at <= event.starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    elif event.ends_at - event.starts_at > LONGEST:
        errors["ends_at"] = _("An event lasts 31 days at most.")
    if not (event.place or "").strip() and not (event.video_link or "").strip():
        errors["place"] = _("Give a place or a video link.")
    if event.capacity is not None and event.capacity < 1:
        errors["capacity"] = _("The capacity is at least one seat (leave it empty for no limit).")
    if errors:
        raise ValidationError(errors)


def _minute(moment: datetime | None) -> datetime | None:
    return moment.replace(second=0, microsecond=0) if moment else None


def _check_past_create(event: Event, already_held: bool) -> None:
    """An event is planned ahead: one starting in the past is refused, unless the host says it is
    recorded as already held (outside test of #16: past dates were taken without a word)."""
    if already_held or event.starts_at is None or event.starts_at >= timezone.now():
        return
    raise ValidationError(
        {
            "starts_at": _(
                "The date has passed: choose a coming date, or record the event as already held."
            )
        }
    )


def _check_past_move(before: Event, after: Event) -> None:
    """A coming event moves to a coming date only; an event already started keeps its dates (its
    registrations and attendance are of that day); its other details may still be corrected."""
    moved = _minute(before.starts_at) != _minute(after.starts_at) or _minute(
        before.ends_at
    ) != _minute(after.ends_at)
    if not moved:
        return
    now = timezone.now()
    if before.starts_at < now:
        raise ValidationError(
            {"starts_at": _("This event has taken place: its dates can no longer change.")}
        )
    if after.starts_at < now:
        raise ValidationError({"starts_at": _("The date has passed: choose a coming date.")})


@service
@transaction.atomic
def event_create(*, by: Person | None, already_held: bool = False, **fields: Any) -> Event:
    """A network's organiser or an organisation's coordinator creates an event for it: a coming
    one, or one `already_held` that is recorded afterwards."""
    event = Event(
        network=fields.pop("network", None),
        organisation=fields.pop("organisation", None),
        created_by=None if by is SYSTEM else by,
        **{k: v for k, v in fields.items() if k in EDITABLE},
    )
    _check_host(event, by)
    _check_fields(event)
    _check_past_create(event, already_held)
    event.full_clean()
    event.save()
    return event


@service
@transaction.atomic
def event_update(*, event: Event, by: Person | None, **fields: Any) -> Event:
    """An organiser changes the event. The capacity may not fall below the people already
    registered (they keep their seats); a larger one gives the new seats to the waiting list."""
    _require_organiser(event, by)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    before = Event(starts_at=locked.starts_at, ends_at=locked.ends_at)
    for name, value in fields.items():
        if name in EDITABLE:
            setattr(locked, name, value)
    _check_fields(locked)
    _check_past_move(before, locked)
    registered = locked.registrations.filter(status=Status.REGISTERED).count()
    if locked.capacity is not None and locked.capacity < registered:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)s people are already registered: the capacity may not be lower."
                )
                % {"count": registered}
            }
        )
    if locked.training_session is not None:
        session_link.check_session_fits(locked, locked.training_session)
    seated = locked.experienced_tutors.count()
    if locked.experienced_seats is not None and locked.experienced_seats < seated:
        raise ValidationError(
            {
                "experienced_seats": _(
                    "%(count)s experienced tutors are already invited: the seats may not be fewer."
                )
                % {"count": seated}
            }
        )
    locked.full_clean()
    locked.save()
    _fill_free_seats(locked)
    return locked


def _free_seats(event: Event) -> int | None:
    if event.capacity is None:
        return None
    taken = event.registrations.filter(status=Status.REGISTERED).count()
    return max(event.capacity - taken, 0)


def _fill_free_seats(event: Event) -> list[Registration]:
    """Give each free seat to the first on the waiting list, and tell them (the event's row is
    locked by the caller)."""
    promoted: list[Registration] = []
    while True:
        free = _free_seats(event)
        if free is not None and free <= 0:
            break
        first = (
            event.registrations.filter(status=Status.WAITING)
            .select_related("person__user")
            .order_by("joined_at", "id")
            .first()
        )
        if first is None:
            break
        first.status = Status.REGISTERED
        first.save(update_fields=["status", "updated_at"])
        session_link.enrol_in_session(event, first.person)
        promoted.append(first)
        _tell_seat_freed(event, first)
    return promoted


def _tell_seat_freed(event: Event, registration: Registration) -> None:
    user = registration.person.user
    if user is None:
        return
    notify(
        recipient=user,
        kind=kinds.SEAT_FREED,
        organisation=event.host_organisation_id,
        subject=msg("A seat is yours: %(title)s", title=event.title),
        body=msg(
            "A seat was freed at %(title)s (%(when)s) and it is yours: you are registered. "
            "If you cannot come, cancel so the next person gets it.",
            title=event.title,
            when=When(event.starts_at, event.ends_at),
        ),
        link=reverse("events:detail", args=[event.pk]),
    )


@service
def register(*, event: Event, by: Person | None) -> Registration:
    """Register `by` to the event, or put them on its waiting list when it is full.

    The event's row is locked while the seats are counted and one is taken, so two people can
    never take the last seat: on PostgreSQL the second waits for the first's commit, then finds
    the event full."""
    viewer = _viewer(by)
    assert by is not None
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _visible(locked, viewer)
        if not locked.registration_open:
            raise ValidationError(_("Registration for this event is closed."))
        if locked.starts_at <= timezone.now():
            raise ValidationError(_("This event has already started: registration is closed."))
        if ExperiencedTutorSeat.objects.filter(event=locked, person=by).exists():
            raise ValidationError(_("You are invited as an experienced tutor."))
        existing = Registration.objects.filter(event=locked, person=by).first()
        if existing is not None and existing.status != Status.CANCELLED:
            raise ValidationError(
                _("You are already registered.")
                if existing.status == Status.REGISTERED
                else _("You are already on the waiting list.")
            )
        free = _free_seats(locked)
        status = Status.REGISTERED if free is None or free > 0 else Status.WAITING
        now = timezone.now()
        if existing is None:
            existing = Registration.objects.create(
                event=locked, person=by, status=status, joined_at=now
            )
        else:
            existing.status, existing.joined_at, existing.attended = status, now, None
            existing.reminded_at = None
            existing.save()
        if status == Status.REGISTERED:
            session_link.enrol_in_session(locked, by)  # a training event's seat is the session's
        return existing


@service
def cancel(*, event: Event, by: Person | None) -> Registration:
    """`by` cancels their registration or leaves the waiting list. A freed seat goes at once to
    the first on the waiting list, who is told in the app and by e-mail."""
    viewer = _viewer(by)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _visible(locked, viewer)
        if locked.starts_at <= timezone.now():
            raise ValidationError(
                _("This event has already started: it can no longer be cancelled.")
            )
        registration = (
            Registration.objects.filter(event=locked, person=by)
            .exclude(status=Status.CANCELLED)
            .first()
        )
        if registration is None:
            raise ValidationError(_("You are not registered to this event."))
        seated = registration.status == Status.REGISTERED
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        if seated:
            session_link.withdraw_from_session(locked, registration.person)
        _fill_free_seats(locked)
        return registration


@service
@transaction.atomic
def attendance_record(
    *, event: Event, present: Iterable[Any], by: Person | None, now: datetime | None = None
) -> int:
    """The organisers record, once the event is over, who of the registered people attended
    (`present`: registration ids); the others are marked absent."""
    _require_organiser(event, by)
    if event.ends_at > (now or timezone.now()):
        raise ValidationError(_("Attendance is recorded once the event is over."))
    rows = list(event.registrations.filter(status=Status.REGISTERED).select_related("person"))
    known = {str(r.pk) for r in rows}
    wanted = {str(x) for x in present}
    unknown = wanted - known
    if unknown:
        raise ValidationError({"present": _("Only registered people can be marked present.")})
    for row in rows:
        row.attended = str(row.pk) in wanted
        row.save(update_fields=["attended", "updated_at"])
    session_link.record_session_attendance(
        event, [row.person for row in rows if row.attended], by=by
    )
    return len(wanted)


@service
@transaction.atomic
def feedback_give(
    *, event: Event, by: Person | None, rating: int, comment: str = "", now: datetime | None = None
) -> Feedback:
    """An attendee rates the event (1 to 5) and may add a comment, once the event is over; giving
    it again replaces it. A person not registered, or marked absent, is refused."""
    viewer = _viewer(by)
    _visible(event, viewer)
    if event.ends_at > (now or timezone.now()):
        raise ValidationError(_("You can give your feedback once the event is over."))
    attended = (
        Registration.objects.filter(event=event, person=by, status=Status.REGISTERED)
        .exclude(attended=False)
        .exists()
    )
    if not attended:
        raise ValidationError(_("Only the people who attended the event can give feedback."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    feedback, _created = Feedback.objects.update_or_create(
        event=event, person=by, defaults={"rating": rating, "comment": comment.strip()}
    )
    return feedback


def reminders_due(now: datetime) -> Any:
    """Registrations to events starting tomorrow (Paris day) not reminded yet."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
    end = start + timedelta(days=1)
    return (
        Registration.objects.filter(
            status=Status.REGISTERED,
            reminded_at__isnull=True,
            event__starts_at__gte=start,
            event__starts_at__lt=end,
            person__user__isnull=False,
        )
        .select_related("event", "event__network", "person__user")
        .order_by("event__starts_at", "id")
    )


@service
def reminders_send(*, now: datetime | None = None) -> int:
    """The day before an event, each registered person is reminded (in the app and by e-mail:
    the event's title, when, where and a link). Each registration is claimed before its message
    is sent, so a rerun or a second worker sends nothing twice."""
    now = now or timezone.now()
    sent = 0
    for registration in reminders_due(now):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            event = registration.event
            where = event.place or msg("online")
            notify(
                recipient=registration.person.user,
                kind=kinds.EVENT_TOMORROW,
                organisation=event.host_organisation_id,
                subject=msg("Tomorrow: %(title)s", title=event.title),
                body=msg(
                    "Reminder: %(title)s is tomorrow, %(when)s, %(place)s.",
                    title=event.title,
                    when=When(event.starts_at, event.ends_at),
                    place=where,
                ),
                link=reverse("events:detail", args=[event.pk]),
            )
            sent += 1
    return sent
