from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from entrepairs.accounts.models import AccessToken

pytestmark = pytest.mark.django_db


def _api(secret: str) -> APIClient:
    api = APIClient()
    # API clients choose their language; the messages below are checked in English.
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE="en")
    return api


def test_it_stores_only_a_hash_of_the_token(world):
    token, secret = AccessToken.issue(
        user=world.coordinator.user, organisation=world.org_a, name="sync"
    )
    assert secret.startswith("ep_") and secret not in token.token_hash
    assert AccessToken.objects.filter(token_hash=AccessToken.hash(secret)).exists()


def test_it_refuses_a_revoked_token(world):
    token, secret = AccessToken.issue(
        user=world.coordinator.user, organisation=world.org_a, name="sync"
    )
    assert _api(secret).get("/api/v1/people/").status_code == 200
    token.revoke()
    response = _api(secret).get("/api/v1/people/")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "This token has been revoked."


def test_it_refuses_an_expired_token(world):
    token, secret = AccessToken.issue(
        user=world.coordinator.user, organisation=world.org_a, name="sync"
    )
    AccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = _api(secret).get("/api/v1/people/")
    assert response.status_code == 401 and "expired" in response.json()["error"]["message"]


def test_it_limits_a_token_to_its_organisation(world, api_for):
    # The facilitator works for both organisations; a token scoped to B sees nothing of A.
    from entrepairs.organisations.models import Membership, Role

    Membership.objects.create(
        person=world.facilitator, organisation=world.org_b, role=Role.COORDINATOR
    )
    api = api_for(world.facilitator, organisation=world.org_b)
    orgs = {o["slug"] for o in api.get("/api/v1/organisations/").json()["results"]}
    assert orgs == {"enfance-sud"}
    assert api.get(f"/api/v1/organisations/{world.org_a.pk}/").status_code == 404
    listed = {p["last_name"] for p in api.get("/api/v1/people/").json()["results"]}
    assert "Pro" not in listed and "TravailleuseB" in listed


def test_it_lets_a_user_create_and_revoke_a_token_in_the_browser(world, client_for):
    client = client_for(world.coordinator)
    page = client.post(
        reverse("accounts:settings"),
        {"name": "HR sync", "organisation": world.org_a.pk, "days": 30},
    )
    secret = page.context["new_secret"]
    assert _api(secret).get("/api/v1/people/").status_code == 200
    token = AccessToken.objects.get(name="HR sync")
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert _api(secret).get("/api/v1/people/").status_code == 401


def test_it_refuses_revoking_someone_elses_token(world, client_for):
    token, _ = AccessToken.issue(user=world.coordinator_b.user, organisation=world.org_b, name="b")
    response = client_for(world.coordinator).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_shows_the_api_header_with_a_readable_placeholder(world, client_for):
    """The placeholder once vanished ("Authorization: Bearer .") when its translation was read as
    an HTML tag: it is now escaped code, outside the translated sentence."""
    html = client_for(world.professional).get(reverse("accounts:settings")).content.decode()
    assert "Authorization: Bearer &lt;votre jeton&gt;</code>" in html
    assert "<jeton>" not in html and "<token>" not in html
