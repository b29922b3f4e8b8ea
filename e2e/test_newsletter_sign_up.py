"""Someone without an account signs up to an organisation's newsletter on its public page,
confirms from the e-mail (double opt-in), and unsubscribes in one click from an announcement."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from .axe import page_check

pytestmark = pytest.mark.e2e


def test_a_visitor_signs_up_confirms_and_unsubscribes(page: Page, world, settings) -> None:
    from entrepairs.core.services import SYSTEM
    from entrepairs.mailing import services
    from entrepairs.mailing.models import Announcement, Subscription
    from entrepairs.organisations.models import Organisation

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    provider = Organisation.objects.create(name="Supervision & Co", slug="sup-co", kind="provider")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/groups/newsletter/{provider.pk}/")
    page_check(page)
    expect(page.locator("h1")).to_contain_text("Supervision & Co")
    page.fill("#id_email", "pas-une-adresse")
    page.locator("#newsletter-subscribe").click()
    page_check(page)
    expect(page.locator(".has-error")).to_be_visible()
    page.fill("#id_email", "lea@example.org")
    page.locator("#newsletter-subscribe").click()
    page_check(page)
    expect(page.locator("#check-inbox")).to_be_visible()
    assert not Subscription.objects.get(email="lea@example.org").is_active

    link = re.search(r"/groups/newsletter/confirm/\S+/", str(mail.outbox[-1].body))
    assert link is not None
    page.goto(link.group(0))
    page_check(page)
    page.locator("#confirm-subscription").click()
    page_check(page)
    expect(page.locator("#confirmed")).to_contain_text("lea@example.org")
    subscription = Subscription.objects.get(email="lea@example.org")
    assert subscription.is_active

    announcement = Announcement.objects.create(
        provider=provider, author=world.facilitator, title="Atelier Balint", body="Ouvert."
    )
    services.announcement_publish(announcement=announcement, by=SYSTEM)
    news = mail.outbox[-1]
    assert news.to == ["lea@example.org"] and subscription.token in news.body
    page.goto(f"/groups/unsubscribe/{subscription.token}/")
    page_check(page)
    page.locator("#unsubscribe").click()
    page_check(page)
    expect(page.locator("#unsubscribed")).to_be_visible()
    subscription.refresh_from_db()
    assert not subscription.is_active
