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

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entrepairs.core import listcache
from entrepairs.organisations.models import Membership, Organisation, Role

from ..models import Contract, PriceGrid

pytestmark = pytest.mark.django_db

SIZES = (10, 100, 1000)
BANDS = [{"from": 1, "to": None, "hourly_rate": "90"}]
RHYTHM = [{"from": 1, "to": None, "discount_percent": "0"}]


@pytest.fixture
def provider(gw: Any) -> Organisation:
    """A provider organisation the facilitator works for."""
    org = Organisation.objects.create(name="Supervision & Co", slug="sup-co", kind="provider")
    Membership.objects.create(person=gw.w.facilitator, organisation=org, role=Role.FACILITATOR)
    return org


def _grow_to(gw: Any, provider: Organisation, have: int, n: int) -> None:
    """Price grids have..n-1 of the provider, each with a contract naming the facilitator, for
    organisation A's supervision group."""
    grids = PriceGrid.objects.bulk_create(
        PriceGrid(
            provider=provider, name=f"Grille {i:05d}", beneficiary_bands=BANDS, rhythm_bands=RHYTHM
        )
        for i in range(have, n)
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

# Lists whose query count grows with the rows, measured 2026-12-02 and reported (not fixed here).
GROWS: dict[str, str] = {
    # Was: the serializer's `progress` ran two queries per contract (24, 104, 104 at 10, 100,
    # 1,000 contracts); now annotated on the list (contracts.selectors.with_progress).
}


@pytest.fixture
def frozen_bookkeeping(monkeypatch):  # type: ignore[no-untyped-def]
    """Session activity and token use are recorded at most once a minute or so: with 1,000 rows
    a test lasts long enough to cross that line and count a bookkeeping write as growth. Freeze
    the clocks those two read (nothing else in the lists depends on them)."""
    import time
    from types import SimpleNamespace

    from django.utils import timezone

    from entrepairs.accounts import sessions
    from entrepairs.accounts.api import authentication as api_auth

    now, aware = time.time(), timezone.now()
    monkeypatch.setattr(sessions, "time", SimpleNamespace(time=lambda: now))
    monkeypatch.setattr(api_auth, "timezone", SimpleNamespace(now=lambda: aware))


def _check_today(listing: Listing, response: Any, n: int) -> None:
    total = listing.model._default_manager.count()
    if listing.url.startswith("/api/"):
        assert response.json()["count"] == total, listing.name
        return
    # Every contract is on the page (it names the facilitator), and so is the newest grid.
    assert len(response.context["contracts"]) == total, listing.name
    assert f"Grille {n - 1:05d}" in response.content.decode(), listing.name


def _count(fetch: Callable[[], Any]) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    assert response.status_code == 200, response.status_code
    return len(ctx), response


def _param(listing: Listing) -> Any:
    marks = (
        [pytest.mark.xfail(strict=True, reason=GROWS[listing.name])]
        if listing.name in GROWS
        else []
    )
    return pytest.param(listing, id=listing.name, marks=marks)


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [_param(x) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    gw: Any,
    provider: Organisation,
    client_for: Any,
    api_for: Any,
    settings: Any,
    frozen_bookkeeping: Any,
    listing: Listing,
    cache_seconds: int,
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    who = gw.w.facilitator
    # An API token speaks for one organisation: the provider's, whose business this is.
    client = api_for(who, provider) if listing.url.startswith("/api/") else client_for(who)
    client.get(listing.url)  # content types, the token's first use
    filling, reading, have = [], [], 0
    for n in SIZES:
        _grow_to(gw, provider, have, n)
        have = n
        listcache.invalidate()
        count, response = _count(lambda: client.get(listing.url))
        _check_today(listing, response, n)
        filling.append(count)
        reading.append(_count(lambda: client.get(listing.url))[0])
    assert filling == [filling[0]] * len(SIZES), (listing.name, filling)
    assert reading == [reading[0]] * len(SIZES), (listing.name, reading)
