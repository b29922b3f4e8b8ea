"""Subscribers are written to in the language they subscribed in (outside test of #15: the
newsletter and list e-mails all went out in the platform's language, with a bilingual
unsubscribe line): the page's or API request's language for a public sign-up, the account's for
a signed-in person; the confirmation, the announcements and the list messages all follow it."""

from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation
from rest_framework.test import APIClient

from entrepairs.core.french import long_date
from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Membership, Organisation, Role

from .. import services
from ..models import Announcement, Subscription

EVENT_DAY = date(2027, 1, 20)


@pytest.fixture
def provider(world, settings):  # noqa: F811  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.LANGUAGE_CODE = "fr"
    org = Organisation.objects.create(name="Atelier Parole", slug="atelier", kind="provider")
    Membership.objects.create(person=world.facilitator, organisation=org, role=Role.FACILITATOR)
    return org


def _publish(provider, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    announcement = Announcement.objects.create(
        provider=provider,
        author=provider.memberships.get().person,
        title="Atelier Balint",
        body="Ouvert à tous.",
        event_date=EVENT_DAY,
        place="Lyon",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_publish(announcement=announcement, by=SYSTEM)


def _confirm_last(client) -> None:  # type: ignore[no-untyped-def]
    link = next(w for w in mail.outbox[-1].body.split() if "/newsletter/confirm/" in w)
    client.post(link.split("testserver", 1)[-1])


@pytest.mark.parametrize(
    ("language", "confirm_words", "unsubscribe_words", "day"),
    [
        ("fr", "Confirmez dans les 7 jours", "Se désabonner (un clic", "janvier"),
        ("en", "Confirm within 7 days", "Unsubscribe (one click", "Jan"),
    ],
)
def test_a_public_sign_up_is_written_to_in_the_pages_language(
    provider,
    client,
    django_capture_on_commit_callbacks,
    language,
    confirm_words,
    unsubscribe_words,
    day,
) -> None:  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language the visitor chose
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/groups/newsletter/{provider.pk}/", {"email": "lea@example.org"})
    assert Subscription.objects.get(email="lea@example.org").language == language
    assert confirm_words in mail.outbox[-1].body
    _confirm_last(client)
    _publish(provider, django_capture_on_commit_callbacks)
    body = mail.outbox[-1].body
    with translation.override(language):
        assert unsubscribe_words in body and long_date(EVENT_DAY) in body and day in body
    assert "Se désinscrire / Unsubscribe" not in body


def test_an_api_sign_up_in_english_gets_english_e_mails(
    provider, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    api = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post(
            "/api/v1/groups/newsletter/",
            {"provider": str(provider.pk), "email": "sam@example.org"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert answer.status_code == 202
    assert "Confirm within 7 days" in mail.outbox[-1].body
    assert mail.outbox[-1].subject.endswith("Confirm your subscription")


def test_a_signed_in_person_is_written_to_in_their_accounts_language(
    world, provider, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    user = world.professional.user
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    client_for(world.professional).post(
        "/groups/announcements/subscribe/", {"provider": provider.pk}
    )
    assert Subscription.objects.get(email=world.professional.email).language == "en"
    _publish(provider, django_capture_on_commit_callbacks)
    assert "Unsubscribe (one click" in mail.outbox[-1].body
