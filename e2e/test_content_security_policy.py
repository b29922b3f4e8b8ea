"""Pages work under the enforced Content-Security-Policy: the page fixture fails any test whose
pages the policy blocked; these visit what the stories do not — the language switcher's script,
HTMX's live filter, Swagger UI (its own scripts and styles) and the admin."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .axe import page_check
from .helpers import sign_in

pytestmark = pytest.mark.e2e


def test_it_switches_language_and_filters_people_live_under_the_policy(page: Page, world) -> None:
    sign_in(page, world.coordinator.email, world.password)
    expect(page).to_have_url(re.compile(r"/$"))
    page_check(page)
    page.goto("/people/")
    page_check(page)
    page.locator("#id_q").press_sequentially("Collegue")  # HTMX asks for the rows as one types
    expect(page).to_have_url(re.compile(r"/people/\?.*q=Collegue"))  # pushed by HTMX, no reload
    rows = page.locator("#people-rows")
    expect(rows.locator(f"a[href='/people/{world.colleague.pk}/']")).to_be_visible()
    expect(rows.locator(f"a[href='/people/{world.professional.pk}/']")).to_have_count(0)
    page.select_option("#lang-select", "en")  # app.js submits the form
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page_check(page)


def test_it_renders_swagger_ui_and_the_admin_under_the_policy(
    transactional_db, django_db_serialized_rollback, browser: Browser, live_server, world
) -> None:
    # Swagger UI and the admin are third-party pages: no axe here, only the policy.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    blocked: list[str] = []

    def note_blocked(message: Any) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", note_blocked)
    try:
        page.goto("/accounts/login/")
        page.fill("#id_login", world.admin.email)
        page.fill("#id_password", world.password)
        page.locator("form:has(#id_login) button[type=submit]").first.click()
        expect(page).to_have_url(re.compile(r"/$"))
        page.goto("/api/docs/")
        expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=60000)
        page.goto("/admin/")
        expect(page.locator("#content")).to_be_visible()
        assert blocked == []
        # Positive control: the policy is enforced, and a violation is seen by this listener.
        with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
            page.evaluate(
                "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
            )
        assert len(blocked) == 1
    finally:
        context.close()
