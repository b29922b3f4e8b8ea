"""The people list caches its pages (core.listcache): a warm page costs fewer queries, and any
change to people, teams, memberships or organisations shows at once; viewers never share pages
they should not see."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

ROW_LINK = re.compile(r'<a href="(/people/[0-9a-f-]{36}/)">([^<]+)</a>')


def names_on(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [name for _, name in ROW_LINK.findall(response.content.decode())]


def test_a_warm_page_runs_fewer_queries_and_shows_the_same_rows(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("people:list") + "?page=1"
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url)
    assert names_on(first) == names_on(second) and "Pro Paula" in names_on(second)
    assert len(warm) < len(cold)


def test_each_row_links_to_the_persons_page(world, client_for):
    links = {
        name: href
        for href, name in ROW_LINK.findall(
            client_for(world.coordinator).get(reverse("people:list")).content.decode()
        )
    }
    assert links["Pro Paula"] == reverse("people:detail", args=[world.professional.pk])


def test_a_new_person_shows_at_once_on_a_warm_page(world, client_for):
    client = client_for(world.coordinator)
    client.get(reverse("people:list"))
    Person.objects.create(organisation=world.org_a, first_name="Nina", last_name="Nouvelle")
    assert "Nouvelle Nina" in names_on(client.get(reverse("people:list")))


def test_a_change_or_a_removal_shows_at_once(world, client_for):
    client = client_for(world.coordinator)
    client.get(reverse("people:list"))
    world.colleague.last_name = "Renamed"
    world.colleague.save()
    world.youth.delete()
    names = names_on(client.get(reverse("people:list")))
    assert "Renamed Colin" in names and "Collegue Colin" not in names
    assert "Jeune Yanis" not in names


def test_a_renamed_team_shows_in_the_rows_and_the_filter(world, client_for):
    client = client_for(world.coordinator)
    client.get(reverse("people:list"))
    world.core.name = "Noyau Roubaix"
    world.core.save()
    html = client.get(reverse("people:list")).content.decode()
    assert html.count("Noyau Roubaix") >= 2  # the filter's option and Paula's row
    assert "Noyau Lille 1" not in html


def test_a_new_role_elsewhere_shows_that_organisations_people(world, client_for):
    client = client_for(world.coordinator)
    assert "TravailleuseB Berthe" not in names_on(client.get(reverse("people:list")))
    Membership.objects.create(
        person=world.coordinator, organisation=world.org_b, role=Role.COORDINATOR
    )
    assert "TravailleuseB Berthe" in names_on(client.get(reverse("people:list")))


def test_viewers_of_different_scopes_never_share_a_page(world, client_for):
    client = client_for(world.coordinator)
    client.get(reverse("people:list"))
    names = names_on(client_for(world.coordinator_b).get(reverse("people:list")))
    assert "TravailleuseB Berthe" in names and "Pro Paula" not in names
    assert names_on(client_for(world.professional).get(reverse("people:list"))) == ["Pro Paula"]
    # A manager of the same organisation sees their staff only, not the coordinator's page.
    staff = set(names_on(client_for(world.manager).get(reverse("people:list"))))
    assert staff == {"Manager Marc", "Pro Paula", "Collegue Colin"}


def test_the_api_page_is_refreshed_after_a_create_through_the_api(world, api_for):
    api = api_for(world.coordinator)
    url = "/api/v1/people/"
    before = api.get(url).json()["count"]
    created = api.post(
        url,
        {"organisation": str(world.org_a.pk), "first_name": "Api", "last_name": "Nouveau"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    after = api.get(url).json()
    assert after["count"] == before + 1
    assert "Nouveau" in [p["last_name"] for p in after["results"]]


def test_the_api_never_serves_one_scopes_page_to_another(world, api_for):
    url = "/api/v1/people/"
    a = {p["last_name"] for p in api_for(world.coordinator).get(url).json()["results"]}
    b = {p["last_name"] for p in api_for(world.coordinator_b).get(url).json()["results"]}
    staff = {p["last_name"] for p in api_for(world.manager).get(url).json()["results"]}
    assert "Pro" in a and "Pro" not in b and "TravailleuseB" in b
    assert staff == {"Manager", "Pro", "Collegue"}
