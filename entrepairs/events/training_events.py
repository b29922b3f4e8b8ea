"""The first training of new tutors, an event where they meet experienced tutors (issue 16
point 6; seed 000: "a first training of new tutors should both teach and create bonds").

Writes: hold a training session as an event (create the event from the session, or link an
existing training event), invite experienced tutors to their own seats, and an invited tutor
declining. Who counts as an experienced tutor is coaching's say (a coach open to new tutors):
coaching hands its source here (apps.py), events does not import coaching."""

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from entrepairs.core.notifications import When, msg, notify
from entrepairs.core.services import SYSTEM, service
from entrepairs.organisations.services import require_coordinates
from entrepairs.people.models import Person
from entrepairs.training.models import TrainingEnrolment, TrainingSession

from . import notification_kinds as kinds
from . import services, session_link
from .models import Event, ExperiencedTutorSeat, Kind, Registration
from .rules import event_visible_q

# A source maps the organisations an event gathers to the experienced tutors among their people.
ExperiencedSource = Callable[[set[Any]], Iterable[Any]]
_EXPERIENCED_SOURCES: list[ExperiencedSource] = []


def register_experienced_tutor_source(source: ExperiencedSource) -> None:
    if source not in _EXPERIENCED_SOURCES:
        _EXPERIENCED_SOURCES.append(source)


def gathered_organisations(event: Event) -> set[Any]:
    """The organisations whose people the event is for: its organisation, or its network's
    accepted member organisations."""
    from entrepairs.networks.selectors import member_organisation_ids

    if event.organisation_id is not None:
        return {event.organisation_id}
    return member_organisation_ids(event.network) if event.network is not None else set()


def experienced_tutors_for(event: Event) -> QuerySet[Person]:
    """Who may be invited as an experienced tutor: whom the sources name (coaching: a coach open
    to new tutors) among the people the event gathers (one without an account is invited all the
    same: the organisers tell them)."""
    orgs = gathered_organisations(event)
    ids: set[Any] = set()
    for source in _EXPERIENCED_SOURCES:
        ids |= set(source(orgs))
    return Person.objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name")


def invitable_experienced_tutors(event: Event) -> QuerySet[Person]:
    """The experienced tutors not invited nor registered yet (the organisers' choice)."""
    taken = Registration.objects.filter(event=event).exclude(status=Registration.Status.CANCELLED)
    return (
        experienced_tutors_for(event)
        .exclude(pk__in=event.experienced_tutors.values("person_id"))
        .exclude(pk__in=taken.values("person_id"))
    )


def _require_organiser_and_trainer(event: Event, session: TrainingSession, by: Any) -> None:
    services._require_organiser(event, by)
    require_coordinates(
        by,
        session.module.organisation_id,
        _("Only the coordinators of the training's organisation may hold its sessions as events."),
        "training_session",
    )


@service
@transaction.atomic
def training_session_link(*, event: Event, session: TrainingSession, by: Any) -> Event:
    """Hold a training session as this training event: from now on registering enrols in the
    session and the event's attendance records the session's. By someone who organises the event
    and coordinates the training's organisation; the same day, no more seats than the session;
    a session nobody enrolled to yet (its enrolments would be seats outside the event)."""
    event = Event.objects.select_for_update(of=("self",)).select_related("network").get(pk=event.pk)
    session = TrainingSession.objects.select_related("module").get(pk=session.pk)
    _require_organiser_and_trainer(event, session, by)
    if event.training_session_id is not None:
        raise ValidationError(
            {"training_session": _("This event is already held as a training session.")}
        )
    if Event.objects.filter(training_session=session).exists():
        raise ValidationError(
            {"training_session": _("This training session is already held as another event.")}
        )
    if TrainingEnrolment.objects.filter(session=session).exists():
        raise ValidationError(
            {
                "training_session": _(
                    "People are already enrolled to this session: choose a session nobody "
                    "enrolled to yet."
                )
            }
        )
    session_link.check_session_fits(event, session)
    event.training_session = session
    event.save(update_fields=["training_session", "updated_at"])
    for registration in event.registrations.filter(
        status=Registration.Status.REGISTERED
    ).select_related("person"):
        session_link.enrol_in_session(event, registration.person)
    return event


