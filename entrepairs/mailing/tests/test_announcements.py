"""Announcements to opt-in subscribers, one-click unsubscribe; only an organisation's providers
write its announcements."""

import pytest
from django.core import mail

from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Membership, Organisation, Role

from .. import services
from ..models import Announcement, Subscription


@pytest.fixture
def provider(world):  # type: ignore[no-untyped-def]
    org = Organisation.objects.create(name="Supervision & Co", slug="sup-co", kind="provider")
    Membership.objects.create(person=world.facilitator, organisation=org, role=Role.FACILITATOR)
    return org


def test_it_sends_announcements_to_opt_in_subscribers_with_one_click_unsubscribe(
    world, provider, client_for, client, django_capture_on_commit_callbacks, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    org = provider
    client_for(world.professional).post("/groups/announcements/subscribe/", {"provider": org.pk})
    sub = Subscription.objects.get(email=world.professional.email)
    announcement = Announcement.objects.create(
        provider=org, author=world.facilitator, title="Atelier Balint", body="Ouvert à tous."
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.announcement_publish(announcement=announcement, by=SYSTEM) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sub.token in message.body and "List-Unsubscribe" in message.extra_headers
    client.logout()
    page = client.post(f"/groups/unsubscribe/{sub.token}/")  # RFC 8058 one-click POST, no sign-in
    assert page.status_code == 200
    sub.refresh_from_db()
    assert sub.unsubscribed_at is not None


def test_it_refuses_announcements_from_people_who_are_not_providers(
    world, api_for, provider
) -> None:
    org = provider
    body = {"provider": org.pk, "title": "x", "body": "y"}
    assert (
        api_for(world.professional).post("/api/v1/groups/announcements/", body).status_code == 403
    )
    assert (
        api_for(world.facilitator, org).post("/api/v1/groups/announcements/", body).status_code
        == 201
    )


def test_unsubscribing_on_the_page_asks_first_and_the_email_link_stays_one_click(
    world, provider, client_for, client
) -> None:
    """Issue 15 §9: the page's « Se désabonner » asks first; the e-mail's link (RFC 8058) is one
    POST without sign-in, on purpose (a mail client sends it, nobody could confirm)."""
    member = client_for(world.professional)
    member.post("/groups/announcements/subscribe/", {"provider": provider.pk})
    sub = Subscription.objects.get(email=world.professional.email)
    member.cookies["django_language"] = "fr"
    asked = member.post(
        "/groups/announcements/subscribe/", {"provider": provider.pk, "action": "unsubscribe"}
    )
    html = asked.content.decode()
    assert asked.status_code == 200 and 'id="confirm-action"' in html
    assert "Oui, me désabonner" in html
    sub.refresh_from_db()
    assert sub.unsubscribed_at is None
    done = member.post(
        "/groups/announcements/subscribe/",
        {"provider": provider.pk, "action": "unsubscribe", "confirmed": "1"},
    )
    assert done.status_code == 302
    sub.refresh_from_db()
    assert sub.unsubscribed_at is not None
