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


def test_it_records_failed_sign_ins(world, client):
    from entrepairs.accounts.models import LoginAttempt

    for _ in range(2):
        client.post(
            reverse("account_login"), {"login": world.coordinator.email, "password": "wrong"}
        )
    assert LoginAttempt.objects.filter(email=world.coordinator.email).count() == 2


def test_it_throttles_repeated_failed_sign_ins(world, client, settings, english_messages):
    from django.core.cache import cache

    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip"}
    for _ in range(3):
        client.post(
            reverse("account_login"), {"login": world.coordinator.email, "password": "wrong"}
        )
    # Even the right password is refused while throttled.
    response = client.post(
        reverse("account_login"), {"login": world.coordinator.email, "password": world.password}
    )
    # allauth answers the throttled sign-in with the form again (200), saying why.
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    cache.clear()
