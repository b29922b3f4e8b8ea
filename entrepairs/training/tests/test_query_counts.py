"""Every training list page and API list runs the same number of SQL queries at 10, 100 and
1,000 rows, with the list cache off (LIST_CACHE_SECONDS = 0) and on (a filling request after the
change, then a reading one). Rows are added with bulk_create (no signals), then the list cache is
invalidated as every bulk write must (core.listcache); each answer is checked to be about today's
data (the API's count, or the newest row on the page), so a stale answer cannot pass for a
constant one.

Measured 2026-12-02 (issue 19 point 2). A list whose count grows is marked xfail(strict) with its
figures and reported, not fixed here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from entrepairs.core.tests import querycounts as qc
from entrepairs.organisations.models import Role
from entrepairs.training.models import (
    RoleRequirement,
    TrainingCompletion,
    TrainingModule,
    TrainingSession,
)

pytestmark = pytest.mark.django_db

DAY0 = datetime.date(2020, 1, 1)


def _grow(world: Any, new: range) -> None:
    """Modules `new` of organisation A for staff, each required of coordinators, given at a
    session on day i and completed by the coordinator that day (so row n-1 is the newest)."""
    modules = TrainingModule.objects.bulk_create(
        TrainingModule(
            organisation=world.org_a,
            name=f"Module {i:05d}",
            audience=TrainingModule.Audience.STAFF,
            validity_months=12,
        )
        for i in new
    )
    RoleRequirement.objects.bulk_create(
        RoleRequirement(module=m, role=Role.COORDINATOR) for m in modules
    )
    sessions = TrainingSession.objects.bulk_create(
        TrainingSession(module=m, held_on=DAY0 + datetime.timedelta(days=i), place=f"Lieu {i:05d}")
        for i, m in zip(new, modules, strict=True)
    )
    TrainingSession.attendees.through.objects.bulk_create(
        TrainingSession.attendees.through(trainingsession_id=s.pk, person_id=world.coordinator.pk)
        for s in sessions
    )
    TrainingCompletion.objects.bulk_create(
        TrainingCompletion(
            module=m,
            person=world.coordinator,
            session=s,
            completed_on=s.held_on,
            expires_on=m.expiry_for(s.held_on),
        )
        for m, s in zip(modules, sessions, strict=True)
    )


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    # "count": the API's count equals the model's rows | "newest": text on the page |
    # "rows": every row of the model in the page's `requirements` |
    # "modules": every staff module in the compliance answer, a cell for each in every row |
    # "mine": a row per module required of the viewer
    shows: str
    model: type[Any] | None = None
    newest: Callable[[int], str] = lambda n: f"Module {n - 1:05d}"


LISTINGS = [
    # The catalogue lists every module (ordered by name, unpaginated): the last one is on it.
    Listing("catalogue page", "/training/", "newest"),
    # Compliance shows a column per required module, and the 20 most recent completions.
    Listing("completions page", "/training/completions/", "newest"),
    # The requirements page lists every requirement of the organisation.
    Listing("requirements page", "/training/requirements/", "rows", RoleRequirement),
    # Compliance answers the required modules, and a row per person with a cell per module.
    Listing("compliance API", "/api/v1/training/compliance/", "modules"),
    Listing("modules API", "/api/v1/training/modules/", "count", TrainingModule),
    Listing("sessions API", "/api/v1/training/sessions/", "count", TrainingSession),
    Listing("requirements API", "/api/v1/training/requirements/", "count", RoleRequirement),
    Listing("completions API", "/api/v1/training/completions/", "count", TrainingCompletion),
    # « Mes formations »: every module required of the coordinator, and their completions.
    Listing("my trainings page", "/training/mine/", "newest"),
    Listing("my trainings API", "/api/v1/training/mine/", "mine", TrainingModule),
]
QUERY_COUNTED = {
    "training:catalogue",
    "training:compliance",
    "training:requirements",
    "training-compliance",
    "training-module-list",
    "training-session-list",
    "training-requirement-list",
    "training-completion-list",
    "training:mine",
    "training-mine",
}

# Lists whose query count grows with the rows, measured 2026-12-02 and reported (not fixed here).
GROWS: dict[str, str] = {}


def _check_today(listing: Listing, response: Any, n: int) -> None:
    if listing.shows == "newest":
        assert listing.newest(n) in response.content.decode(), (listing.name, n)
        return
    if listing.shows == "rows":
        assert listing.model is not None
        shown, total = len(response.context["requirements"]), listing.model._default_manager.count()
        assert shown == total, (listing.name, shown, total)
        return
    if listing.shows == "modules":
        body = response.json()
        staff = TrainingModule.objects.filter(audience=TrainingModule.Audience.STAFF).count()
        assert len(body["modules"]) == staff, (listing.name, len(body["modules"]), staff)
        assert body["modules"][-1]["name"] == listing.newest(n), listing.name
        assert body["rows"] and all(len(r["cells"]) == staff for r in body["rows"]), listing.name
        return
    if listing.shows == "mine":
        assert len(response.json()) == TrainingModule.objects.count(), listing.name
        return
    assert listing.model is not None
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
    url = listing.url
    filling, reading = qc.measure(
        lambda: client.get(url),
        qc.growing(lambda new: _grow(world, new)),
        lambda response, n: _check_today(listing, response, n),
    )
    qc.assert_flat(listing.name, filling, reading)
