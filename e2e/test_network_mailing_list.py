"""A member of a network subscribes to its mailing list in one click, the organiser sends a
message (queued for the worker, progress shown), the member reads it in the list's archive; the
e-mail carries its one-click unsubscribe link and headers (issue 16 point 3)."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_a_member_subscribes_the_organiser_sends_the_member_reads_the_archive(
    page: Page, world, settings
) -> None:
    from entrepairs.core.services import SYSTEM
    from entrepairs.mailing import services
    from entrepairs.mailing.models import ListMessage, MailingList, Subscription
    from entrepairs.networks import services as network_services
    from entrepairs.networks.models import Level

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    network = network_services.network_create(
        organisation=world.org_a,
        name="Réseau des tuteurs du Nord",
        level=Level.REGIONAL,
        by=world.coordinator,
    )
    mailing_list = services.mailing_list_save(
        mailing_list=MailingList(network=network, name="Tuteurs du Nord"), by=SYSTEM
    )

    # The member finds the list from the network's page and subscribes in one click.
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto(f"/networks/{network.pk}/")
    page_check(page)
    page.locator("#network-mailing-lists").click()
    page_check(page)
    page.get_by_role("link", name="Tuteurs du Nord").click()
    page_check(page)
    page.locator("#list-subscribe").click()
    page_check(page)
    expect(page.locator("#subscribed")).to_be_visible()
    assert Subscription.objects.get(mailing_list=mailing_list).is_active
    expect(page.locator("#list-post-form")).to_have_count(0)  # members do not post here
    sign_out(page)
    page_check(page)

    # The organiser sends a message: it is queued, its page shows the progress.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/networks/lists/{mailing_list.pk}/")
    page_check(page)
    page.fill("#id_subject", "Dîner du réseau")
    page.fill("#id_body", "Jeudi à 19 h, à Lille.")
    page.locator("#list-post-form button[type=submit]").click()
    page_check(page)
    expect(page.locator("#progress-count")).to_contain_text("1")
    expect(page.locator("#send-progress")).to_have_attribute("data-done", "1")
    message = ListMessage.objects.get()
    assert (message.sent, message.total) == (1, 1)
    (email,) = mail.outbox
    assert email.to == [world.professional.email.lower()]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sign_out(page)
    page_check(page)

    # The member reads it in the archive.
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto(f"/networks/lists/{mailing_list.pk}/")
    page_check(page)
    page.locator("#archive").get_by_role("link", name="Dîner du réseau").click()
    page_check(page)
    expect(page.locator("#message-body")).to_contain_text("Jeudi à 19 h, à Lille.")
