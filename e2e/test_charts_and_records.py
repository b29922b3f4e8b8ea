"""Charts that draw and records that show their values, in a real browser, in French (issue 15,
points 3 and 5).

Charts: each chart page at 390 and 1280 px; every bar with a figure above zero has a width, the
widths are proportional to the figures, and nothing leaves its card. Records: the youth file,
the mentor record, the programme page and the match detail at 320, 768, 1280 and 1920 px; every
value of their detail lists is visible, with a size, inside its card, and cards sit in at most
two columns."""

from typing import Any

import pytest
from playwright.sync_api import Page

from .axe import page_check
from .helpers import sign_in

pytestmark = pytest.mark.e2e

CHART_WIDTHS = (390, 1280)
RECORD_WIDTHS = (320, 768, 1280, 1920)

# Every bar of the page: its figure, the chart's maximum, the drawn widths of its bar and of its
# track, and how far it pokes out of its card (px, positive when it overflows).
BARS_JS = """() => [...document.querySelectorAll('figure.bar-chart')].flatMap(figure => {
  const card = figure.closest('.card').getBoundingClientRect();
  return [...figure.querySelectorAll('li.bar-row')].map(row => {
    const fill = row.querySelector('rect.bar-fill').getBoundingClientRect();
    const track = row.querySelector('rect.bar-track').getBoundingClientRect();
    const box = row.getBoundingClientRect();
    return {
      label: row.querySelector('.bar-label').textContent.trim(),
      value: parseFloat(row.dataset.value), max: parseFloat(figure.dataset.max),
      fill: fill.width, track: track.width,
      overflow: Math.max(box.right - card.right, card.left - box.left, fill.right - card.right),
    };
  });
})"""
# Each line chart drawn at this width (a phone shows the compact drawing, a laptop the wide one):
# its size, how far it pokes out of its card, and the height of its smallest axis text.
LINE_JS = """() => [...document.querySelectorAll('figure.chart svg')].filter(svg =>
  getComputedStyle(svg).display !== 'none').map(svg => {
  const card = svg.closest('.card').getBoundingClientRect(), box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height);
  return {width: box.width, height: box.height, overflow: box.right - card.right,
          text: Math.min(...texts)};
})"""
# Every value of the page's detail lists: its size, and how far it pokes out of its card.
VALUES_JS = """() => [...document.querySelectorAll('main dl.details dd')].map(dd => {
  const box = dd.getBoundingClientRect();
  const card = (dd.closest('.card') || dd.closest('main')).getBoundingClientRect();
  const style = getComputedStyle(dd);
  return {
    text: dd.textContent.trim().slice(0, 40), width: box.width, height: box.height,
    hidden: style.visibility === 'hidden' || style.display === 'none',
    overflow: Math.max(box.right - card.right, card.left - box.left, box.right - innerWidth),
  };
})"""
COLUMNS_JS = """() => Math.max(0, ...[...document.querySelectorAll('main .grid:has(> .card)')].map(grid =>
  new Set([...grid.children].filter(c => c.offsetParent !== null)
    .map(c => Math.round(c.getBoundingClientRect().left))).size))"""


def _chart_pages() -> tuple[str, list[str], tuple[str, str]]:
    """The demo world with a month of caseload snapshots; the coordinator's chart pages and a
    (login, address) of a team's casework reports."""
    from entrepairs.accounts.models import User
    from entrepairs.casework import selectors as casework_selectors
    from entrepairs.casework.models import LoadSnapshot
    from entrepairs.core.tests.test_chart_pages import record_caseloads
    from entrepairs.demo.tests import replay
    from entrepairs.mentoring.models import Programme
    from entrepairs.organisations.viewer import viewer_for

    world = replay.load_small()
    record_caseloads()
    logins = {login.role: login.email for login in world.logins}
    programme = Programme.objects.order_by("name").first()
    assert programme is not None
    drawn = LoadSnapshot.objects.values("core_team")  # teams with caseloads recorded
    team_page = None
    for email in logins.values():
        teams = casework_selectors.trend_teams_for(viewer_for(User.objects.get(email=email)))
        team = teams.filter(pk__in=drawn).first()
        if team is not None:
            team_page = (email, f"/casework/teams/{team.pk}/reports/")
            break
    assert team_page is not None
    pages = ["/groups/dashboard/", f"/mentoring/programmes/{programme.pk}/reports/", "/onboarding/"]
    return logins["coordinator"], pages, team_page


