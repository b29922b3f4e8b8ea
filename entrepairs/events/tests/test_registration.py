"""Registration and the waiting list: a full event puts newcomers on the list in order; a freed
seat goes at once to the first waiting, who is told in the app and by e-mail (short subject,
a link, no name)."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from entrepairs.core.models import Notification
from entrepairs.events import selectors, services
from entrepairs.events.models import Registration

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_it_registers_until_full_then_puts_people_on_the_waiting_list(
    world: Any, make_event: Any
) -> None:
    event = make_event(capacity=1)
    first = services.register(event=event, by=world.professional)
    second = services.register(event=event, by=world.colleague)
    third = services.register(event=event, by=world.manager)
    assert first.status == Status.REGISTERED
    assert (second.status, third.status) == (Status.WAITING, Status.WAITING)
    assert selectors.waiting_position(second) == 1
    assert selectors.waiting_position(third) == 2


def test_it_gives_a_freed_seat_to_the_first_waiting_and_tells_them(
    world: Any, make_event: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(capacity=1)
    services.register(event=event, by=world.professional)
    services.register(event=event, by=world.colleague)
    services.register(event=event, by=world.manager)
    services.cancel(event=event, by=world.professional)
    rows = {r.person_id: r.status for r in Registration.objects.filter(event=event)}
    assert rows[world.professional.pk] == Status.CANCELLED
    assert rows[world.colleague.pk] == Status.REGISTERED
    assert rows[world.manager.pk] == Status.WAITING
    note = Notification.objects.get(recipient=world.colleague.user)
    assert note.kind == "events.seat_freed"
    assert note.link == f"/events/{event.pk}/"
    subject, text = note.email_text()
    assert "Dîner des tuteurs" in subject and len(subject) < 80
    assert f"/events/{event.pk}/" in text
    for name in ("Paula", "Pro", "Colin", "Collegue", "Yanis", "Jeune"):
        assert name not in subject and name not in text
    assert not Notification.objects.filter(recipient=world.manager.user).exists()


def test_it_refuses_a_second_registration_and_a_closed_or_started_event(
    world: Any, make_event: Any, past: Any
) -> None:
    event = make_event()
    services.register(event=event, by=world.professional)
    with pytest.raises(ValidationError, match="already registered"):
        services.register(event=event, by=world.professional)
    closed = make_event(registration_open=False)
    with pytest.raises(ValidationError, match="closed"):
        services.register(event=closed, by=world.professional)
    with pytest.raises(ValidationError, match="already started"):
        services.register(event=past, by=world.professional)
    assert not Registration.objects.filter(event__in=[closed, past]).exists()


def test_it_lets_a_person_register_again_after_cancelling(world: Any, make_event: Any) -> None:
    event = make_event(capacity=1)
    services.register(event=event, by=world.professional)
    services.cancel(event=event, by=world.professional)
    again = services.register(event=event, by=world.professional)
    assert again.status == Status.REGISTERED
    assert Registration.objects.filter(event=event).count() == 1


def test_it_refuses_an_outsider_and_a_cancel_without_registration(
    world: Any, make_event: Any
) -> None:
    event = make_event()
    with pytest.raises(ValidationError, match="does not exist"):
        services.register(event=event, by=world.coordinator_b)
    with pytest.raises(ValidationError, match="not registered"):
        services.cancel(event=event, by=world.professional)


def test_the_pages_register_cancel_and_show_the_waiting_position(
    world: Any, make_event: Any, client_for: Any
) -> None:
    event = make_event(capacity=1)
    services.register(event=event, by=world.professional)
    client = client_for(world.colleague)
    response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert "waiting list" in response.content.decode()
    assert "in position 1" in response.content.decode()
    # Cancelling asks first (GET), then acts (POST).
    client_for(world.professional)
    assert client.get(f"/events/{event.pk}/cancel/").status_code == 200
    client.post(f"/events/{event.pk}/cancel/")
    client_for(world.colleague)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "You are registered." in page


def test_the_api_registers_to_the_waiting_list_and_cancels(
    world: Any, make_event: Any, api_for: Any
) -> None:
    event = make_event(capacity=1)
    services.register(event=event, by=world.professional)
    api = api_for(world.colleague)
    answer = api.post(f"/api/v1/events/{event.pk}/register/")
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "waiting" and answer.json()["waiting_position"] == 1
    again = api.post(f"/api/v1/events/{event.pk}/register/")
    assert again.status_code == 400
    assert "already on the waiting list" in str(again.json()["error"]["fields"])
    freed = api_for(world.professional).post(f"/api/v1/events/{event.pk}/cancel/")
    assert freed.status_code == 200 and freed.json()["status"] == "cancelled"
    mine = api.get("/api/v1/events/registrations/").json()["results"]
    assert [r["status"] for r in mine] == ["registered"]
