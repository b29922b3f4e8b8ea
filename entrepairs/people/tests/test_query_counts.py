"""The people list page and API list run a constant, exact number of SQL queries at 10, 100 and
1,000 people: with the list cache off (every request computes the list) and on (the first
request after a change fills the cache, the next ones read it)."""

import re

import pytest
from django.urls import reverse

from entrepairs.core import listcache
from entrepairs.core.tests import querycounts as qc
from entrepairs.core.tests.querycounts import SIZES
from entrepairs.people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

QUERY_COUNTED = {"people:list", "person-list"}


def _grow_to(world, n: int) -> None:  # type: ignore[no-untyped-def]
    """Organisation A has n people. bulk_create sends no signal: invalidate the list cache as
    every bulk write must (core.listcache), or the next request reads the old list."""
    existing = Person.objects.filter(organisation=world.org_a).count()
    Person.objects.bulk_create(
        Person(
            organisation=world.org_a,
            first_name=f"P{i}",
            last_name=f"Nom{i:05d}",
            email=f"p{i}@a.test",
            team=world.core,
            line_manager=world.manager,
            profession="educator",
        )
        for i in range(existing, n)
    )
    listcache.invalidate()
    qc.refresh_planner_statistics()  # as autovacuum would (core/tests/querycounts.py)
    assert Person.objects.filter(organisation=world.org_a).count() == n


def _fetcher(world, client_for, api_for, kind):  # type: ignore[no-untyped-def]
    if kind == "page":
        client = client_for(world.coordinator)
        return lambda: client.get(reverse("people:list"), {"page": 1})
    api = api_for(world.coordinator)
    return lambda: api.get("/api/v1/people/", {"page": 1})


def _count(fetch, kind: str, n: int) -> int:  # type: ignore[no-untyped-def]
    queries, response = qc.count(fetch)
    if kind == "api":  # an answer about today's data, not a list cached at an older size
        assert response.json()["count"] == n
    else:
        shown = re.search(r"([\d,\s]+) people", response.content.decode())
        assert shown and int(re.sub(r"\D", "", shown[1])) == n
    return queries


# Exact counts, measured 2026-12-02. Uncached: session, user, viewer's memberships, the page's
# ids and count, the rows with their team and manager... A query per row would multiply them.
# 2026-12-05: the page reads its session from the database (issue 17: sessions no longer in the
# cache, which may be down), one query more than with the cache-backed session.
UNCACHED = {"page": 10, "api": 6}
# Cached: the first request after a change computes and stores the list, the next reads it.
FILLING = {"page": 10, "api": 6}
READING = {"page": 4, "api": 2}


@pytest.mark.parametrize("kind", ["page", "api"])
def test_it_runs_the_same_queries_for_10_100_and_1000_people_without_the_list_cache(
    world, client_for, api_for, settings, kind
):
    settings.LIST_CACHE_SECONDS = 0
    fetch = _fetcher(world, client_for, api_for, kind)
    fetch()  # content types, the token's first use
    counts = []
    for n in SIZES:
        _grow_to(world, n)
        counts.append(_count(fetch, kind, n))
    assert counts == [UNCACHED[kind]] * len(SIZES)


@pytest.mark.parametrize("kind", ["page", "api"])
def test_it_runs_the_same_queries_for_10_100_and_1000_people_with_the_list_cache(
    world, client_for, api_for, settings, kind
):
    settings.LIST_CACHE_SECONDS = 600
    fetch = _fetcher(world, client_for, api_for, kind)
    fetch()
    filling, reading = [], []
    for n in SIZES:
        _grow_to(world, n)
        filling.append(_count(fetch, kind, n))
        reading.append(_count(fetch, kind, n))
    assert filling == [FILLING[kind]] * len(SIZES)
    assert reading == [READING[kind]] * len(SIZES)
