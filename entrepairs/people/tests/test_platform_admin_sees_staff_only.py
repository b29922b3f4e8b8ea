"""The platform administrator sees staff profiles, never the people served (security review F4).

The administrator installs and creates organisations (PRODUCT.md) and has "no youth file"
(docs/mentoring.md), yet the people API, the people list and its search, the export, the
memberships API and the Django admin console listed every youth and foster family with their
phone numbers. One rule (`people.rules.visible_q` / `can_view_person`, with
`organisations.rules.served_q`): a person holding a served role (youth, guardian) or the child of a
casework case is not the administrator's to see. Each refusal has its control: the administrator
still sees staff, and the coordinator of the organisation still sees the people served."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def served(world):  # type: ignore[no-untyped-def]
    """The youth of the world, a foster family (guardian) with a phone, a child of casework."""
    guardian = Person.objects.create(
        organisation=world.org_a, first_name="Fabienne", last_name="Famille", phone="0600000001"
    )
    Membership.objects.create(person=guardian, organisation=world.org_a, role=Role.GUARDIAN)
    child = Person.objects.create(organisation=world.org_a, first_name="Lina", last_name="Enfant")
    return [world.youth, guardian, child]


@pytest.fixture
def child_in_casework(world, served):  # type: ignore[no-untyped-def]
    from entrepairs.casework import services as casework

    casework.case_open(
        team=world.core,
        child=served[2],
        birth_date=datetime.date(2014, 5, 1),
        by=SYSTEM,
    )
    return served[2]


def _admin_api(world):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_login(world.admin, backend="django.contrib.auth.backends.ModelBackend")
    return api


def _names(response) -> set[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    body = response.json()
    return {row["last_name"] for row in body["results"]}


def test_the_people_api_lists_staff_to_the_admin_and_no_one_served(world, child_in_casework):
    names = _names(_admin_api(world).get("/api/v1/people/", {"page_size": 100}))
    assert {"Coordinatrice", "Pro", "CoordB", "TravailleuseB"} <= names
    assert names.isdisjoint({"Jeune", "Famille", "Enfant"})


def test_the_people_api_lists_the_people_served_to_their_coordinator(
    world, api_for, child_in_casework
):
    names = _names(api_for(world.coordinator).get("/api/v1/people/", {"page_size": 100}))
    assert {"Jeune", "Famille", "Enfant"} <= names


def test_the_people_api_hides_a_youth_from_the_admin_like_a_missing_id(world, served):
    api = _admin_api(world)
    assert api.get(f"/api/v1/people/{world.youth.pk}/").status_code == 404
    assert api.get(f"/api/v1/people/{world.professional.pk}/").status_code == 200


def test_the_person_page_hides_a_foster_family_from_the_admin(world, served, client_for):
    client = client_for(world.admin)
    assert client.get(reverse("people:detail", args=[served[1].pk])).status_code == 404
    assert client.get(reverse("people:detail", args=[world.colleague.pk])).status_code == 200
    coordinator = client_for(world.coordinator)
    assert coordinator.get(reverse("people:detail", args=[served[1].pk])).status_code == 200


def test_the_search_finds_no_one_served_for_the_admin(world, served, client_for):
    page = client_for(world.admin).get(reverse("people:list"), {"q": "Famille"}).content.decode()
    assert "Fabienne" not in page
    found = client_for(world.admin).get(reverse("people:list"), {"q": "Collegue"})
    assert "Colin" in found.content.decode()


def test_the_export_holds_no_one_served_for_the_admin(world, child_in_casework, client_for):
    response = client_for(world.admin).get(
        reverse("people:export"), {"format": "csv", "columns": "codes"}
    )
    body = b"".join(response.streaming_content) if response.streaming else response.content
    names = {row["last_name"] for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    assert {"Pro", "CoordB"} <= names
    assert names.isdisjoint({"Jeune", "Famille", "Enfant", "0600000001"})


def test_the_memberships_api_shows_the_admin_staff_roles_only(world, served):
    response = _admin_api(world).get("/api/v1/memberships/", {"page_size": 100})
    assert response.status_code == 200
    roles = {row["role"] for row in response.json()["results"]}
    assert "professional" in roles
    assert roles.isdisjoint({"youth", "guardian"})


def test_the_django_admin_console_lists_no_one_served(world, child_in_casework, client_for):
    client = client_for(world.admin)
    page = client.get("/admin/people/person/").content.decode()
    assert "Coordinatrice" in page
    for name in ("Jeune", "Famille", "Enfant"):
        assert name not in page
    assert client.get(f"/admin/people/person/{world.youth.pk}/change/").status_code == 302
    assert client.get(f"/admin/people/person/{world.colleague.pk}/change/").status_code == 200
    roles = client.get("/admin/organisations/membership/", {"role__exact": "youth"})
    assert "Jeune" not in roles.content.decode()
    staff = client.get("/admin/organisations/membership/", {"role__exact": "professional"})
    assert "Collegue" in staff.content.decode()
