"""A token scoped to one organisation shows the role requests addressed to the person only when
they concern that organisation (asked by it, or the person's home is there) (issue 10)."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from entrepairs.organisations import services
from entrepairs.organisations.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db


def _ids(api: APIClient, url: str = "/api/v1/role-requests/") -> set[str]:
    response = api.get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _session_api(who: Any) -> APIClient:
    api = APIClient()
    api.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
    return api


@pytest.fixture
def asked(world):  # type: ignore[no-untyped-def]
    """Organisation C asks Colin (home A, also working for B) to facilitate there."""
    org_c = Organisation.objects.create(name="Maison Est", slug="maison-est")
    Membership.objects.create(person=world.colleague, organisation=world.org_b, role=Role.TUTOR)
    # C's coordinator asks (here B's coordinator, who also coordinates C).
    Membership.objects.create(person=world.coordinator_b, organisation=org_c, role=Role.COORDINATOR)
    return services.role_request_create(
        organisation=org_c,
        role=Role.FACILITATOR,
        email=world.colleague.email,
        requested_by=world.coordinator_b.user,
    )


def test_a_token_of_b_hides_a_request_of_c_to_a_person_of_a(world, asked, api_for):
    api = api_for(world.colleague, organisation=world.org_b)
    assert str(asked.pk) not in _ids(api)
    assert str(asked.pk) not in _ids(api, "/api/v1/role-requests/?box=received")
    assert api.get(f"/api/v1/role-requests/{asked.pk}/").status_code == 404


def test_a_token_of_the_home_organisation_and_a_session_show_it(world, asked, api_for):
    for api in (api_for(world.colleague, organisation=world.org_a), _session_api(world.colleague)):
        assert str(asked.pk) in _ids(api)
        assert api.get(f"/api/v1/role-requests/{asked.pk}/").status_code == 200


def test_a_token_shows_its_owners_roles_in_its_organisation_only(world, api_for):
    """Found by the outside test: a token scoped to B listed the owner's role in A."""
    in_b = Membership.objects.create(
        person=world.colleague, organisation=world.org_b, role=Role.TUTOR
    )
    in_a = Membership.objects.filter(person=world.colleague, organisation=world.org_a).first()
    assert in_a is not None
    token_b = api_for(world.colleague, organisation=world.org_b)
    assert _ids(token_b, "/api/v1/memberships/") == {str(in_b.pk)}
    assert token_b.get(f"/api/v1/memberships/{in_a.pk}/").status_code == 404
    session = _session_api(world.colleague)  # the positive control: a session sees both
    assert {str(in_a.pk), str(in_b.pk)} <= _ids(session, "/api/v1/memberships/")
