"""Every network list page and API list runs the same number of SQL queries at 10, 100 and
1,000 rows, with the list cache off and on (see core/tests/querycounts.py). Rows are added with
bulk_create: networks of organisation A, each with A as an accepted member organisation, the
coordinator as organiser and accepted member, so row n-1 is the newest by name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from entrepairs.core.tests import querycounts as qc
from entrepairs.networks.models import (
    Direction,
    Level,
    Network,
    NetworkMember,
    NetworkOrganisation,
    Status,
)

pytestmark = pytest.mark.django_db


def _grow(world: Any, new: range) -> None:
    networks = Network.objects.bulk_create(
        Network(organisation=world.org_a, name=f"Réseau {i:05d}", level=Level.REGIONAL) for i in new
    )
    NetworkOrganisation.objects.bulk_create(
        NetworkOrganisation(
            network=n,
            organisation=world.org_a,
            status=Status.ACCEPTED,
            direction=Direction.REQUEST,
        )
        for n in networks
    )
    NetworkMember.objects.bulk_create(
        NetworkMember(
            network=n, person=world.coordinator, status=Status.ACCEPTED, direction=Direction.REQUEST
        )
        for n in networks
    )
    Network.organisers.through.objects.bulk_create(
        Network.organisers.through(network_id=n.pk, person_id=world.coordinator.pk)
        for n in networks
    )


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    model: type[Any] | None = None  # None: the page shows the newest network by name


LISTINGS = [
    Listing("networks page", "/networks/"),
    Listing("networks API", "/api/v1/networks/", Network),
    Listing("network organisations API", "/api/v1/networks/organisations/", NetworkOrganisation),
    Listing("network members API", "/api/v1/networks/members/", NetworkMember),
]
QUERY_COUNTED = {
    "networks:list",
    "network-list",
    "network-organisation-list",
    "network-member-list",
}
GROWS: dict[str, str] = {}


def _check_today(listing: Listing, response: Any, n: int) -> None:
    if listing.model is None:
        assert f"Réseau {n - 1:05d}" in response.content.decode(), (listing.name, n)
        return
    assert response.json()["count"] == listing.model._default_manager.count(), listing.name


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [qc.param(x.name, x, GROWS) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    world: Any,
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
        qc.growing(lambda new: _grow(world, new)),
        lambda response, n: _check_today(listing, response, n),
    )
    qc.assert_flat(listing.name, filling, reading)
