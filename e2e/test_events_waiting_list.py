"""Events: a member registers to a full dinner and lands on the waiting list; the person who
held the seat cancels; the first waiting gets the seat and finds the notification in the app."""

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_it_gives_a_freed_seat_to_the_first_on_the_waiting_list(page: Page, world) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from entrepairs.core.services import SYSTEM
    from entrepairs.events import services
    from entrepairs.networks import services as network_services
    from entrepairs.networks.models import Level

    network = network_services.network_create(
        organisation=world.org_a,
        name="Réseau des tuteurs du Nord",
        level=Level.REGIONAL,
        by=world.coordinator,
    )
    start = timezone.now() + timedelta(days=10)
    event = services.event_create(
        by=SYSTEM,
        network=network,
        kind="dinner",
        title="Dîner des tuteurs",
        place="Lille, brasserie du Nord",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=1,
    )
    services.register(event=event, by=world.professional)  # the only seat is taken

    # Colin finds the dinner in the events list and joins its waiting list.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.goto("/events/")
    page_check(page)
    page.locator(f"#upcoming-events a[href='/events/{event.pk}/']").click()
    page_check(page)
    expect(page.locator("#register-button")).to_contain_text("liste d’attente")
    page.locator("#register-button").click()
    page_check(page)
    expect(page.locator("#my-registration")).to_contain_text("position 1")
    sign_out(page)
    page_check(page)

    # Paula, who held the seat, cancels (the page asks first).
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto(f"/events/{event.pk}/")
    page_check(page)
    page.locator("#cancel-button").click()
    page_check(page)
    page.locator("#confirm-action").click()
    page_check(page)
    expect(page.locator("#register-button")).to_be_visible()
    sign_out(page)
    page_check(page)

    # Colin has the seat and is told in the app; the notification leads to the event.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.goto("/notifications/")
    page_check(page)
    item = page.locator(".notification-item", has_text="Dîner des tuteurs")
    expect(item).to_have_count(1)
    item.locator("a").first.click()
    page_check(page)
    expect(page).to_have_url(f"{page.url.split('/events/')[0]}/events/{event.pk}/")
    expect(page.locator("#my-registration")).to_contain_text("Vous êtes inscrit")
