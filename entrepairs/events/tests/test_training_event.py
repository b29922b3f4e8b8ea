"""The first training of new tutors is an event where they meet experienced tutors (issue 16
point 6): a training session held as an event, whose registration enrols in the session and whose
attendance records the training completed; experienced tutors (coaches open to new tutors) are
invited on their own seats. Pages and API go through the same services."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from entrepairs.coaching import services as coaching_services
from entrepairs.core.notifications import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.events import services, training_events
from entrepairs.events.models import Event, ExperiencedTutorSeat, Kind, Registration
from entrepairs.training import services as training_services
from entrepairs.training.models import TrainingCompletion, TrainingEnrolment, TrainingModule

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_training(world: Any) -> TrainingModule:
    """Organisation A's first training of new tutors, completed at a session only."""
    module = training_services.module_save(
        module=TrainingModule(
            organisation=world.org_a,
            name="Premiers pas du tuteur",
            audience=TrainingModule.Audience.STAFF,
            requires_session=True,
        ),
        staff_roles=["professional"],
        by=SYSTEM,
    )
    return module


@pytest.fixture
def held(world: Any, first_training: TrainingModule, make_event: Any) -> Event:
    """A training event of organisation A, in a week, held as the session of that day."""
    event = make_event(host=world.org_a, kind=Kind.TRAINING, title="Première formation", capacity=2)
    session = training_services.session_schedule(
        module=first_training,
        held_on=timezone.localtime(event.starts_at).date(),
        capacity=2,
        by=SYSTEM,
    )
    return training_events.training_session_link(event=event, session=session, by=world.coordinator)


def _enrolled(event: Event) -> set[Any]:
    return set(
        TrainingEnrolment.objects.filter(session=event.training_session).values_list(
            "person_id", flat=True
        )
    )


def _make_it_past(event: Event) -> None:
    """The week goes by: the event and its session move to yesterday together."""
    shift = timedelta(days=8)
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - shift, ends_at=event.ends_at - shift
    )
    assert event.training_session is not None
    session = event.training_session
    type(session).objects.filter(pk=session.pk).update(held_on=session.held_on - shift)
    event.refresh_from_db()


def _coach(person: Any) -> None:
    coaching_services.offer_save(by=person, capacity=2, profession="tutor")


def test_it_enrols_in_the_session_whoever_takes_a_seat_at_the_event(
    world: Any, held: Event
) -> None:
    services.register(event=held, by=world.colleague)
    services.register(event=held, by=world.manager)
    waiting = services.register(event=held, by=world.facilitator)
    assert waiting.status == Registration.Status.WAITING
    assert _enrolled(held) == {world.colleague.pk, world.manager.pk}
    services.cancel(event=held, by=world.colleague)  # the seat goes to the first waiting
    assert _enrolled(held) == {world.manager.pk, world.facilitator.pk}


def test_the_events_attendance_records_the_training_completed(world: Any, held: Event) -> None:
    services.register(event=held, by=world.colleague)
    services.register(event=held, by=world.manager)
    _make_it_past(held)
    colin = Registration.objects.get(event=held, person=world.colleague)
    services.attendance_record(event=held, present=[colin.pk], by=world.coordinator)
    done = TrainingCompletion.objects.get(person=world.colleague)
    assert done.session_id == held.training_session_id
    assert done.completed_on == timezone.localtime(held.starts_at).date()
    assert not TrainingCompletion.objects.filter(person=world.manager).exists()
    assert held.training_session is not None
    assert set(held.training_session.attendees.all()) == {world.colleague}


def test_a_session_held_as_an_event_takes_its_seats_through_the_event_only(
    world: Any, held: Event
) -> None:
    assert held.training_session is not None
    with pytest.raises(ValidationError, match="register or cancel on the event"):
        training_services.session_enrol(
            session=held.training_session, person=world.colleague, by=world.colleague
        )
    services.register(event=held, by=world.colleague)
    with pytest.raises(ValidationError, match="register or cancel on the event"):
        training_services.session_withdraw(
            session=held.training_session, person=world.colleague, by=world.colleague
        )
    assert _enrolled(held) == {world.colleague.pk}


def test_linking_refuses_another_day_more_seats_another_kind_and_outsiders(
    world: Any, first_training: TrainingModule, make_event: Any
) -> None:
    event = make_event(host=world.org_a, kind=Kind.TRAINING, capacity=5)
    day = timezone.localtime(event.starts_at).date()
    other_day = training_services.session_schedule(
        module=first_training, held_on=day + timedelta(days=1), by=SYSTEM
    )
    with pytest.raises(ValidationError, match="another day"):
        training_events.training_session_link(event=event, session=other_day, by=world.coordinator)
    small = training_services.session_schedule(
        module=first_training, held_on=day, capacity=3, by=SYSTEM
    )
    with pytest.raises(ValidationError, match="3 seats"):
        training_events.training_session_link(event=event, session=small, by=world.coordinator)
    dinner = make_event(host=world.org_a, kind=Kind.DINNER, capacity=3)
    with pytest.raises(ValidationError, match="Only a training event"):
        training_events.training_session_link(event=dinner, session=small, by=world.coordinator)
    with pytest.raises(ValidationError, match="organisers"):
        training_events.training_session_link(event=event, session=small, by=world.professional)
    event.refresh_from_db()
    assert event.training_session_id is None and dinner.training_session_id is None


