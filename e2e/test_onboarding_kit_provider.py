"""An IT colleague ticking a kit item (issue 14 point 5): Colin, the IT contact with no other
right in onboarding, finds the newcomer's laptop in "my tasks" from the navigation and marks it
ready; Fred of facilities, who has no account, marks the keys ready from the signed link of his
reminder e-mail. And a refused closing shows its reasons next to the button, on the screen and
focused, at 1280 and 390 px."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import is_focused, sign_in

pytestmark = pytest.mark.e2e


def _journey(world):  # type: ignore[no-untyped-def]
    """Nina starts in five days with Paula as tutor; Colin (IT) provides the laptop, Fred (no
    account, an e-mail address) the keys."""
    from entrepairs.core.services import SYSTEM
    from entrepairs.onboarding import services, templating
    from entrepairs.onboarding.models import KitItem, OrgContact, TemplateTask, TutorProfile
    from entrepairs.people.models import Person

    template = templating.template_create(
        organisation=world.org_a, function="Night watch", by=SYSTEM
    )
    version = template.versions.get()
    TemplateTask.objects.create(
        version=version,
        phase="welcome",
        title="Walk through the building",
        owner_role="tutor",
        start_day=0,
        due_day=0,
    )
    KitItem.objects.create(version=version, kind="computer", label="Laptop", provider_role="it")
    KitItem.objects.create(version=version, kind="keys", label="Night keys", provider_role="hr")
    templating.version_publish(version=version, by=SYSTEM)
    TutorProfile.objects.create(person=world.professional, trained=True, allocated_hours=4)
    OrgContact.objects.create(organisation=world.org_a, role="it", person=world.colleague)
    fred = Person.objects.create(
        organisation=world.org_a,
        first_name="Fred",
        last_name="Facilities",
        email="fred@nord.test",
    )
    OrgContact.objects.create(organisation=world.org_a, role="hr", person=fred)
    nina = Person.objects.create(
        organisation=world.org_a,
        first_name="Nina",
        last_name="Nouvelle",
        line_manager=world.manager,
        team=world.core,
    )
    published = template.latest_published()
    assert published is not None
    return services.journey_start(
        version=published,
        newcomer=nina,
        start_date=timezone.localdate() + datetime.timedelta(days=5),
        coordinator=world.coordinator,
        tutor=world.professional,
        confirm=True,
    ).journey


def test_an_it_colleague_ticks_a_kit_item(page: Page, world, live_server) -> None:
    from entrepairs.onboarding.reminders import send_due_notifications

    journey = _journey(world)
    laptop = journey.kit_checks.get(label="Laptop")

    # Colin signs in: the onboarding link leads him to his tasks, where the laptop waits.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.locator("nav.mainnav a[href='/onboarding/']").click()
    page.wait_for_load_state("load")
    page_check(page)
    page.locator("main a[href='/onboarding/tasks/']").first.click()
    page.wait_for_load_state("load")
    page_check(page)
    row = page.locator(f"#kit-{laptop.pk}")
    expect(row).to_contain_text("Laptop")
    expect(page.locator("#my-kit")).not_to_contain_text("Night keys")  # Fred's, not his
    row.get_by_role("button").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator(f"#kit-{laptop.pk}")).to_have_count(0)  # done: off the open list
    laptop.refresh_from_db()
    assert laptop.is_ready and laptop.journey_id == journey.pk
    # He still sees nothing else of the journey.
    hidden = page.goto(f"/onboarding/journeys/{journey.pk}/")
    assert hidden is not None and hidden.status == 404
    page_check(page)

    # Fred has no account: his reminder e-mail carries a link to his item only.
    mail.outbox.clear()
    send_due_notifications()
    body = next(str(m.body) for m in mail.outbox if m.to == ["fred@nord.test"])
    found = re.search(r"/onboarding/kit/link/\S+/", body)
    assert found, body
    link = found.group(0)
    page.context.clear_cookies()
    page.goto(live_server.url + link)
    page_check(page)
    expect(page.locator("#kit-item")).to_contain_text("Night keys")
    expect(page.locator("main")).not_to_contain_text("Nina")
    page.locator("#kit-link-ready").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#kit-link-state")).to_contain_text("Night keys")
    assert journey.kit_checks.get(label="Night keys").is_ready
    # The link worked once.
    spent = page.goto(live_server.url + link)
    assert spent is not None and spent.status == 410
    page_check(page)
    expect(page.locator("#kit-link-state")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_refused_closing_shows_its_reasons_on_screen(page: Page, world, width) -> None:
    journey = _journey(world)
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/onboarding/journeys/{journey.pk}/")
    page_check(page)
    page.locator("#close-journey").click()
    page.wait_for_load_state("load")
    page_check(page)
    page.locator("#confirm-action").click()  # it asks first (issue 15 §9)
    page.wait_for_load_state("load")
    page_check(page)
    reasons = page.locator("#close-errors")
    expect(reasons).to_be_in_viewport()
    expect(reasons).to_contain_text("Walk through the building")
    assert is_focused(page, "#close-errors")
    assert reasons.get_attribute("role") == "alert"
    box = reasons.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    # The button it refers to is right below, on the same screen.
    expect(page.locator("#close-journey")).to_be_in_viewport()
