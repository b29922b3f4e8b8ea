"""The public newsletter sign-up: no account, double opt-in (nothing is sent before the address
confirms), one-click unsubscribe; the answer never tells whether an address was known."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Membership, Organisation, Role

from .. import services
from ..models import Announcement, Subscription
from ..selectors import active_subscribers


@pytest.fixture
def provider(world, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    org = Organisation.objects.create(name="Supervision & Co", slug="sup-co", kind="provider")
    Membership.objects.create(person=world.facilitator, organisation=org, role=Role.FACILITATOR)
    return org


def confirmation_link(message) -> str:  # type: ignore[no-untyped-def]
    found = re.search(r"https?://\S+/groups/newsletter/confirm/\S+/", message.body)
    assert found, message.body
    return found.group(0).split("://", 1)[1].split("/", 1)[1]


def test_someone_without_an_account_subscribes_confirms_receives_and_unsubscribes(
    world, provider, client, django_capture_on_commit_callbacks
) -> None:
    page = client.get(f"/groups/newsletter/{provider.pk}/")
    assert page.status_code == 200 and "Supervision &amp; Co" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/groups/newsletter/{provider.pk}/", {"email": "Lea@Example.org"})
    assert 'id="check-inbox"' in answer.content.decode()
    sub = Subscription.objects.get(email="lea@example.org")
    assert sub.confirmed_at is None and not active_subscribers(provider.pk).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lea@example.org"]
    link = "/" + confirmation_link(mail.outbox[0])
    # Following the link (a mail scanner does) confirms nothing; the button does.
    assert 'id="confirm-subscription"' in client.get(link).content.decode()
    assert Subscription.objects.get(pk=sub.pk).confirmed_at is None
    assert 'id="confirmed"' in client.post(link).content.decode()
    assert active_subscribers(provider.pk).count() == 1
    announcement = Announcement.objects.create(
        provider=provider, author=world.facilitator, title="Atelier Balint", body="Ouvert."
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.announcement_publish(announcement=announcement, by=SYSTEM) == 1
    news = mail.outbox[-1]
    assert news.to == ["lea@example.org"] and sub.token in news.extra_headers["List-Unsubscribe"]
    client.post(f"/groups/unsubscribe/{sub.token}/")
    assert not active_subscribers(provider.pk).exists()


def test_it_answers_the_same_for_a_known_address_and_sends_it_nothing(
    provider, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.subscribe_public(provider=provider, email="lea@example.org")
    token = mail.outbox[0].body
    sub = Subscription.objects.get()
    Subscription.objects.filter(pk=sub.pk).update(confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.subscribe_public(provider=provider, email="lea@example.org") is None
    assert len(mail.outbox) == 1 and token


def test_it_sends_one_confirmation_a_quarter_of_an_hour_at_most(
    provider, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            services.subscribe_public(provider=provider, email="lea@example.org")
    assert len(mail.outbox) == 1
    Subscription.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=20))
    with django_capture_on_commit_callbacks(execute=True):
        services.subscribe_public(provider=provider, email="lea@example.org")
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("token", ["forged", "x" * 40])
def test_it_refuses_a_forged_confirmation(provider, token) -> None:
    with pytest.raises(ValidationError) as exc:
        services.subscription_confirm(token=token)
    assert "token" in exc.value.message_dict


def test_it_refuses_an_expired_confirmation(provider, english_messages) -> None:
    sub = services.subscribe_public(provider=provider, email="lea@example.org")
    assert sub is not None
    token = services.confirmation_token(sub)
    from unittest import mock

    later = timezone.now() + timedelta(days=8)
    with (
        mock.patch("django.core.signing.time.time", return_value=later.timestamp()),
        pytest.raises(ValidationError) as exc,
    ):
        services.subscription_confirm(token=token)
    assert "expired" in exc.value.message_dict["token"][0]


def test_a_bad_address_is_refused_next_to_the_field(provider, client) -> None:
    page = client.post(f"/groups/newsletter/{provider.pk}/", {"email": "pas une adresse"})
    assert page.status_code == 200 and "has-error" in page.content.decode()
    assert not Subscription.objects.exists()


def test_the_api_signs_up_and_confirms_without_an_account(
    provider, django_capture_on_commit_callbacks
) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post(
            "/api/v1/groups/newsletter/",
            {"provider": str(provider.pk), "email": "lea@example.org"},
            format="json",
        )
    assert answer.status_code == 202
    token = confirmation_link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    confirmed = api.post("/api/v1/groups/newsletter/confirm/", {"token": token}, format="json")
    assert confirmed.status_code == 200 and "lea@example.org" in confirmed.json()["detail"]
    bad = api.post("/api/v1/groups/newsletter/", {"provider": str(provider.pk), "email": "x"})
    assert bad.status_code == 400 and "email" in bad.json()["error"]["fields"]
    forged = api.post("/api/v1/groups/newsletter/confirm/", {"token": "forged"}, format="json")
    assert forged.status_code == 400 and "token" in forged.json()["error"]["fields"]
    unknown = api.post(
        "/api/v1/groups/newsletter/",
        {"provider": "00000000-0000-0000-0000-000000000000", "email": "lea@example.org"},
        format="json",
    )
    assert unknown.status_code == 400


def test_a_signed_in_person_subscribes_their_own_address_at_once(world, provider) -> None:
    sub = services.subscribe(provider=provider, email=world.professional.email)
    assert sub.is_active and active_subscribers(provider.pk).count() == 1
