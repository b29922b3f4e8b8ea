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
