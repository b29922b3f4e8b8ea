"""Staff training: a coordinator follows the old link from mentoring, plans a session of a
required module, records who attended, and sees the compliance table turn up to date."""

import re

import pytest
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import pick_people, sign_in

pytestmark = pytest.mark.e2e


def test_it_records_a_completion_through_a_session(page: Page, world) -> None:
    from entrepairs.training import services
    from entrepairs.training.models import TrainingModule

    module = services.module_save(
        module=TrainingModule(
            organisation=world.org_a,
            name="Child-protection system",
            audience=TrainingModule.Audience.STAFF,
            validity_months=24,
        ),
        staff_roles=["coordinator"],
        by=SYSTEM,
    )
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)

    # The former address lands on the compliance table: the coordinator's module is missing.
    page.goto("/mentoring/training/")
    expect(page).to_have_url(re.compile(r"/training/completions/$"))
    page_check(page)
    row = page.locator("#compliance tbody tr", has_text=world.coordinator.last_name)
    expect(row.locator("td[data-state]")).to_have_attribute("data-state", "missing")

    # The catalogue leads to the module, where a session is planned.
    page.locator("#training-nav a[href='/training/']").click()
    page_check(page)
    page.locator(f"#modules a[href='/training/modules/{module.pk}/']").click()
    page_check(page)
    page.fill("#id_s-held_on", "2026-11-02")
    page.fill("#id_s-place", "Lille")
    page.check("#id_s-already_held")  # a past date is recorded only as a session already held
    page.locator("#session-form button[type=submit]").click()
    page_check(page)

    # Attendance records the completion on the session's day.
    pick_people(page, "#id_a-attendees", "Claire Coord", str(world.coordinator.pk))
    page.locator("#attendance-form button[type=submit]").click()
    page_check(page)
    expect(page.locator("#attendees")).to_contain_text(world.coordinator.last_name)

    page.locator("#training-nav a[href='/training/completions/']").click()
    page_check(page)
    expect(row.locator("td[data-state]")).to_have_attribute("data-state", "ok")
    expect(page.locator("#recent-completions")).to_contain_text("2026")
