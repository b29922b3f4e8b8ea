"""A network's page (its news and hosted groups) and the news and hosted groups API lists run
the same number of SQL queries at 10, 100 and 1,000 rows, with the list cache off and on (see
core/tests/querycounts.py). Rows are added with bulk_create: news items and hosted groups (each
with an upcoming session) of one network, so row n-1 is the newest by title and name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.tests import querycounts as qc
from entrepairs.groups.models import Group, Session
from entrepairs.networks import services
from entrepairs.networks.models import HostedGroup, Level, NewsItem

pytestmark = pytest.mark.django_db


def _grow(world: Any, network: Any, new: range) -> None:
    today = timezone.localdate()
    NewsItem.objects.bulk_create(
        NewsItem(
            network=network,
            title=f"Actualité {i:05d}",
            body="Texte.",
            published_on=today + timedelta(days=i),
        )
        for i in new
    )
    groups = Group.objects.bulk_create(
        Group(organisation=world.org_a, name=f"Groupe {i:05d}", kind="peer_support") for i in new
    )
    HostedGroup.objects.bulk_create(HostedGroup(network=network, group=g) for g in groups)
    starts = timezone.now() + timedelta(days=7)
    Session.objects.bulk_create(
        Session(group=g, starts_at=starts, ends_at=starts + timedelta(hours=2)) for g in groups
    )


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    model: type[Any] | None = None  # None: the network page


LISTINGS = [
    Listing("network page", "/networks/{network}/"),
    Listing("network news API", "/api/v1/networks/news/", NewsItem),
    Listing("network hosted groups API", "/api/v1/networks/groups/", HostedGroup),
]
QUERY_COUNTED = {"networks:detail", "network-news-list", "network-hosted-group-list"}
GROWS: dict[str, str] = {}


def _check(listing: Listing, response: Any, n: int) -> None:
    if listing.model is None:
        body = response.content.decode()
        assert f"Actualité {n - 1:05d}" in body, n
        assert f"Groupe {n - 1:05d}" in body, n
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
    network = services.network_create(
        organisation=world.org_a, name="Réseau", level=Level.REGIONAL, by=world.coordinator
    )
    page = not listing.url.startswith("/api/")
    client = client_for(world.coordinator) if page else api_for(world.coordinator)
    url = listing.url.format(network=network.pk)
    filling, reading = qc.measure(
        lambda: client.get(url),
        qc.growing(lambda new: _grow(world, network, new)),
        lambda response, n: _check(listing, response, n),
    )
    qc.assert_flat(listing.name, filling, reading)
