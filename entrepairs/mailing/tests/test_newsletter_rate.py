"""The public newsletter sign-up is rate-limited per client address and per e-mail address, on
every channel (page and API), by `services.subscribe_public` (outside test: 26 sign-ups in a row
were all accepted)."""

from django.conf import settings
from rest_framework.test import APIClient

from entrepairs.organisations.models import Organisation

from ..models import Subscription
from ..services import SIGN_UPS_PER_EMAIL, SIGN_UPS_PER_IP

FRENCH = "Trop de demandes d’inscription"


def _org():  # type: ignore[no-untyped-def]
    return Organisation.objects.create(name="Supervision & Co", slug="sup-co", kind="provider")


def _api_sign_up(api, org, email):  # type: ignore[no-untyped-def]
    return api.post(
        "/api/v1/groups/newsletter/",
        {"provider": str(org.pk), "email": email},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )


def test_it_answers_429_past_the_sign_ups_of_one_client_address_through_the_api(db) -> None:
    org, api = _org(), APIClient()
    for n in range(SIGN_UPS_PER_IP):
        assert _api_sign_up(api, org, f"a{n}@example.org").status_code == 202
    refused = _api_sign_up(api, org, "last@example.org")
    assert refused.status_code == 429
    assert FRENCH in refused.content.decode()
    assert not Subscription.objects.filter(email="last@example.org").exists()
    other = APIClient(REMOTE_ADDR="192.0.2.77")
    assert _api_sign_up(other, org, "other@example.org").status_code == 202


def test_it_answers_429_past_the_sign_ups_of_one_address_from_many_clients(db) -> None:
    org = _org()
    for n in range(SIGN_UPS_PER_EMAIL):
        api = APIClient(REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert _api_sign_up(api, org, "lea@example.org").status_code == 202
    api = APIClient(REMOTE_ADDR="192.0.2.99")
    assert _api_sign_up(api, org, "lea@example.org").status_code == 429


def test_the_page_counts_the_same_attempts_and_says_so_in_french(db, client) -> None:
    org = _org()
    api = APIClient()
    for n in range(SIGN_UPS_PER_IP):
        assert _api_sign_up(api, org, f"a{n}@example.org").status_code == 202
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.post(f"/groups/newsletter/{org.pk}/", {"email": "page@example.org"})
    assert page.status_code == 429
    assert FRENCH in page.content.decode()
    assert not Subscription.objects.filter(email="page@example.org").exists()
