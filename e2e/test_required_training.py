"""Complete a required training (issue 16, browser tests): a tutor finds on « Mes formations » the
training their role requires, renewed every year and given at sessions only, takes a seat at its
session; the coordinator ticks them present; the tutor sees it up to date and downloads the
certificate."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_it_completes_a_required_training(page: Page, world) -> None:
    from entrepairs.training import services
    from entrepairs.training.models import TrainingModule

    module = services.module_save(
        module=TrainingModule(
            organisation=world.org_a,
            name="Premiers pas du tuteur",
            audience=TrainingModule.Audience.STAFF,
            validity_months=24,
            requires_session=True,
        ),
        by=SYSTEM,
    )
    services.requirement_add(module=module, role="professional", recurrence_months=12, by=SYSTEM)
    session = services.session_schedule(
        module=module, held_on=timezone.localdate(), place="Lille", capacity=12, by=SYSTEM
    )

    # The tutor finds the missing training from the menu and takes a seat at its session.
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.locator("details.menu a[href='/training/mine/']").first.click()
    expect(page).to_have_url("/training/mine/")
    page_check(page)
    required = page.locator(f"#my-requirements li[data-module='{module.pk}']")
    expect(required).to_have_attribute("data-state", "missing")
    required.locator(f"form[action='/training/sessions/{session.pk}/enrol/'] button").click()
    page_check(page)
    expect(required.locator(".tag.ok")).to_be_visible()
    sign_out(page)
    page_check(page)

    # The day of the session, the coordinator ticks the enrolled tutor present.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/training/sessions/{session.pk}/")
    page_check(page)
    expect(page.locator("#enrolled")).to_contain_text(world.professional.last_name)
    page.locator(f"#attendance-form input[value='{world.professional.pk}']").check()
    page.locator("#attendance-form button[type=submit]").click()
    page_check(page)
    expect(page.locator("#attendees")).to_contain_text(world.professional.last_name)
    sign_out(page)
    page_check(page)

    # The tutor is up to date for a year, and downloads the certificate.
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto("/training/mine/")
    page_check(page)
    expect(required).to_have_attribute("data-state", "ok")
    with page.expect_download() as download:
        page.locator("#my-completions a").first.click()
    assert download.value.suggested_filename.startswith("certificat-")
