"""The groups where the hierarchy sits (page and API) keep a bounded number of SQL queries as
such groups grow: chains are loaded one query per level for all groups at once."""

from __future__ import annotations

from typing import Any

from entrepairs.core.tests import querycounts as qc
from entrepairs.people.models import Person

from .. import services

QUERY_COUNTED = {"groups-hierarchy-breaches"}


def _grow(world: Any, start: int, n: int) -> None:
    """Groups k in [start, n): a supervision group where Boss k sits with their report."""
    for k in range(start, n):
        boss, report = (
            Person.objects.create(
                organisation=world.org_a, first_name=f"{role}{k}", last_name="Bulk"
            )
            for role in ("Boss", "Report")
        )
        group = services.group_create(
            organisation=world.org_a,
            name=f"Breach {k:04d}",
            kind="supervision",
            facilitators=[world.facilitator],
            created_by=world.coordinator,
        )
        for person in (boss, report):
            services.member_add(group=group, person=person, by=world.coordinator)
        Person.objects.filter(pk=report.pk).update(line_manager=boss)  # changed afterwards


def test_the_breaches_api_keeps_queries_bounded_as_breaches_grow(world: Any, api_for: Any) -> None:
    api = api_for(world.coordinator)
    url = "/api/v1/groups/hierarchy-breaches/"
    _grow(world, 0, 2)
    small, response = qc.count(lambda: api.get(url))
    assert len(response.json()) == 2
    _grow(world, 2, 12)
    large, response = qc.count(lambda: api.get(url))
    assert len(response.json()) == 12
    assert large <= small, (small, large)
