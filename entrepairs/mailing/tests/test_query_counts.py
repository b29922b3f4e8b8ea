"""Every mailing list (the announcements page, the announcements and subscriptions APIs) runs
the same number of SQL queries at 10, 100 and 1,000 rows, with the list cache off
(LIST_CACHE_SECONDS = 0) and on (a filling request after the change, then a reading one). Rows
are added with bulk_create (no signals), then the list cache is invalidated as every bulk write
must (core.listcache); each answer is checked to be about today's data (the API's count, the
newest announcement and draft on the page), so a stale answer cannot pass for a constant one.

Measured 2026-12-02 (issue 19 point 2). A list whose count grows is marked xfail(strict) with its
figures and reported, not fixed here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.tests import querycounts as qc
from entrepairs.organisations.models import Membership, Organisation, Role

from ..models import Announcement, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(world: Any) -> Organisation:
    """A provider organisation the facilitator publishes for."""
    org = Organisation.objects.create(name="Supervision & Co", slug="sup-co", kind="provider")
    Membership.objects.create(person=world.facilitator, organisation=org, role=Role.FACILITATOR)
    return org


def _grow(world: Any, provider: Organisation, new: range) -> None:
    """Providers `new`, each with a published announcement the facilitator subscribed to;
    as many drafts of the facilitator's provider."""
    published = timezone.now() - datetime.timedelta(days=1)
    others = Organisation.objects.bulk_create(
        Organisation(name=f"Prestataire {i:05d}", slug=f"prestataire-qc-{i}", kind="provider")
        for i in new
    )
    Announcement.objects.bulk_create(
        Announcement(
            provider=o,
            author=world.facilitator,
            title=f"Annonce {i:05d}",
            body="Atelier",
            published_at=published + datetime.timedelta(minutes=i),
        )
        for i, o in zip(new, others, strict=True)
    )
    Announcement.objects.bulk_create(
        Announcement(
            provider=provider, author=world.facilitator, title=f"Brouillon {i:05d}", body="x"
        )
        for i in new
    )
    Subscription.objects.bulk_create(
        Subscription(
            provider=o,
            email=world.facilitator.email,
            person=world.facilitator,
            confirmed_at=timezone.now(),  # listed once confirmed (double opt-in)
        )
        for o in others
    )


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    model: type[Any]


LISTINGS = [
    Listing("announcements page", "/groups/announcements/", Announcement),
    Listing("announcements API", "/api/v1/groups/announcements/", Announcement),
    Listing("subscriptions API", "/api/v1/groups/subscriptions/", Subscription),
]
QUERY_COUNTED = {"mailing:announcements", "groups-announcement-list", "groups-subscription-list"}

# Lists whose query count grows with the rows, measured 2026-12-02 and reported (not fixed here).
GROWS: dict[str, str] = {}


def _check_today(listing: Listing, response: Any, n: int) -> None:
    if listing.url.startswith("/api/"):
        # The facilitator sees every published announcement and their provider's drafts, and
        # every subscription is theirs.
        assert response.json()["count"] == listing.model._default_manager.count(), listing.name
        return
    page = response.content.decode()
    assert f"Annonce {n - 1:05d}" in page and f"Brouillon {n - 1:05d}" in page, listing.name


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [qc.param(x.name, x, GROWS) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    world: Any,
    provider: Organisation,
    client_for: Any,
    api_for: Any,
    settings: Any,
    listing: Listing,
    cache_seconds: int,
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    who = world.facilitator
    # An API token speaks for one organisation: the provider's, whose drafts these are.
    client = api_for(who, provider) if listing.url.startswith("/api/") else client_for(who)
    filling, reading = qc.measure(
        lambda: client.get(listing.url),
        qc.growing(lambda new: _grow(world, provider, new)),
        lambda response, n: _check_today(listing, response, n),
    )
    qc.assert_flat(listing.name, filling, reading)
