import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_sends_a_member_of_a_role_requiring_two_factor_to_enrol(world, client_for):
    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    response = client_for(world.coordinator).get(reverse("people:list"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_it_lets_roles_not_listed_work_without_two_factor(world, client_for):
    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    assert client_for(world.professional).get(reverse("people:list")).status_code == 200


def test_it_lets_an_enrolled_member_through(world, client_for):
    from allauth.mfa.models import Authenticator

    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    Authenticator.objects.create(
        user=world.coordinator.user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    assert client_for(world.coordinator).get(reverse("people:list")).status_code == 200


# The API used with a session cookie enforces the requirement exactly as pages do.
API = "/api/v1/people/"


def test_it_refuses_the_api_to_a_session_of_a_member_who_must_enrol(world, client_for):
    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    response = client_for(world.coordinator).get(API)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "two_factor_required"


def test_it_serves_the_api_to_a_session_once_enrolled(world, client_for):
    from allauth.mfa.models import Authenticator

    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    Authenticator.objects.create(
        user=world.coordinator.user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    assert client_for(world.coordinator).get(API).status_code == 200


def test_it_serves_the_api_to_a_session_of_a_role_not_listed(world, client_for):
    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    assert client_for(world.professional).get(API).status_code == 200


def test_it_refuses_a_token_made_before_the_requirement_until_the_owner_enrols(world, api_for):
    # A token made before the organisation required two-factor does not get round it.
    from allauth.mfa.models import Authenticator

    api = api_for(world.coordinator)
    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    refused = api.get(API)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "two_factor_required"
    # Positive control: once enrolled, the same token works again.
    Authenticator.objects.create(
        user=world.coordinator.user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    assert api.get(API).status_code == 200
