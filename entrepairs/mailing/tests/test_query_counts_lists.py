"""The networks' mailing-list pages and API lists run the same number of SQL queries at 10, 100
and 1,000 rows, with the list cache off and on (see core/tests/querycounts.py). Rows are added
with bulk_create: lists of the network (the viewer subscribed to each) and messages archived in
one list, row n-1 the newest."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.core.tests import querycounts as qc
from entrepairs.networks import services as network_services
from entrepairs.networks.models import Level

from .. import services
from ..models import ListMessage, MailingList, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(world: Any) -> MailingList:
    """Organisation A's network (its coordinator organises it) and the list whose archive grows."""
    network = network_services.network_create(
        organisation=world.org_a, name="Réseau du Nord", level=Level.REGIONAL, by=world.coordinator
    )
    return services.mailing_list_save(
        mailing_list=MailingList(network=network, name="Archives"), by=SYSTEM
    )


def _grow(world: Any, archive: MailingList, new: range) -> None:
    lists = MailingList.objects.bulk_create(
        MailingList(network=archive.network, name=f"Liste {i:05d}") for i in new
    )
    now = timezone.now()
    Subscription.objects.bulk_create(
        Subscription(
            mailing_list=ml,
            email=world.coordinator.email,
            person=world.coordinator,
            confirmed_at=now,
        )
        for ml in lists
    )
    ListMessage.objects.bulk_create(
        ListMessage(
            mailing_list=archive,
            author=world.coordinator,
            subject=f"Message {i:05d}",
            body="Texte",
            created_at=now + datetime.timedelta(minutes=i),
        )
        for i in new
    )


@dataclass(frozen=True)
class Listing:
    name: str
    url: str  # {list}: the archive's id
    count: str  # what the API's count is: "lists" or "messages"


LISTINGS = [
    Listing("network's lists page", "/networks/lists/network/{network}/", "lists"),
    Listing("list page (archive)", "/networks/lists/{list}/", "messages"),
    Listing("lists API", "/api/v1/networks/lists/", "lists"),
    Listing("list messages API", "/api/v1/networks/lists/{list}/messages/", "messages"),
    Listing("archive API", "/api/v1/networks/list-messages/", "messages"),
]
QUERY_COUNTED = {
    "mailing_lists:network",
    "mailing_lists:detail",
    "mailing-list-list",
    "mailing-list-messages",
    "list-message-list",
}
GROWS: dict[str, str] = {}


def _check_today(listing: Listing, response: Any, n: int) -> None:
    if listing.url.startswith("/api/"):
        expected = (
            MailingList.objects.count() if listing.count == "lists" else ListMessage.objects.count()
        )
        assert response.json()["count"] == expected, listing.name
        return
    word = "Liste" if listing.count == "lists" else "Message"
    assert f"{word} {n - 1:05d}" in response.content.decode(), listing.name


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [qc.param(x.name, x, GROWS) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    world: Any,
    archive: MailingList,
    client_for: Any,
    api_for: Any,
    settings: Any,
    listing: Listing,
    cache_seconds: int,
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    who = world.coordinator
    url = listing.url.format(network=archive.network_id, list=archive.pk)
    client = api_for(who, world.org_a) if url.startswith("/api/") else client_for(who)
    filling, reading = qc.measure(
        lambda: client.get(url),
        qc.growing(lambda new: _grow(world, archive, new)),
        lambda response, n: _check_today(listing, response, n),
    )
    qc.assert_flat(listing.name, filling, reading)
