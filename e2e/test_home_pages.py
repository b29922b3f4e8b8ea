"""Each demo role's home page, in a real browser: two roles sign in and follow a block to where
the work is done; every role's home page is photographed at 1280 and 390 px wide into
var/screenshots/ for a reviewer to look at (and checked by axe-core, with no horizontal scroll)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
ROLES = (
    "professional",
    "facilitator",
    "coordinator",
    "manager",
    "case_worker",
    "newcomer",
    "admin",
)


def _photograph(page: Page, role: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/")
        page_check(page)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (role, name, overflow)
        page.screenshot(path=str(SCREENSHOTS / f"home-{role}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _leave(page: Page) -> None:
    sign_out(page)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page_check(page)


def test_each_role_lands_on_what_it_has_to_do_today(page: Page) -> None:
    from entrepairs.demo.tests import replay

    world = replay.load_small()
    logins = {login.role: login for login in world.logins}

    # A coordinator: what is late or waiting, each row leading to its record.
    coordinator = logins["coordinator"]
    sign_in(page, coordinator.email, coordinator.password)
    expect(page.locator("h1")).to_contain_text("Bonjour")
    page_check(page)
    expect(
        page.get_by_role("heading", level=2, name="En tant que coordinatrice ou coordinateur")
    ).to_be_visible()
    late = page.locator("[data-block='coordinator.late_journey_tasks']")
    expect(late.get_by_role("heading", name="Tâches d’intégration en retard")).to_be_visible()
    late.locator("ul a").first.click()
    expect(page).to_have_url(re.compile(r"/onboarding/journeys/"))
    page_check(page)
    _photograph(page, "coordinator")

    # Their notifications: the mentor applications gathered in one line per section, each
    # naming the applicant and leading to the record (which marks it read). A few unread ones
    # are shown open; the many already read wait closed until opened.
    page.get_by_role("link", name=re.compile(r"^Notifications")).first.click()
    kind = "details[data-kind='mentoring.mentor_application']"
    unread = page.get_by_role("region", name=re.compile(r"^Non lues")).locator(kind)
    read = page.get_by_role("region", name="Déjà lues").locator(kind)
    expect(unread.locator("summary")).to_contain_text("nouvelles candidatures de mentor")
    expect(read.locator("summary")).to_contain_text("nouvelles candidatures de mentor")
    expect(unread).to_have_attribute("open", "")
    expect(read).not_to_have_attribute("open", "")
    page_check(page)
    read.locator("summary").click()
    expect(read.locator("li a").first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "notifications-coordinator-1280.png"), full_page=True)
    first = unread.locator("li a").first
    expect(first).to_contain_text("Nouvelle candidature de mentor : ")
    first.click()
    expect(page).to_have_url(re.compile(r"/mentoring/mentors/"))
    page_check(page)
    _leave(page)

    # A facilitator: the sessions to run, each opening its session page.
    facilitator = logins["facilitator"]
    sign_in(page, facilitator.email, facilitator.password)
    expect(page.locator("h1")).to_contain_text("Bonjour")
    page_check(page)
    block = page.locator("[data-block='facilitator.sessions_to_run']")
    expect(block.get_by_role("heading", name="Séances à animer")).to_be_visible()
    block.locator("ul a").first.click()
    expect(page).to_have_url(re.compile(r"/groups/sessions/"))
    page_check(page)
    _photograph(page, "facilitator")
    _leave(page)

    for role in ROLES:
        if role in ("coordinator", "facilitator"):
            continue
        sign_in(page, logins[role].email, logins[role].password)
        expect(page.locator("h1")).to_contain_text("Bonjour")
        page_check(page)
        _photograph(page, role)
        _leave(page)
    assert len(list(SCREENSHOTS.glob("home-*.png"))) >= 2 * len(ROLES)
