"""Signing in and finding someone in the people list work with the keyboard alone."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import is_focused, tab_to

pytestmark = pytest.mark.e2e


def test_it_lets_a_keyboard_user_skip_to_the_form_sign_in_and_find_a_person(
    page: Page, world
) -> None:
    page.goto("/accounts/login/")
    page_check(page)

    # The first Tab reaches the skip link; Enter moves the focus to the main content.
    page.keyboard.press("Tab")
    assert is_focused(page, "a.skip-link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    assert is_focused(page, "#main")

    tab_to(page, "#id_login", limit=10)
    page.keyboard.type(world.manager.email)
    page.keyboard.press("Tab")
    assert is_focused(page, "#id_password")
    page.keyboard.type(world.password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/$"))
    page_check(page)

    tab_to(page, "nav.mainnav a[href='/people/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/people/$"))
    page_check(page)

    tab_to(page, "#id_q")
    page.keyboard.type("Paula")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/people/\?.*q=Paula"))
    page_check(page)
    paula = f"#people-rows a[href='/people/{world.professional.pk}/']"
    expect(page.locator(paula)).to_be_visible()
    expect(page.locator(f"#people-rows a[href='/people/{world.colleague.pk}/']")).to_have_count(0)

    tab_to(page, paula)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/people/{world.professional.pk}/$"))
    page_check(page)
