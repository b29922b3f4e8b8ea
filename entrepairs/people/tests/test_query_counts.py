"""The people list page and API list run a constant number of SQL queries, whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def _grow_to(world, n: int) -> None:
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


def _count(fetch) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize("kind", ["page", "api"])
def test_it_runs_the_same_number_of_queries_for_10_and_1000_people(
    world, client_for, api_for, kind
):
    if kind == "page":
        client = client_for(world.coordinator)

        def fetch():
            return client.get(reverse("people:list"), {"page": 2})
    else:
        api = api_for(world.coordinator)

        def fetch():
            return api.get("/api/v1/people/", {"page": 1})

    _grow_to(world, 60)
    fetch()  # warm caches (content types, sessions)
    small = _count(fetch)
    _grow_to(world, 1000)
    large = _count(fetch)
    assert small == large, f"{small} queries for 60 people, {large} for 1000"
    assert large <= 14
