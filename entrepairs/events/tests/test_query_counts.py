"""Every events list page and API list runs the same number of SQL queries at 10, 100 and 1,000
rows, with the list cache off and on (see core/tests/querycounts.py). Rows are added with
bulk_create: coming events of the network, each with the coordinator registered and the
professional waiting, so the page shows each row's seats and the viewer's own status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.tests import querycounts as qc
from entrepairs.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def _grow(world: Any, network: Any, new: range) -> None:
    start = timezone.now() + timedelta(days=30)
    events = Event.objects.bulk_create(
        Event(
            network=network,
            kind="meeting",
            title=f"Rencontre {i:05d}",
            place="Lille",
            starts_at=start + timedelta(hours=i),
            ends_at=start + timedelta(hours=i, minutes=90),
            capacity=1,
        )
        for i in new
    )
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(event=e, person=p, status=s, joined_at=now)
        for e in events
        for p, s in ((world.coordinator, "registered"), (world.professional, "waiting"))
    )


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    model: type[Any] | None = None  # None: the page shows the newest event


LISTINGS = [
    Listing("events page", "/events/"),
    Listing("events API", "/api/v1/events/", Event),
    Listing("registrations API", "/api/v1/events/registrations/", Registration),
]
QUERY_COUNTED = {
    "events:list",
    "event-list",
    "event-registration-list",
    "event-participants",
    "events:ics",
    "event-experienced-tutors",
}
GROWS: dict[str, str] = {}


def _check_today(listing: Listing, response: Any, n: int) -> None:
    if listing.model is None:
        assert f"Rencontre {n - 1:05d}" in response.content.decode(), (listing.name, n)
        return
    assert response.json()["count"] == listing.model._default_manager.count(), listing.name


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [qc.param(x.name, x, GROWS) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    world: Any,
    network: Any,
    client_for: Any,
    api_for: Any,
    settings: Any,
    listing: Listing,
    cache_seconds: int,
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    page = not listing.url.startswith("/api/")
    client = client_for(world.coordinator) if page else api_for(world.coordinator)
    filling, reading = qc.measure(
        lambda: client.get(listing.url),
        qc.growing(lambda new: _grow(world, network, new)),
        lambda response, n: _check_today(listing, response, n),
    )
    qc.assert_flat(listing.name, filling, reading)


def _grow_people(world: Any, event: Event, new: range) -> None:
    from entrepairs.people.models import Person

    people = Person.objects.bulk_create(
        Person(organisation=world.org_a, first_name=f"Tuteur{i:05d}", last_name="Liste")
        for i in new
    )
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(event=event, person=p, status="waiting", joined_at=now) for p in people
    )


def test_the_participants_of_one_event_cost_the_same_at_any_size(
    world: Any, network: Any, api_for: Any
) -> None:
    """The organisers' list of who is registered and waiting, with each one's position."""
    start = timezone.now() + timedelta(days=30)
    event = Event.objects.create(
        network=network,
        kind="dinner",
        title="Dîner",
        place="Lille",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=1,
    )
    api = api_for(world.coordinator)
    counts, _ = qc.measure(
        lambda: api.get(f"/api/v1/events/{event.pk}/participants/"),
        qc.growing(lambda new: _grow_people(world, event, new)),
        lambda response, n: (
            None if len(response.json()) == n else pytest.fail(f"{len(response.json())} != {n}")
        ),
    )
    assert counts == [counts[0]] * len(counts), counts


def test_the_calendar_feed_costs_the_same_at_any_size(
    world: Any, network: Any, client: Any
) -> None:
    from entrepairs.groups import services as group_services

    _feed, secret = group_services.calendar_feed_create(person=world.coordinator, scope="member")
    counts, _ = qc.measure(
        lambda: client.get(f"/events/ics/{secret}.ics"),
        qc.growing(lambda new: _grow(world, network, new)),
        lambda response, n: (
            None if f"Rencontre {n - 1:05d}" in response.content.decode() else pytest.fail(str(n))
        ),
    )
    assert counts == [counts[0]] * len(counts), counts


def _grow_experienced(world: Any, event: Event, new: range) -> None:
    from entrepairs.events.models import ExperiencedTutorSeat
    from entrepairs.people.models import Person

    people = Person.objects.bulk_create(
        Person(organisation=world.org_a, first_name=f"Coach{i:05d}", last_name="Liste") for i in new
    )
    ExperiencedTutorSeat.objects.bulk_create(
        ExperiencedTutorSeat(event=event, person=p, invited_by=world.coordinator) for p in people
    )


def test_the_experienced_tutors_of_one_event_cost_the_same_at_any_size(
    world: Any, network: Any, api_for: Any
) -> None:
    """The organisers' list of the experienced tutors invited to a training event."""
    start = timezone.now() + timedelta(days=30)
    event = Event.objects.create(
        network=network,
        kind="training",
        title="Première formation",
        place="Lille",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=10,
    )
    api = api_for(world.coordinator)
    counts, _ = qc.measure(
        lambda: api.get(f"/api/v1/events/{event.pk}/experienced-tutors/"),
        qc.growing(lambda new: _grow_experienced(world, event, new)),
        lambda response, n: (
            None if len(response.json()) == n else pytest.fail(f"{len(response.json())} != {n}")
        ),
    )
    assert counts == [counts[0]] * len(counts), counts
