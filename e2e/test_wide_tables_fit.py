"""Wide tables show every column on a desktop (outside test F10, F11): the staff training
matrix, a core team's members table and a mentor's screening steps at 1280 and 1920 px have nothing scrolled out of sight,
and the layout check that the crawl runs at desktop width does catch a table that hides columns
behind a sideways scroll (it did not: a scrolling box is neither cut nor wider than the page)."""

import pytest
from playwright.sync_api import Page

from .axe import page_check
from .helpers import sign_in
from .layout_checks import scrolled_out_of_sight

pytestmark = pytest.mark.e2e

DESKTOP_WIDTHS = (1280, 1920)
HEAD = '<html lang="fr"><head><title>t</title></head><body><main><h1>Tableau</h1>'


def test_the_check_catches_a_table_scrolled_out_of_sight(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    cells = "".join(f"<td>colonne{i}-avec-un-long-contenu</td>" for i in range(20))
    page.set_content(
        f"{HEAD}<div tabindex='0' role='region' aria-label='t' style='overflow-x:auto;width:600px'><table><tr>"
        f"{cells}<td>Conforme</td></tr></table></div></main></body></html>"
    )
    page_check(page)
    found = scrolled_out_of_sight(page)
    assert len(found) == 1 and "out of sight" in found[0] and "colonne" in found[0]
    page.set_content(
        f"{HEAD}<div tabindex='0' role='region' aria-label='t' style='overflow-x:auto;width:600px'><p>Court</p></div></main>"
    )
    page_check(page)
    assert scrolled_out_of_sight(page) == []


def _pages() -> tuple[str, list[str]]:
    from entrepairs.casework.models import Case
    from entrepairs.demo.tests import replay
    from entrepairs.mentoring.models import Mentor
    from entrepairs.organisations.models import Team

    world = replay.load_small()
    logins = {login.role: login.email for login in world.logins}
    mentor = Mentor.objects.filter(screening_steps__isnull=False).order_by("pk").first()
    assert mentor is not None
    teams = [
        f"/casework/teams/{t.pk}/"
        for t in Team.objects.filter(pk__in=Case.objects.values("core_team")).order_by("name")[:2]
    ]
    return logins["coordinator"], [
        "/training/completions/",
        f"/mentoring/mentors/{mentor.pk}/",  # its « Sélection » table (F11)
        *teams,
    ]


def test_wide_tables_fit_their_card_on_a_desktop(page: Page) -> None:
    coordinator, addresses = _pages()
    sign_in(page, coordinator, "demo-entrepairs-2026")
    page_check(page)
    for width in DESKTOP_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for address in addresses:
            page.goto(address)
            page_check(page)
            assert scrolled_out_of_sight(page) == [], (width, address)
    page.goto("/training/completions/")
    page_check(page)
    compliant = page.locator("#compliance thead th").nth(1)
    assert compliant.is_visible() and compliant.bounding_box()["x"] < 1280  # type: ignore[index]
