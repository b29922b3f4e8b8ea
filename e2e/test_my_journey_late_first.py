"""« Mon parcours » on a phone (390 px, issue 15): what is overdue comes first in « Et ensuite »,
marked « En retard » with the day it was due; nothing overflows the screen."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in

pytestmark = pytest.mark.e2e


def test_the_newcomer_sees_what_is_late_first_on_a_phone(page: Page, world) -> None:
    from entrepairs.accounts.models import User
    from entrepairs.onboarding import services
    from entrepairs.onboarding.tests.conftest import build_template
    from entrepairs.people.models import Person

    version = build_template(world.org_a).latest_published()
    user = User.objects.create_user("nina.nouvelle@tutelle-nord.test", world.password)
    nina = Person.objects.create(
        organisation=world.org_a,
        first_name="Nina",
        last_name="Nouvelle",
        user=user,
        email=user.email,
        line_manager=world.manager,
        team=world.core,
    )
    today = timezone.localdate()
    journey = services.journey_start(
        version=version,
        newcomer=nina,
        start_date=today - datetime.timedelta(days=5),
        coordinator=world.coordinator,
        tutor=world.professional,
        confirm=True,  # the tutor's warnings (no training on file) are not this test's subject
    ).journey
    late = journey.tasks.late().order_by("due_date", "title").first()
    assert late is not None

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, nina.email, world.password)
    page_check(page)
    page.goto("/onboarding/me/")
    page_check(page)
    first = page.locator("#late-tasks li").first
    expect(first).to_contain_text("En retard")
    expect(first).to_contain_text(f"à faire pour le {late.due_date:%d/%m/%Y}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot = os.environ.get("SCREENSHOT")
    if shot:
        page.screenshot(path=shot, full_page=True)