def test_the_events_date_may_not_leave_its_sessions_day(world: Any, held: Event) -> None:
    with pytest.raises(ValidationError, match="another day"):
        services.event_update(
            event=held,
            by=world.coordinator,
            starts_at=held.starts_at + timedelta(days=2),
            ends_at=held.ends_at + timedelta(days=2),
        )


def test_experienced_tutors_are_coaches_invited_on_their_own_seats(world: Any, held: Event) -> None:
    services.event_update(event=held, by=world.coordinator, experienced_seats=1)
    with pytest.raises(ValidationError, match="not an experienced tutor"):
        training_events.experienced_tutor_invite(
            event=held, person=world.professional, by=world.coordinator
        )
    _coach(world.professional)
    _coach(world.manager)
    assert set(training_events.invitable_experienced_tutors(held)) == {
        world.professional,
        world.manager,
    }
    with pytest.raises(ValidationError, match="organisers"):
        training_events.experienced_tutor_invite(
            event=held, person=world.professional, by=world.professional
        )
    training_events.experienced_tutor_invite(
        event=held, person=world.professional, by=world.coordinator
    )
    told = Notification.objects.get(recipient=world.professional.user)
    assert "experienced tutor" in told.subject
    with pytest.raises(ValidationError, match="seats for experienced tutors are taken"):
        training_events.experienced_tutor_invite(
            event=held, person=world.manager, by=world.coordinator
        )
    # Their seats are not the new tutors': the event's two seats are still free.
    services.register(event=held, by=world.colleague)
    services.register(event=held, by=world.facilitator)
    assert _enrolled(held) == {world.colleague.pk, world.facilitator.pk}
    with pytest.raises(ValidationError, match="invited as an experienced tutor"):
        services.register(event=held, by=world.professional)
    training_events.experienced_tutor_decline(event=held, by=world.professional)
    assert not ExperiencedTutorSeat.objects.filter(event=held).exists()


def test_the_event_page_shows_the_session_and_its_experienced_tutors(
    world: Any, held: Event, client_for: Any
) -> None:
    _coach(world.professional)
    page = client_for(world.coordinator).get(reverse("events:detail", args=[held.pk]))
    html = page.content.decode()
    assert 'id="training-session"' in html and "Premiers pas du tuteur" in html
    assert "Paula Pro" in html  # the coach they may invite
    answer = client_for(world.coordinator).post(
        reverse("events:invite_experienced", args=[held.pk]), {"person": world.professional.pk}
    )
    assert answer.status_code == 302
    assert ExperiencedTutorSeat.objects.filter(event=held, person=world.professional).exists()
    mine = client_for(world.professional).get(reverse("events:detail", args=[held.pk]))
    assert 'id="invited-as-experienced"' in mine.content.decode()
    assert held.training_session is not None
    session_page = client_for(world.coordinator).get(
        reverse("training:session", args=[held.training_session.pk])
    )
    assert reverse("events:detail", args=[held.pk]) in session_page.content.decode()


def test_a_member_may_not_invite_nor_link(world: Any, held: Event, client_for: Any) -> None:
    _coach(world.professional)
    answer = client_for(world.colleague).post(
        reverse("events:invite_experienced", args=[held.pk]), {"person": world.professional.pk}
    )
    assert answer.status_code == 403
    outsider = client_for(world.coordinator_b).post(
        reverse("events:invite_experienced", args=[held.pk]), {"person": world.professional.pk}
    )
    assert outsider.status_code == 404
    assert not ExperiencedTutorSeat.objects.exists()


