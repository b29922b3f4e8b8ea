"""The directory page and API run the same number of SQL queries at 10, 100 and 1,000 members,
searched or not, with the list cache off and on (core/tests/querycounts.py): each member's
shown details are computed in the one query that reads the page, whatever each chose."""

from __future__ import annotations

from typing import Any

import pytest

from entrepairs.core.tests import querycounts as qc
from entrepairs.groups.models import Group, GroupMember
from entrepairs.networks import services
from entrepairs.networks.models import (
    Audience,
    Direction,
    DirectoryProfile,
    Level,
    Network,
    NetworkMember,
    Status,
)
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

AUDIENCES = [Audience.NOBODY, Audience.GROUP, Audience.NETWORK]


def _grow(world: Any, network: Network, group: Group, new: range) -> None:
    people = Person.objects.bulk_create(
        Person(
            organisation=world.org_a,
            first_name=f"Membre{i:05d}",
            last_name="Annuaire",
            email=f"membre{i:05d}@tutelle-nord.test",
            phone="06 00 00 00 00",
            region="Hauts-de-France" if i % 2 else "Occitanie",
            profession="tutor",
            languages=["fr", "ar"] if i % 3 else ["fr"],
            years_experience=i % 20,
        )
        for i in new
    )
    members = NetworkMember.objects.bulk_create(
        NetworkMember(
            network=network, person=p, status=Status.ACCEPTED, direction=Direction.REQUEST
        )
        for p in people
    )
    DirectoryProfile.objects.bulk_create(
        DirectoryProfile(
            member=m,
            presentation="Tutrice.",
            **{
                f"{key}_audience": AUDIENCES[(i + j) % 3]
                for j, key in enumerate(
                    ("email", "region", "phone", "languages", "experience", "profession")
                )
            },
        )
        for i, m in zip(new, members, strict=True)
        if i % 4
    )
    GroupMember.objects.bulk_create(
        GroupMember(group=group, person=p) for i, p in zip(new, people, strict=True) if i % 5 == 0
    )


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
@pytest.mark.parametrize(
    "query",
    ["", "?q=membre&region=hauts&min_years=2"],
    ids=["all", "searched"],
)
def test_it_runs_the_same_queries_at_10_100_and_1000_members(
    world: Any,
    client_for: Any,
    api_for: Any,
    settings: Any,
    cache_seconds: int,
    api: bool,
    query: str,
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    network = services.network_create(
        organisation=world.org_a, name="Réseau", level=Level.REGIONAL, by=world.coordinator
    )
    group = Group.objects.create(organisation=world.org_a, name="Analyse", kind="peer_support")
    GroupMember.objects.create(group=group, person=world.coordinator)
    url = f"{'/api/v1' if api else ''}/networks/{network.pk}/directory/{query}"
    client = api_for(world.coordinator) if api else client_for(world.coordinator)

    def check(response: Any, n: int) -> None:
        if api:
            count = response.json()["count"]
            assert count > 0 if query else count == n + 1, (n, count)
        elif not query:
            assert f"{n + 1} members" in response.content.decode(), n
        else:  # a search that finds someone at every size (Membre00007 at 10 already)
            assert "Membre00007 Annuaire" in response.content.decode(), n

    filling, reading = qc.measure(
        lambda: client.get(url),
        qc.growing(lambda new: _grow(world, network, group, new)),
        check,
    )
    qc.assert_flat(f"directory {'API' if api else 'page'} {query}", filling, reading)


QUERY_COUNTED = {"networks:directory", "network-directory-list"}
