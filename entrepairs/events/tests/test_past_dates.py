"""A past date is refused with a reason (outside test of #16: past-dated events were taken
without a word), on every channel: the service, the page and the API. An event already held is
recorded only when the host says so (`already_held`); an event that has taken place keeps its
dates, its other details may still be corrected."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepairs.events import services
from entrepairs.events.models import Event

pytestmark = pytest.mark.django_db

PASSED = "The date has passed: choose a coming date, or record the event as already held."
TAKEN_PLACE = "This event has taken place: its dates can no longer change."


def _local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _fields(network: Any, starts: Any) -> dict[str, Any]:
    return {
        "network": network,
        "kind": "meeting",
        "title": "Rencontre",
        "place": "Lille",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
    }


def test_the_service_refuses_a_past_event_unless_recorded_as_already_held(
    world: Any, network: Any
) -> None:
    yesterday = timezone.now() - timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.event_create(by=world.coordinator, **_fields(network, yesterday))
    assert caught.value.message_dict == {"starts_at": [PASSED]}
    assert not Event.objects.exists()
    held = services.event_create(
        by=world.coordinator, already_held=True, **_fields(network, yesterday)
    )
    assert held.starts_at < timezone.now()


def test_the_service_refuses_to_move_a_coming_event_to_the_past(
    world: Any, make_event: Any
) -> None:
    event = make_event()
    back = timezone.now() - timedelta(days=2)
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            event=event, by=world.coordinator, starts_at=back, ends_at=back + timedelta(hours=1)
        )
    assert caught.value.message_dict == {
        "starts_at": ["The date has passed: choose a coming date."]
    }
    assert Event.objects.get(pk=event.pk).starts_at == event.starts_at


def test_a_past_event_keeps_its_dates_but_its_details_may_be_corrected(
    world: Any, make_event: Any
) -> None:
    past = make_event(in_days=-3)
    later = timezone.now() + timedelta(days=5)
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            event=past, by=world.coordinator, starts_at=later, ends_at=later + timedelta(hours=1)
        )
    assert caught.value.message_dict == {"starts_at": [TAKEN_PLACE]}
    fixed = services.event_update(
        event=past,
        by=world.coordinator,
        title="Dîner des tuteurs (compte rendu)",
        starts_at=past.starts_at,
        ends_at=past.ends_at,
    )
    assert fixed.title == "Dîner des tuteurs (compte rendu)"


def test_the_page_refuses_a_past_date_and_records_an_event_already_held(
    world: Any, network: Any, client_for: Any
) -> None:
    client = client_for(world.coordinator)
    starts = timezone.now() - timedelta(days=1)
    body = {
        "host": f"network:{network.pk}",
        "kind": "meeting",
        "title": "Rencontre",
        "place": "Lille",
        "starts_at": _local(starts),
        "ends_at": _local(starts + timedelta(hours=2)),
        "registration_open": "on",
    }
    refused = client.post("/events/new/", body)
    assert refused.status_code == 200 and PASSED in refused.content.decode()
    assert not Event.objects.exists()
    recorded = client.post("/events/new/", body | {"already_held": "on"})
    assert recorded.status_code == 302 and Event.objects.count() == 1


def test_the_edit_page_keeps_a_past_event_s_dates(
    world: Any, make_event: Any, client_for: Any
) -> None:
    past = make_event(in_days=-3)
    client = client_for(world.coordinator)
    assert "already_held" not in client.get(f"/events/{past.pk}/edit/").content.decode()
    body = {
        "kind": "dinner",
        "title": "Dîner (compte rendu)",
        "place": "Lille",
        "starts_at": _local(past.starts_at),
        "ends_at": _local(past.ends_at),
        "capacity": "2",
    }
    assert client.post(f"/events/{past.pk}/edit/", body).status_code == 302
    assert Event.objects.get(pk=past.pk).title == "Dîner (compte rendu)"
    week = timedelta(days=7)
    moved = body | {
        "starts_at": _local(past.starts_at + week),
        "ends_at": _local(past.ends_at + week),
    }
    refused = client.post(f"/events/{past.pk}/edit/", moved)
    assert refused.status_code == 200 and TAKEN_PLACE in refused.content.decode()


def test_the_api_refuses_a_past_date_and_records_an_event_already_held(
    world: Any, network: Any, make_event: Any, api_for: Any
) -> None:
    api = api_for(world.coordinator)
    starts = timezone.now() - timedelta(days=1)
    body = {
        "kind": "meeting",
        "title": "Rencontre",
        "network": str(network.pk),
        "place": "Lille",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
    }
    refused = api.post("/api/v1/events/", body, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["starts_at"] == [PASSED]
    created = api.post("/api/v1/events/", body | {"already_held": True}, format="json")
    assert created.status_code == 201, created.content
    coming = make_event()
    back = (timezone.now() - timedelta(days=2)).isoformat()
    moved = api.patch(f"/api/v1/events/{coming.pk}/", {"starts_at": back}, format="json")
    assert moved.status_code == 400
    assert "The date has passed" in moved.json()["error"]["fields"]["starts_at"][0]
