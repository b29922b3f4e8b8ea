"""Account writes go through accounts/services.py, which holds their rules whoever calls them:
a token is its owner's, scoped to one of their organisations; signing out everywhere is the
same service on the page and in the API."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from entrepairs.accounts import services
from entrepairs.accounts.models import AccessToken
from entrepairs.core.services import recording

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english_messages):  # type: ignore[no-untyped-def]
    """These tests read messages in the source language."""


def signed_in(person) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_it_refuses_a_token_for_an_organisation_the_person_holds_no_role_in(world):
    with pytest.raises(ValidationError, match="You cannot make a token for this organisation."):
        services.access_token_issue(
            organisation=world.org_b, name="sync", by=world.professional.user
        )
    token, secret = services.access_token_issue(
        organisation=world.org_a, name="sync", by=world.professional.user
    )
    assert token.user == world.professional.user and secret.startswith("ep_")


def test_it_refuses_a_token_without_a_name_or_valid_for_too_long(world):
    user = world.professional.user
    with pytest.raises(ValidationError, match="Name the token."):
        services.access_token_issue(organisation=world.org_a, name="  ", by=user)
    with pytest.raises(ValidationError, match="A token is valid for 1 to 365 days."):
        services.access_token_issue(organisation=world.org_a, name="sync", days=400, by=user)


def test_it_refuses_to_revoke_someone_elses_token(world):
    token, _secret = AccessToken.issue(
        user=world.coordinator.user, organisation=world.org_a, name="sync"
    )
    with pytest.raises(ValidationError, match="You cannot revoke this token."):
        services.access_token_revoke(token=token, by=world.professional.user)
    token.refresh_from_db()
    assert token.revoked_at is None
    services.access_token_revoke(token=token, by=world.coordinator.user)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_creates_a_token_on_the_account_page_through_the_service(world):
    client = signed_in(world.professional)
    data = {"name": "sync", "organisation": world.org_a.pk, "days": 30}
    with recording() as calls:
        response = client.post(reverse("accounts:settings"), data)
    assert response.status_code == 200
    assert "entrepairs.accounts.services.access_token_issue" in calls
    assert AccessToken.objects.filter(user=world.professional.user, name="sync").exists()


def test_it_does_not_offer_another_organisation_on_the_account_page(world):
    client = signed_in(world.professional)
    data = {"name": "sync", "organisation": world.org_b.pk, "days": 30}
    with recording() as calls:
        response = client.post(reverse("accounts:settings"), data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert calls == []
    assert not AccessToken.objects.filter(user=world.professional.user).exists()


def test_it_hides_someone_elses_token_from_the_revoke_button(world):
    token, _secret = AccessToken.issue(
        user=world.coordinator.user, organisation=world.org_a, name="sync"
    )
    url = reverse("accounts:token_revoke", args=[token.pk])
    assert signed_in(world.professional).post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    with recording() as calls:
        assert signed_in(world.coordinator).post(url).status_code == 302
    assert calls == ["entrepairs.accounts.services.access_token_revoke"]
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_signs_out_everywhere_through_the_same_service_on_the_page_and_the_api(world, api_for):
    with recording() as page_calls:
        signed_in(world.professional).post(reverse("accounts:sign_out_everywhere"))
    with recording() as api_calls:
        api_for(world.professional).post("/api/v1/account/sign-out-everywhere/")
    assert page_calls == api_calls == ["entrepairs.accounts.services.sign_out_everywhere"]
