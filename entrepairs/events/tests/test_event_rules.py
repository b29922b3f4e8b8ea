"""An event's own rules, through the service, the page and the API: it ends after it starts,
has a place or a link, its capacity never falls below the people registered; only its
organisers change it. Each refusal says why in one sentence and writes nothing."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from entrepairs.events import services
from entrepairs.events.models import Event, Registration

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_it_refuses_an_end_before_the_start(world: Any, network: Any, make_event: Any) -> None:
    event = make_event()
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            event=event, by=world.coordinator, ends_at=event.starts_at - timedelta(hours=1)
        )
    assert caught.value.message_dict == {"ends_at": ["The event must end after it starts."]}
    event.refresh_from_db()
    assert event.ends_at > event.starts_at


def test_it_refuses_a_date_out_of_the_century_or_an_event_longer_than_a_month(
    world: Any, make_event: Any, api_for: Any
) -> None:
    """Fuzzing found « 0138-12-03 » accepted and answered with a pre-1900 offset."""
    event = make_event()
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            event=event, by=world.coordinator, starts_at=event.starts_at.replace(year=138)
        )
    assert caught.value.message_dict["starts_at"] == ["Choose a date between 2000 and 2099."]
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            event=event, by=world.coordinator, ends_at=event.starts_at + timedelta(days=40)
        )
    assert caught.value.message_dict == {"ends_at": ["An event lasts 31 days at most."]}
    refused = api_for(world.coordinator).patch(
        f"/api/v1/events/{event.pk}/", {"ends_at": "0660-02-27T21:39:04Z"}, format="json"
    )
    assert refused.status_code == 400
    assert "2000" in refused.content.decode()


def test_it_refuses_a_capacity_below_the_registered_and_fills_a_larger_one(
    world: Any, make_event: Any
) -> None:
    event = make_event(capacity=2)
    for person in (world.professional, world.colleague, world.manager):
        services.register(event=event, by=person)
    with pytest.raises(ValidationError) as caught:
        services.event_update(event=event, by=world.coordinator, capacity=1)
    assert "2 people are already registered" in caught.value.message_dict["capacity"][0]
    assert Event.objects.get(pk=event.pk).capacity == 2
    services.event_update(event=event, by=world.coordinator, capacity=3)
    assert Registration.objects.get(event=event, person=world.manager).status == Status.REGISTERED


def test_it_needs_a_place_or_a_link_and_an_organiser(world: Any, make_event: Any) -> None:
    event = make_event()
    with pytest.raises(ValidationError, match="place or a video link"):
        services.event_update(event=event, by=world.coordinator, place="", video_link="")
    with pytest.raises(ValidationError, match="organisers"):
        services.event_update(event=event, by=world.professional, title="Autre")
    assert Event.objects.get(pk=event.pk).title == "Dîner des tuteurs"


def test_only_the_networks_organisers_and_the_organisations_coordinators_host(
    world: Any, network: Any
) -> None:
    start = network.created_at + timedelta(days=30)
    fields = {
        "kind": "meeting",
        "title": "Rencontre",
        "place": "Lille",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
    }
    with pytest.raises(ValidationError, match="network's organisers"):
        services.event_create(by=world.professional, network=network, **fields)
    with pytest.raises(ValidationError, match="organisation's coordinators"):
        services.event_create(by=world.professional, organisation=world.org_a, **fields)
    assert services.event_create(by=world.coordinator, network=network, **fields).network == network
    assert services.event_create(by=world.coordinator, organisation=world.org_a, **fields)
    assert Event.objects.count() == 2


def test_the_page_shows_the_refusals_next_to_their_fields(
    world: Any, network: Any, make_event: Any, client_for: Any
) -> None:
    event = make_event(capacity=2)
    services.register(event=event, by=world.professional)
    services.register(event=event, by=world.colleague)
    client = client_for(world.coordinator)
    response = client.post(
        f"/events/{event.pk}/edit/",
        {
            "kind": "dinner",
            "title": "Dîner",
            "place": "Lille",
            "starts_at": "2030-05-02T19:00",
            "ends_at": "2030-05-02T18:00",
            "capacity": "1",
            "registration_open": "on",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The event must end after it starts." in page
    assert Event.objects.get(pk=event.pk).title == "Dîner des tuteurs"
    response = client.post(
        f"/events/{event.pk}/edit/",
        {
            "kind": "dinner",
            "title": "Dîner",
            "place": "Lille",
            "starts_at": "2030-05-02T19:00",
            "ends_at": "2030-05-02T22:00",
            "capacity": "1",
            "registration_open": "on",
        },
    )
    assert "2 people are already registered" in response.content.decode()
    # A member who is not an organiser sees the event but may not change it.
    assert client_for(world.professional).get(f"/events/{event.pk}/edit/").status_code == 403


def test_the_page_creates_an_event_for_a_network(world: Any, network: Any, client_for: Any) -> None:
    client = client_for(world.coordinator)
    form = client.get(f"/events/new/?network={network.pk}")
    assert form.status_code == 200 and "Réseau des tuteurs du Nord" in form.content.decode()
    response = client.post(
        "/events/new/",
        {
            "host": f"network:{network.pk}",
            "kind": "training",
            "title": "Première formation des nouveaux tuteurs",
            "place": "Lille",
            "starts_at": "2030-05-02T09:00",
            "ends_at": "2030-05-02T17:00",
            "capacity": "12",
            "registration_open": "on",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/{event.pk}/"
    assert event.network == network and event.capacity == 12
    assert client_for(world.professional).get("/events/new/").status_code == 403


def test_the_api_creates_updates_and_refuses_with_the_same_messages(
    world: Any, network: Any, make_event: Any, api_for: Any
) -> None:
    api = api_for(world.coordinator)
    body = {
        "kind": "webinar",
        "title": "Webinaire",
        "network": str(network.pk),
        "video_link": "https://visio.example.org/tuteurs",
        "starts_at": "2030-05-02T18:00:00+02:00",
        "ends_at": "2030-05-02T17:00:00+02:00",
    }
    refused = api.post("/api/v1/events/", body, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["ends_at"] == ["The event must end after it starts."]
    body["ends_at"] = "2030-05-02T19:00:00+02:00"
    created = api.post("/api/v1/events/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    member = api_for(world.professional)
    assert member.post("/api/v1/events/", body, format="json").status_code == 403
    assert member.patch(f"/api/v1/events/{pk}/", {"title": "X"}, format="json").status_code == 403
    event = make_event(capacity=2)
    services.register(event=event, by=world.professional)
    services.register(event=event, by=world.colleague)
    low = api.patch(f"/api/v1/events/{event.pk}/", {"capacity": 1}, format="json")
    assert low.status_code == 400
    assert "2 people are already registered" in low.json()["error"]["fields"]["capacity"][0]
