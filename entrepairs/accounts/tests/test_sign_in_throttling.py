"""Failed sign-ins are throttled per account and, more loosely, per client address; the client
address is the one a configured trusted proxy forwarded (issue 10, point 5)."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def sign_in(email: str, password: str, *, address: str, via_proxy: bool = True):  # type: ignore[no-untyped-def]
    """A fresh browser posting the sign-in form, from `address` (through the proxy, by default)."""
    client = Client()
    headers: dict[str, Any] = (
        {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}
        if via_proxy
        else {"REMOTE_ADDR": address}
    )
    response = client.post(
        reverse("account_login"), {"login": email, "password": password}, **headers
    )
    return response, client


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def throttled(response) -> bool:  # type: ignore[no-untyped-def]
    form = response.context["form"]
    return "too_many_login_attempts" in [e.code for e in form.non_field_errors().as_data()]


@pytest.fixture
def behind_one_proxy(settings):  # type: ignore[no-untyped-def]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_it_locks_one_account_after_five_wrong_passwords_but_nobody_else_behind_the_proxy(
    world, behind_one_proxy
):
    for _ in range(5):
        response, client = sign_in(world.coordinator.email, "wrong", address="203.0.113.5")
        assert response.status_code == 200 and not throttled(response)
    response, client = sign_in(world.coordinator.email, world.password, address="203.0.113.5")
    assert response.status_code == 200 and throttled(response) and not signed_in(client)
    # Everyone else shares the proxy's address: they sign in, from elsewhere or the same office.
    response, client = sign_in(world.professional.email, world.password, address="203.0.113.9")
    assert response.status_code == 302 and signed_in(client)
    response, client = sign_in(world.colleague.email, world.password, address="203.0.113.5")
    assert response.status_code == 302 and signed_in(client)


def test_it_throttles_a_client_address_trying_many_accounts(world, behind_one_proxy):
    for i in range(20):  # settings: 20 failures per address in 5 minutes
        response, _ = sign_in(f"nobody{i}@example.test", "guess", address="203.0.113.5")
        assert not throttled(response)
    response, client = sign_in(world.professional.email, world.password, address="203.0.113.5")
    assert response.status_code == 200 and throttled(response) and not signed_in(client)
    response, client = sign_in(world.professional.email, world.password, address="203.0.113.6")
    assert response.status_code == 302 and signed_in(client)


def test_it_ignores_a_forwarded_address_when_no_proxy_is_configured(world, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,5/5m/key"}
    for i in range(3):
        client = Client()
        client.post(
            reverse("account_login"),
            {"login": f"nobody{i}@example.test", "password": "guess"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",  # forged: a new address each time
        )
    response, client = sign_in(
        world.professional.email, world.password, address="198.51.100.7", via_proxy=False
    )
    assert response.status_code == 200 and throttled(response) and not signed_in(client)
    response, client = sign_in(
        world.professional.email, world.password, address="198.51.100.8", via_proxy=False
    )
    assert response.status_code == 302 and signed_in(client)


def test_it_signs_in_when_the_server_does_not_know_the_client_address(world):
    # gunicorn on a unix socket with no proxy configured: REMOTE_ADDR is empty.
    response, client = sign_in(
        world.professional.email, world.password, address="", via_proxy=False
    )
    assert response.status_code == 302 and signed_in(client)


def test_it_still_locks_the_account_when_the_client_address_is_unknown(world):
    for _ in range(5):
        response, _ = sign_in(world.coordinator.email, "wrong", address="", via_proxy=False)
        assert response.status_code == 200 and not throttled(response)
    response, client = sign_in(world.coordinator.email, world.password, address="", via_proxy=False)
    assert throttled(response) and not signed_in(client)
    # No shared "unknown" address: the others still sign in.
    response, client = sign_in(
        world.professional.email, world.password, address="", via_proxy=False
    )
    assert response.status_code == 302 and signed_in(client)


def test_it_reads_the_client_address_from_a_header_the_proxy_sets(world, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": world.professional.email, "password": world.password},
        REMOTE_ADDR="",
        HTTP_X_REAL_IP="203.0.113.77",
    )
    assert response.status_code == 302
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get(additional_data__event="sign_in")
    assert entry.remote_addr == "203.0.113.77"
