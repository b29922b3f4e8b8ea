"""A training event held as a training session (issue 16 point 6: "the first training of new
tutors is an event where they meet experienced tutors").

The event's registration is the session's enrolment and the event's attendance records the
session's: each step calls training's own service (session_enrol, session_withdraw,
session_record_attendance), so the rules of training (who it trains, seats, completions) keep
one home. Training knows nothing of events: the guard and the trainee source below are handed to
it (apps.py), as mentoring hands its own."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from entrepairs.core.services import SYSTEM
from entrepairs.people.models import Person
from entrepairs.training import services as training_services
from entrepairs.training.models import TrainingSession
from entrepairs.training.selectors import HeldAs

from .models import Event, Registration

Status = Registration.Status


def linked_event(session: TrainingSession) -> Event | None:
    return Event.objects.filter(training_session=session).first()


def enrol_in_session(event: Event, person: Person) -> None:
    """A seat taken at the event (registered, or given from the waiting list) is the person's seat
    at the session; training refuses someone it does not train, or a full session."""
    if event.training_session_id is None:
        return
    assert event.training_session is not None
    training_services.session_enrol(session=event.training_session, person=person, by=SYSTEM)


def withdraw_from_session(event: Event, person: Person) -> None:
    if event.training_session_id is None:
        return
    assert event.training_session is not None
    training_services.session_withdraw(session=event.training_session, person=person, by=SYSTEM)


def record_session_attendance(event: Event, present: Iterable[Person], by: Any) -> None:
    """The attendees (registered as participants, not the experienced tutors) complete the
    session's module on its day: training's completion service, one home for completions."""
    if event.training_session_id is None:
        return
    assert event.training_session is not None
    training_services.session_record_attendance(
        session=event.training_session, people=list(present), by=by
    )


def guard_enrolment(session: TrainingSession, person: Person, action: str) -> None:
    """Handed to training: a session held as an event takes and gives back seats through the
    event only (its waiting list, its seats), never from « Mes formations » alone."""
    event = linked_event(session)
    if event is None:
        return
    registered = Registration.objects.filter(
        event=event, person=person, status=Status.REGISTERED
    ).exists()
    if (action == "enrol" and not registered) or (action == "withdraw" and registered):
        raise ValidationError(
            {
                "session": _(
                    "This session is held as the event “%(title)s”: register or cancel on the "
                    "event's page."
                )
                % {"title": event.title}
            }
        )


def held_as_events(session_ids: list[Any]) -> dict[Any, HeldAs]:
    """Handed to training: where each session held as an event takes its seats (the event's
    page, with its waiting list), for « Mes formations » to link there instead of enrolling."""
    return {
        session_id: HeldAs(title=title, url=reverse("events:detail", args=[pk]))
        for pk, session_id, title in Event.objects.filter(
            training_session_id__in=session_ids
        ).values_list("pk", "training_session_id", "title")
    }


def trained_through_events(person: Person) -> set[Any]:
    """Handed to training: the organisation giving a session held as an event trains whoever
    registered to that event (a tutor of another organisation of the network)."""
    return set(
        Registration.objects.filter(
            person=person,
            status=Status.REGISTERED,
            event__training_session__isnull=False,
        ).values_list("event__training_session__module__organisation_id", flat=True)
    )


def check_session_fits(event: Event, session: TrainingSession) -> None:
    """A session held as an event is the event's day, has the seats the event gives, and is a
    training: otherwise a registration would enrol to the wrong day or find the session full."""
    from django.utils import timezone

    from .models import Kind

    errors: dict[str, str] = {}
    if event.kind != Kind.TRAINING:
        errors["kind"] = _("Only a training event is held as a training session.")
    if timezone.localtime(event.starts_at).date() != session.held_on:
        errors["starts_at"] = _(
            "The event starts on another day than its training session: they are held the same day."
        )
    if session.capacity is not None and (
        event.capacity is None or event.capacity > session.capacity
    ):
        errors["capacity"] = _(
            "The training session has %(seats)s seats: the event may not offer more."
        ) % {"seats": session.capacity}
    if errors:
        raise ValidationError(errors)
