"""Outside test F28 (issue 15 §9): the sign-in, password reset and password change pages are
allauth's; on an error they now show the app's error summary, and the focus moves to it
(app.js), as on the app's own forms."""

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import is_focused, sign_in, submit_button

pytestmark = pytest.mark.e2e


def test_a_wrong_password_moves_the_focus_to_the_error_summary(
    page: Page, world, live_server
) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/", timeout=60_000)  # may be the live server's first request
    page_check(page)
    sign_in(page, world.coordinator.email, "not-the-password")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Veuillez corriger")
    assert is_focused(page, ".error-summary")
    expect(page.locator("#id_login")).to_have_value(world.coordinator.email)
    page_check(page)


def test_a_bad_address_on_password_reset_moves_the_focus_to_the_summary(
    page: Page, world, live_server
) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/password/reset/", timeout=60_000)
    page_check(page)
    page.fill("#id_email", "pas-un-courriel")
    page.locator("#id_email").evaluate("el => el.form.noValidate = true")
    submit_button(page, "#id_email").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert is_focused(page, ".error-summary")
    page_check(page)