@service
@transaction.atomic
def training_event_create(*, session: TrainingSession, by: Any, **fields: Any) -> Event:
    """An event of kind training for a session (its day, place and seats unless given), hosted
    by the training's organisation unless a network is given; linked at once."""
    session = TrainingSession.objects.select_related("module").get(pk=session.pk)
    fields.setdefault("title", session.module.name)
    fields.setdefault("place", session.place)
    fields.setdefault("capacity", session.capacity)
    if fields.get("network") is None:
        fields["organisation"] = session.module.organisation
    fields["kind"] = Kind.TRAINING
    event = services.event_create(by=by, **fields)
    return training_session_link(event=event, session=session, by=by)


@service
@transaction.atomic
def experienced_tutor_invite(*, event: Event, person: Person, by: Any) -> ExperiencedTutorSeat:
    """An organiser invites an experienced tutor (a coach open to new tutors, among the people
    the event gathers) to a training event, on its seats for experienced tutors; they are told.
    The event's row is locked while the seats are counted, so the last one has one taker."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    services._require_organiser(event, by)
    if event.kind != Kind.TRAINING:
        raise ValidationError({"person": _("Experienced tutors are invited to a training.")})
    if not experienced_tutors_for(event).filter(pk=person.pk).exists():
        raise ValidationError(
            {
                "person": _(
                    "%(name)s is not an experienced tutor of this event's organisations (a coach "
                    "open to new tutors)."
                )
                % {"name": person}
            }
        )
    existing = ExperiencedTutorSeat.objects.filter(event=event, person=person).first()
    if existing is not None:
        return existing
    registered = Registration.objects.filter(event=event, person=person).exclude(
        status=Registration.Status.CANCELLED
    )
    if registered.exists():
        raise ValidationError(
            {"person": _("%(name)s is registered as a participant.") % {"name": person}}
        )
    seats = event.experienced_seats
    if seats is not None and event.experienced_tutors.count() >= seats:
        raise ValidationError(
            {
                "person": _(
                    "The %(seats)s seats for experienced tutors are taken: add seats or invite "
                    "someone else later."
                )
                % {"seats": seats}
            }
        )
    seat = ExperiencedTutorSeat.objects.create(
        event=event, person=person, invited_by=None if by is SYSTEM else by
    )
    if person.user is not None:
        notify(
            recipient=person.user,
            kind=kinds.EXPERIENCED_INVITED,
            organisation=event.host_organisation_id,
            subject=msg("Invited as an experienced tutor: %(title)s", title=event.title),
            body=msg(
                "You are invited to %(title)s (%(when)s) as an experienced tutor, to meet the new "
                "tutors. If you cannot come, decline on the event's page.",
                title=event.title,
                when=When(event.starts_at, event.ends_at),
            ),
            link=reverse("events:detail", args=[event.pk]),
        )
    return seat


@service
@transaction.atomic
def experienced_tutor_decline(*, event: Event, by: Person | None) -> None:
    """An invited experienced tutor gives their seat back (before or after the event: the seat
    only says who was invited)."""
    if (
        by is None
        or not Event.objects.filter(event_visible_q(services._viewer(by)), pk=event.pk).exists()
    ):
        raise ValidationError(_("This event does not exist."))
    deleted, _rows = ExperiencedTutorSeat.objects.filter(event=event, person=by).delete()
    if not deleted:
        raise ValidationError(_("You are not invited as an experienced tutor."))


def experienced_seats_of(event: Event) -> list[ExperiencedTutorSeat]:
    return list(event.experienced_tutors.select_related("person").order_by("created_at", "id"))


def is_invited(event: Event, person_id: Any) -> bool:
    return person_id is not None and event.experienced_tutors.filter(person_id=person_id).exists()
