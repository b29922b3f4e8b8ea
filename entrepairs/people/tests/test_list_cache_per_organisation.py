"""The people list's cache is refreshed per organisation (issue 18 §2, core.listcache): a write in
one organisation, through the domain services, shows at once on its pages and leaves another
organisation's pages cached (the warm page's queries, the same rows); a list that spans several
organisations is refreshed by a write in any of them; a bulk write that bypasses signals is
shown once the whole cache is invalidated."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entrepairs.core import listcache
from entrepairs.organisations import services as organisation_services
from entrepairs.organisations.models import Membership, Role
from entrepairs.people import services
from entrepairs.people.models import Person

from .test_list_cache import names_on

pytestmark = pytest.mark.django_db

PEOPLE = reverse("people:list")


def page(client: Any) -> tuple[int, list[str]]:
    """The people list's queries and names, as the signed-in viewer of `client` sees it."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PEOPLE)
    assert response.status_code == 200
    return len(queries), names_on(response)


def warm(client: Any) -> tuple[int, list[str]]:
    """The page, cached: its second reading."""
    page(client)
    return page(client)


def stays_cached(client: Any, write: Callable[[], Any]) -> list[str]:
    """Assert the page reads the same rows for the same queries after `write`; its names."""
    before = warm(client)
    write()
    assert page(client) == before
    return before[1]


def new_person_in(organisation: Any, by: Any, last_name: str) -> Person:
    person = Person(organisation=organisation, first_name="Nina", last_name=last_name)
    return services.person_save(person=person, by=by.user)


def test_a_new_person_in_one_organisation_leaves_anothers_page_cached(world, client):
    client.force_login(world.coordinator_b.user)
    names = stays_cached(client, lambda: new_person_in(world.org_a, world.coordinator, "Nouvelle"))
    assert "TravailleuseB Berthe" in names
    client.force_login(world.coordinator.user)
    assert "Nouvelle Nina" in page(client)[1]


def test_a_role_ended_in_one_organisation_leaves_anothers_page_cached(world, client):
    """Berthe, of B, facilitates in A: A's list shows her until her role there ends; B's list
    does not show roles, and stays cached."""
    role = Membership.objects.create(
        person=world.worker_b, organisation=world.org_a, role=Role.FACILITATOR
    )
    client.force_login(world.coordinator.user)
    assert "TravailleuseB Berthe" in warm(client)[1]
    client.force_login(world.coordinator_b.user)
    stays_cached(
        client,
        lambda: organisation_services.membership_end(membership=role, by=world.coordinator.user),
    )
    client.force_login(world.coordinator.user)
    assert "TravailleuseB Berthe" not in page(client)[1]


def test_a_renamed_team_in_one_organisation_leaves_anothers_page_cached(world, client):
    def rename_core_team() -> None:
        world.core.name = "Noyau Roubaix"
        organisation_services.team_save(team=world.core, by=world.coordinator.user)

    client.force_login(world.coordinator.user)
    warm(client)
    client.force_login(world.coordinator_b.user)
    stays_cached(client, rename_core_team)
    client.force_login(world.coordinator.user)
    html = client.get(PEOPLE).content.decode()
    assert "Noyau Roubaix" in html and "Noyau Lille 1" not in html


def test_a_page_spanning_two_organisations_is_refreshed_by_a_write_in_either(world, client):
    Membership.objects.create(
        person=world.coordinator, organisation=world.org_b, role=Role.COORDINATOR
    )
    client.force_login(world.coordinator.user)
    warm(client)
    new_person_in(world.org_b, world.coordinator_b, "Sudiste")
    assert "Sudiste Nina" in page(client)[1]
    warm(client)
    new_person_in(world.org_a, world.coordinator, "Nordiste")
    names = page(client)[1]
    assert "Nordiste Nina" in names and "Sudiste Nina" in names


def test_a_person_from_elsewhere_renamed_at_home_is_refreshed_where_they_hold_a_role(world, client):
    """The facilitator belongs to A and facilitates in B: B's list shows them, so their change in
    A refreshes B's pages too."""
    client.force_login(world.coordinator_b.user)
    assert "Facilitatrice Fanny" in warm(client)[1]
    world.facilitator.last_name = "Animatrice"
    services.person_save(person=world.facilitator, by=world.coordinator.user)
    names = page(client)[1]
    assert "Animatrice Fanny" in names and "Facilitatrice Fanny" not in names


def test_a_person_moved_to_another_organisation_leaves_the_first_ones_page(world, client):
    Membership.objects.create(
        person=world.coordinator, organisation=world.org_b, role=Role.COORDINATOR
    )
    client.force_login(world.coordinator_b.user)
    warm(client)
    client.force_login(world.manager.user)  # a manager of A only: sees their reports
    assert "Collegue Colin" in warm(client)[1]
    world.colleague.line_manager = None
    world.colleague.team = None
    world.colleague.organisation = world.org_b
    services.person_save(person=world.colleague, by=world.coordinator.user)
    assert "Collegue Colin" not in page(client)[1]
    client.force_login(world.coordinator_b.user)
    assert "Collegue Colin" in page(client)[1]


def test_the_api_page_of_another_organisation_stays_cached_after_a_create(world, api_for):
    url = "/api/v1/people/"
    api_b = api_for(world.coordinator_b)
    api_b.get(url)
    with CaptureQueriesContext(connection) as before:
        read_before = api_b.get(url).json()
    created = api_for(world.coordinator).post(
        url,
        {"organisation": str(world.org_a.pk), "first_name": "Api", "last_name": "Nouveau"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    with CaptureQueriesContext(connection) as after:
        read_after = api_b.get(url).json()
    assert read_after == read_before and len(after) == len(before)


def test_a_bulk_write_shows_once_the_whole_cache_is_invalidated(world, client):
    """`QuerySet.update` sends no signal: the writer invalidates every page by hand."""
    client.force_login(world.coordinator_b.user)
    warm(client)
    Person.objects.filter(organisation=world.org_b).update(first_name="Bulk")
    listcache.invalidate()
    assert "TravailleuseB Bulk" in page(client)[1]


def test_a_line_manager_removed_leaves_their_reports_rows_where_they_hold_a_role(world, client):
    """Removing a person unlinks their reports in one bulk update (no signal): the facilitator,
    of A, reports to Marc and is listed in B; B's list drops Marc's name at once."""
    world.facilitator.line_manager = world.manager
    world.facilitator.save()
    client.force_login(world.coordinator_b.user)
    page(client)
    assert "Marc" in client.get(PEOPLE).content.decode()
    services.person_delete(person=world.manager, by=world.coordinator.user)
    html = client.get(PEOPLE).content.decode()
    assert "Facilitatrice Fanny" in names_on(client.get(PEOPLE)) and "Marc" not in html
