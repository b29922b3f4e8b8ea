"""Nobody gives themselves a role (security review F7): a coordinator named herself facilitator
through the API, then facilitator of a confidential group. Another coordinator of the organisation
or the platform administrator gives it. One rule, `organisations.services.refuse_own_role`, on
every path that grants a role: memberships (here), a person's roles and role requests (the parity
tables of people and organisations), the import (`people/tests/test_import.py`).

Stepping down stays allowed: ending or pausing one's own role opens nothing."""

import pytest
from rest_framework.test import APIClient

from entrepairs.organisations.models import Membership, Role

pytestmark = pytest.mark.usefixtures("english_messages")

OWN_ROLE = (
    "You cannot give yourself a role: another coordinator or the platform administrator does it."
)


def _give(api, person, organisation, role):  # type: ignore[no-untyped-def]
    return api.post(
        "/api/v1/memberships/",
        {"person": str(person.pk), "organisation": str(organisation.pk), "role": role},
        format="json",
    )


def _refused_as_own_role(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"]["person"] == [OWN_ROLE]


def test_it_refuses_a_coordinator_a_role_she_gives_herself(world, api_for):
    response = _give(api_for(world.coordinator), world.coordinator, world.org_a, "facilitator")
    _refused_as_own_role(response)
    assert not Membership.objects.filter(person=world.coordinator, role=Role.FACILITATOR).exists()


def test_it_lets_a_coordinator_give_a_colleague_a_role(world, api_for):
    response = _give(api_for(world.coordinator), world.colleague, world.org_a, "facilitator")
    assert response.status_code == 201, response.content
    assert Membership.objects.filter(person=world.colleague, role=Role.FACILITATOR).exists()


def test_it_lets_another_coordinator_give_her_the_role(world, api_for):
    other = Membership.objects.create(
        person=world.manager, organisation=world.org_a, role=Role.COORDINATOR
    )
    response = _give(api_for(other.person), world.coordinator, world.org_a, "facilitator")
    assert response.status_code == 201, response.content


def test_it_refuses_the_platform_administrator_a_role_given_to_themselves(world):
    """The platform administrator gives roles to others, never to a person record of their own."""
    from entrepairs.people.models import Person

    own = Person.objects.create(
        organisation=world.org_a, first_name="Ada", last_name="Admin", user=world.admin
    )
    api = APIClient()
    api.force_login(world.admin, backend="django.contrib.auth.backends.ModelBackend")
    _refused_as_own_role(_give(api, own, world.org_a, "expert"))
    assert _give(api, world.colleague, world.org_a, "expert").status_code == 201


def test_it_refuses_a_coordinator_turning_her_own_role_into_another(world, api_for):
    own = Membership.objects.get(person=world.coordinator, organisation=world.org_a)
    api = api_for(world.coordinator)
    response = api.patch(f"/api/v1/memberships/{own.pk}/", {"role": "admin"}, format="json")
    _refused_as_own_role(response)
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR


def test_it_lets_a_coordinator_pause_her_own_role_and_another_resume_it(world, api_for):
    own = Membership.objects.get(person=world.coordinator, organisation=world.org_a)
    # A second coordinator keeps the organisation run once she has stepped down.
    Membership.objects.create(person=world.manager, organisation=world.org_a, role="coordinator")
    api = api_for(world.coordinator)
    paused = api.patch(f"/api/v1/memberships/{own.pk}/", {"is_active": False}, format="json")
    assert paused.status_code == 200, paused.content
    own.refresh_from_db()
    assert own.is_active is False
    resumed = api_for(world.manager).patch(
        f"/api/v1/memberships/{own.pk}/", {"is_active": True}, format="json"
    )
    assert resumed.status_code == 200, resumed.content


def test_it_refuses_a_coordinator_resuming_her_own_paused_role(world, api_for):
    """A paused role she still sees (her own): resuming it would give it back without a second
    person. Another coordinator resumes it (the test above)."""
    own = Membership.objects.get(person=world.coordinator, organisation=world.org_a)
    other = Membership.objects.create(
        person=world.coordinator, organisation=world.org_a, role=Role.ADMIN, is_active=False
    )
    api = api_for(world.coordinator)
    response = api.patch(f"/api/v1/memberships/{other.pk}/", {"is_active": True}, format="json")
    _refused_as_own_role(response)
    other.refresh_from_db()
    assert other.is_active is False and own.is_active


def test_it_lets_a_coordinator_end_her_own_role(world, api_for):
    """Stepping down is harmless: the organisation's other coordinator or the platform
    administrator runs it then."""
    own = Membership.objects.get(person=world.coordinator, organisation=world.org_a)
    response = api_for(world.coordinator).delete(f"/api/v1/memberships/{own.pk}/")
    assert response.status_code == 204
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_it_refuses_a_coordinator_a_role_she_gives_herself_through_the_people_api(world, api_for):
    api = api_for(world.coordinator)
    url = f"/api/v1/people/{world.coordinator.pk}/"
    refused = api.patch(url, {"roles": ["coordinator", "facilitator"]}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["roles"] == [OWN_ROLE]
    control = f"/api/v1/people/{world.colleague.pk}/"
    allowed = api.patch(control, {"roles": ["professional", "facilitator"]}, format="json")
    assert allowed.status_code == 200, allowed.content


def test_it_refuses_a_coordinator_a_role_she_gives_herself_on_her_page(world, client_for):
    client = client_for(world.coordinator)
    form = {
        "organisation": world.org_a.pk,
        "first_name": world.coordinator.first_name,
        "last_name": world.coordinator.last_name,
        "email": world.coordinator.email,
        "years_experience": "0",
        "is_active": "on",
        "roles": ["coordinator", "facilitator"],
    }
    response = client.post(f"/people/{world.coordinator.pk}/edit/", form)
    assert response.status_code == 200
    assert OWN_ROLE in response.content.decode().replace("&#x27;", "'")
    assert not Membership.objects.filter(person=world.coordinator, role=Role.FACILITATOR).exists()
    form["roles"] = ["coordinator"]  # her roles unchanged: the rest of her record saves
    assert client.post(f"/people/{world.coordinator.pk}/edit/", form).status_code == 302


@pytest.mark.parametrize("field", ["person", "organisation"])
def test_a_role_stays_with_its_person_and_organisation(world, api_for, field):
    """Re-pointing a membership moved a coordinator's role to a colleague with none of a new
    role's checks (outside security test, F3): a role is ended and another given instead."""
    own = Membership.objects.get(person=world.coordinator, organisation=world.org_a)
    other = {"person": str(world.colleague.pk), "organisation": str(world.org_b.pk)}[field]
    response = api_for(world.coordinator).patch(
        f"/api/v1/memberships/{own.pk}/", {field: other}, format="json"
    )
    assert response.status_code == 400, response.content
    own.refresh_from_db()
    assert (own.person_id, own.organisation_id) == (world.coordinator.pk, world.org_a.pk)
