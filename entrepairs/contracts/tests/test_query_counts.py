"""Every contracts list (the contracts page, the contracts and price-grids APIs) runs the same
number of SQL queries at 10, 100 and 1,000 rows, with the list cache off (LIST_CACHE_SECONDS = 0)
and on (a filling request after the change, then a reading one). Rows are added with bulk_create
(no signals), then the list cache is invalidated as every bulk write must (core.listcache); each
answer is checked to be about today's data (the API's count, the page's contracts and its newest
price grid), so a stale answer cannot pass for a constant one.

Measured 2026-12-02 (issue 19 point 2). A list whose count grows is marked xfail(strict) with its
figures and reported, not fixed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.tests import querycounts as qc
from entrepairs.organisations.models import Membership, Organisation, Role

from ..models import Contract, PriceGrid

pytestmark = pytest.mark.django_db

BANDS = [{"from": 1, "to": None, "hourly_rate": "90"}]
RHYTHM = [{"from": 1, "to": None, "discount_percent": "0"}]


@pytest.fixture
def provider(gw: Any) -> Organisation:
    """A provider organisation the facilitator works for."""
    org = Organisation.objects.create(
        name="Supervision & Co", slug="sup-co", kind="provider", siret="12345678200010"
    )
    Membership.objects.create(person=gw.w.facilitator, organisation=org, role=Role.FACILITATOR)
    return org


def _grow(gw: Any, provider: Organisation, new: range) -> None:
    """Price grids `new` of the provider, each with a contract naming the facilitator, for
    organisation A's supervision group."""
    grids = PriceGrid.objects.bulk_create(
        PriceGrid(
            provider=provider, name=f"Grille {i:05d}", beneficiary_bands=BANDS, rhythm_bands=RHYTHM
        )
        for i in new
    )
    Contract.objects.bulk_create(
        Contract(
            provider=provider,
            provider_person=gw.w.facilitator,
            client=gw.w.org_a,
            group=gw.group,
            price_grid=g,
            sessions_per_year=10,
            beneficiaries=6,
            price_per_session=Decimal("315.00"),
            quote_valid_until=timezone.localdate() + timedelta(days=30),
        )
        for g in grids
    )


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    model: type[Any]


LISTINGS = [
    Listing("contracts page", "/groups/contracts/", Contract),
    Listing("contracts API", "/api/v1/groups/contracts/", Contract),
    Listing("price grids API", "/api/v1/groups/price-grids/", PriceGrid),
]
QUERY_COUNTED = {"contracts:list", "groups-contract-list", "groups-pricegrid-list"}

# Lists whose query count grows with the rows, measured 2026-12-02 and reported (not fixed here).
GROWS: dict[str, str] = {
    # Was: the serializer's `progress` ran two queries per contract (24, 104, 104 at 10, 100,
    # 1,000 contracts); now annotated on the list (contracts.selectors.with_progress).
}


def _check_today(listing: Listing, response: Any, n: int) -> None:
    total = listing.model._default_manager.count()
    if listing.url.startswith("/api/"):
        assert response.json()["count"] == total, listing.name
        return
    # Every contract is on the page (it names the facilitator), and so is the newest grid.
    assert len(response.context["contracts"]) == total, listing.name
    assert f"Grille {n - 1:05d}" in response.content.decode(), listing.name


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [qc.param(x.name, x, GROWS) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    gw: Any,
    provider: Organisation,
    client_for: Any,
    api_for: Any,
    settings: Any,
    listing: Listing,
    cache_seconds: int,
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    who = gw.w.facilitator
    # An API token speaks for one organisation: the provider's, whose business this is.
    client = api_for(who, provider) if listing.url.startswith("/api/") else client_for(who)
    filling, reading = qc.measure(
        lambda: client.get(listing.url),
        qc.growing(lambda new: _grow(gw, provider, new)),
        lambda response, n: _check_today(listing, response, n),
    )
    qc.assert_flat(listing.name, filling, reading)