def _check_bars(page: Page, where: str) -> int:
    bars: list[dict[str, Any]] = page.evaluate(BARS_JS)
    assert bars, f"{where}: no bar drawn"
    for bar in bars:
        share = min(max(bar["value"] / bar["max"], 0.0), 1.0)
        if bar["value"] > 0:
            assert bar["fill"] > 0, (where, bar)
        # Proportional: the bar is its figure's share of the track (within a pixel).
        assert abs(bar["fill"] - share * bar["track"]) <= 1.0, (where, bar)
        assert bar["track"] > 40, (where, bar)
        assert bar["overflow"] <= 0.5, (where, bar)
    return len(bars)


def _no_page_overflow(page: Page, where: str) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, (where, overflow)


def test_each_chart_draws_bars_proportional_to_their_figures_inside_their_card(page: Page) -> None:
    coordinator, pages, (team_login, team_reports) = _chart_pages()
    sign_in(page, coordinator, "demo-entrepairs-2026")
    page_check(page)
    drawn = 0
    for address in pages:
        page.set_viewport_size({"width": CHART_WIDTHS[-1], "height": 900})
        page.goto(address)
        page_check(page)
        for width in CHART_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            drawn += _check_bars(page, f"{address} at {width}px")
            if address.startswith("/mentoring/"):
                # The key figures show their numbers beside their labels.
                numbers = page.locator("#key-figures dd")
                assert numbers.count() == 3
                for i in range(3):
                    assert numbers.nth(i).is_visible() and numbers.nth(i).inner_text()[0].isdigit()
    assert drawn >= 2 * 10

    # A team's caseloads: the line chart follows its card's width at both widths, and its axis
    # text stays readable (about 12 px; the wide drawing scaled to a phone gave 6 px).
    page.locator("form[action='/accounts/logout/'] button[type=submit]").click()
    page.wait_for_url("**/accounts/login/**")
    page_check(page)
    sign_in(page, team_login, "demo-entrepairs-2026")
    page_check(page)
    page.goto(team_reports)
    page_check(page)
    for width in CHART_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        (line,) = page.evaluate(LINE_JS)
        assert line["width"] > 200 and line["height"] > 50 and line["overflow"] <= 0.5, line
        assert line["text"] >= 10, (width, line)
        _no_page_overflow(page, f"{team_reports} at {width}px")


def test_each_record_shows_its_values_at_every_width(page: Page) -> None:
    from entrepairs.demo.tests import replay
    from entrepairs.mentoring.models import Match

    world = replay.load_small()
    coordinator = next(login.email for login in world.logins if login.role == "coordinator")
    match = Match.objects.filter(status=Match.Status.ACTIVE).order_by("pk").first()
    assert match is not None
    youth = match.youths.order_by("pk").first()
    mentor = match.mentors.order_by("pk").first()
    assert youth is not None and mentor is not None
    records = {
        "youth file": f"/mentoring/youths/{youth.pk}/",
        "mentor record": f"/mentoring/mentors/{mentor.pk}/",
        "programme page": f"/mentoring/programmes/{match.programme_id}/",
        "match detail": f"/mentoring/matches/{match.pk}/",
    }
    sign_in(page, coordinator, "demo-entrepairs-2026")
    page_check(page)
    for name, address in records.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(address)
        page_check(page)
        for width in RECORD_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            where = f"{name} at {width}px"
            values = page.evaluate(VALUES_JS)
            assert values, f"{where}: no detail list"
            for value in values:
                assert not value["hidden"], (where, value)
                assert value["width"] > 0 and value["height"] > 0, (where, value)
                assert value["overflow"] <= 0.5, (where, value)
            assert page.evaluate(COLUMNS_JS) <= 2, where