def test_a_training_event_is_planned_from_its_session_page(
    world: Any, first_training: TrainingModule, client_for: Any
) -> None:
    day = timezone.localdate() + timedelta(days=10)
    session = training_services.session_schedule(
        module=first_training, held_on=day, capacity=8, place="Lille", by=SYSTEM
    )
    client = client_for(world.coordinator)
    form = client.get(reverse("events:create") + f"?training_session={session.pk}")
    assert 'name="training_session"' in form.content.decode()
    answer = client.post(
        reverse("events:create"),
        {
            "training_session": session.pk,
            "host": f"organisation:{world.org_a.pk}",
            "kind": "training",
            "title": "Première formation des nouveaux tuteurs",
            "place": "Lille",
            "starts_at": f"{day.isoformat()}T09:00",
            "ends_at": f"{day.isoformat()}T17:00",
            "capacity": 8,
            "experienced_seats": 3,
            "registration_open": "on",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    event = Event.objects.get(training_session=session)
    assert event.experienced_seats == 3
    # Someone who does not run the training gets a 404 for its session.
    refused = client_for(world.professional).get(
        reverse("events:create") + f"?training_session={session.pk}"
    )
    assert refused.status_code in (403, 404)


def test_the_api_holds_a_session_invites_and_declines(
    world: Any, first_training: TrainingModule, make_event: Any, api_for: Any
) -> None:
    event = make_event(host=world.org_a, kind=Kind.TRAINING, capacity=4)
    session = training_services.session_schedule(
        module=first_training, held_on=timezone.localtime(event.starts_at).date(), by=SYSTEM
    )
    url = f"/api/v1/events/{event.pk}/"
    refused = api_for(world.professional).post(
        url + "training-session/", {"training_session": str(session.pk)}, format="json"
    )
    assert refused.status_code == 403
    linked = api_for(world.coordinator).post(
        url + "training-session/", {"training_session": str(session.pk)}, format="json"
    )
    assert linked.status_code == 200, linked.content
    assert linked.json()["training_session"] == str(session.pk)
    _coach(world.manager)
    invited = api_for(world.coordinator).post(
        url + "experienced-tutors/", {"person": str(world.manager.pk)}, format="json"
    )
    assert invited.status_code == 201, invited.content
    listed = api_for(world.coordinator).get(url + "experienced-tutors/")
    assert [row["person"] for row in listed.json()] == [str(world.manager.pk)]
    assert api_for(world.colleague).get(url + "experienced-tutors/").status_code == 403
    assert api_for(world.coordinator_b).get(url + "experienced-tutors/").status_code == 404
    not_coach = api_for(world.coordinator).post(
        url + "experienced-tutors/", {"person": str(world.colleague.pk)}, format="json"
    )
    assert not_coach.status_code == 400
    registered = api_for(world.colleague).post(url + "register/")
    assert registered.status_code == 201
    assert _enrolled(Event.objects.get(pk=event.pk)) == {world.colleague.pk}
    declined = api_for(world.manager).post(url + "experienced-tutors/decline/")
    assert declined.status_code == 204
    assert not ExperiencedTutorSeat.objects.exists()


def test_the_api_creates_the_event_of_a_session(
    world: Any, first_training: TrainingModule, api_for: Any
) -> None:
    day = timezone.localdate() + timedelta(days=10)
    session = training_services.session_schedule(
        module=first_training, held_on=day, capacity=6, place="Lille", by=SYSTEM
    )
    starts = timezone.make_aware(datetime(day.year, day.month, day.day, 9))
    created = api_for(world.coordinator).post(
        "/api/v1/events/",
        {
            "kind": "training",
            "title": "Première formation",
            "organisation": str(world.org_a.pk),
            "place": "Lille",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=7)).isoformat(),
            "capacity": 6,
            "training_session": str(session.pk),
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["training_session"] == str(session.pk)
    other = api_for(world.coordinator_b).post(
        "/api/v1/events/",
        {
            "kind": "training",
            "title": "Pas la mienne",
            "organisation": str(world.org_b.pk),
            "place": "Lille",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=7)).isoformat(),
            "training_session": str(session.pk),
        },
        format="json",
    )
    assert other.status_code == 400  # a session of another organisation does not exist for B


def test_the_page_links_a_session_of_the_events_day_and_404s_any_other_id(
    world: Any, first_training: TrainingModule, make_event: Any, client_for: Any
) -> None:
    """The organiser's picks (link a session, invite an experienced tutor) share one view: only
    a row offered to the organiser is taken, a forged or another's id is a 404."""
    event = make_event(host=world.org_a, kind=Kind.TRAINING, title="Deuxième formation")
    session = training_services.session_schedule(
        module=first_training,
        held_on=timezone.localtime(event.starts_at).date(),
        capacity=2,
        by=SYSTEM,
    )
    url = reverse("events:link_session", args=[event.pk])
    assert (
        client_for(world.colleague).post(url, {"training_session": session.pk}).status_code == 403
    )
    coordinator = client_for(world.coordinator)
    assert coordinator.post(url, {"training_session": "not-an-id"}).status_code == 404
    assert coordinator.post(url, {"training_session": str(event.pk)}).status_code == 404
    done = coordinator.post(url, {"training_session": str(session.pk)})
    assert done.status_code == 302 and done.url == reverse("events:detail", args=[event.pk])
    event.refresh_from_db()
    assert event.training_session == session
