"""The leave-cover and continuity pages and API lists run the same number of SQL queries at 10,
100 and 1,000 rows, list cache off and on (core/tests/querycounts.py).

Each grown row i is, at once: a child whose case Colin (on leave) holds, with its cover by Paula
on the measured leave and no contact for 100 days; a contact with Lina's case; an organisation
the coordinator coordinates."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.casework.models import Case, CaseContact, Leave, LeaveCover
from entrepairs.core.tests import querycounts as qc
from entrepairs.organisations.models import Membership, Organisation, Role
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {
    "casework:leave",
    "casework:continuity",
    "casework-contact-list",
    "casework-settings-list",
    "casework-leave-plan-detail",
}


@dataclass
class Setting:
    leave: Leave
    lina: Case


def _setting(world: Any) -> Setting:
    today = timezone.localdate()
    child = Person.objects.create(organisation=world.org_a, first_name="Lina", last_name="Suivi")
    lina = Case.objects.create(
        organisation=world.org_a,
        core_team=world.core,
        child=child,
        guardian=world.professional,
        status=Case.Status.OPEN,
        birth_date=today.replace(year=today.year - 12),
    )
    leave = Leave.objects.create(
        organisation=world.org_a,
        person=world.colleague,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=10),
    )
    return Setting(leave, lina)


def _grow(world: Any, setting: Setting, new: range) -> None:
    org, today = world.org_a, timezone.localdate()
    children = Person.objects.bulk_create(
        Person(organisation=org, first_name=f"Enfant{i:05d}", last_name="Suivi") for i in new
    )
    cases = Case.objects.bulk_create(
        Case(
            organisation=org,
            core_team=world.core,
            child=child,
            guardian=world.colleague,
            status=Case.Status.OPEN,
            birth_date=today.replace(year=today.year - 14),
            opened_on=today - datetime.timedelta(days=100),
            weight=1 + i % 5,
        )
        for i, child in zip(new, children, strict=True)
    )
    LeaveCover.objects.bulk_create(
        LeaveCover(organisation=org, leave=setting.leave, case=c, replacement=world.professional)
        for c in cases
    )
    CaseContact.objects.bulk_create(
        CaseContact(organisation=org, case=setting.lina, happened_on=today, kind="visit")
        for _ in new
    )
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Association {i:05d}", slug=f"asso-{i:05d}") for i in new
    )
    Membership.objects.bulk_create(
        Membership(person=world.coordinator, organisation=o, role=Role.COORDINATOR) for o in orgs
    )
    # The viewer (roles) is kept on the user object the test client reuses; bulk writes send no
    # signal, so forget it by hand, as the list cache is invalidated by hand.
    from entrepairs.core import listcache
    from entrepairs.organisations.viewer import forget_viewer

    forget_viewer(world.coordinator.user)
    listcache.invalidate()


@dataclass(frozen=True)
class Listing:
    name: str
    url: Callable[[Any, Setting], str]
    who: str
    expected: Callable[[Any], int]
    shown: Callable[[Any], int] = lambda response: response.json()["count"]
    session: bool = False  # signed in (a token is scoped to one organisation)


def _covered(world: Any) -> int:
    return LeaveCover.objects.filter(leave__person=world.colleague).count()


LISTINGS = [
    Listing(
        "leave page",
        lambda w, s: f"/casework/leaves/{s.leave.pk}/",
        "professional",
        _covered,
        lambda r: len(r.context["rows"]),
    ),
    Listing(
        "leave plan API",
        lambda w, s: f"/api/v1/casework/leave-plans/{s.leave.pk}/",
        "professional",
        _covered,
        lambda r: len(r.json()["covers"]),
    ),
    Listing(
        "continuity page",
        lambda w, s: f"/casework/teams/{w.core.pk}/continuity/",
        "professional",
        _covered,  # every grown case is without contact for 100 days
        lambda r: len(r.context["alerts"].without_contact),
    ),
    Listing(
        "contacts API",
        lambda w, s: "/api/v1/casework/contacts/",
        "professional",
        lambda w: CaseContact.objects.count(),
    ),
    Listing(
        "settings API",
        lambda w, s: "/api/v1/casework/settings/",
        "coordinator",
        lambda w: Membership.objects.filter(
            person=w.coordinator, role__in=[Role.COORDINATOR]
        ).count(),
        lambda r: len(r.json()),
        session=True,
    ),
]


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [pytest.param(x, id=x.name) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    world: Any, client_for: Any, api_for: Any, settings: Any, listing: Listing, cache_seconds: int
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    setting = _setting(world)
    url = listing.url(world, setting)
    who = getattr(world, listing.who)
    client = api_for(who) if url.startswith("/api/") and not listing.session else client_for(who)

    def check(response: Any, n: int) -> None:
        expected = listing.expected(world)
        assert expected >= n, (listing.name, n, expected)
        assert listing.shown(response) == expected, (listing.name, n)

    filling, reading = qc.measure(
        lambda: client.get(url), qc.growing(lambda new: _grow(world, setting, new)), check
    )
    qc.assert_flat(listing.name, filling, reading)
