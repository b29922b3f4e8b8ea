"""Every chart page of the product, rendered in French and English on the demo world: the drawn
sizes are plain dotted numbers (a French decimal comma in an SVG width draws nothing), every bar
is as long as its figure says, every figure is also text, and the mentoring report's key figures
show their numbers.

The chart pages: the groups dashboard, a mentoring programme's reports, the onboarding dashboard
(bar charts, core/_bar_chart.html) and a core team's casework reports (core/_line_chart.html)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from lxml import html as lxml_html

from entrepairs.core import listcache
from entrepairs.demo.tests import replay

pytestmark = pytest.mark.django_db

NUMBER_ATTRIBUTES = ("width", "height", "x", "y", "x1", "x2", "y1", "y2", "rx")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The small demo world, built once for the module and rolled back after it; each chart page
    with the demo login that reads it."""
    from entrepairs.accounts.models import User
    from entrepairs.casework import selectors as casework_selectors
    from entrepairs.casework.models import LoadSnapshot
    from entrepairs.mentoring.models import Programme
    from entrepairs.organisations.viewer import viewer_for

    with django_db_blocker.unblock(), transaction.atomic():
        world = replay.load_small()
        listcache.invalidate()
        record_caseloads()
        logins = {login.role: login.email for login in world.logins}
        programme = Programme.objects.order_by("name").first()
        assert programme is not None
        # A team with caseloads recorded (the demo's first team of a coordinator has none).
        drawn = LoadSnapshot.objects.values("core_team")
        team_page = None
        for email in logins.values():
            user = User.objects.get(email=email)
            team = casework_selectors.trend_teams_for(viewer_for(user)).filter(pk__in=drawn).first()
            if team is not None:
                team_page = (email, f"/casework/teams/{team.pk}/reports/")
                break
        assert team_page is not None, "no demo login reads a team's casework reports"
        yield {
            "groups dashboard": (logins["coordinator"], "/groups/dashboard/"),
            "mentoring reports": (
                logins["coordinator"],
                f"/mentoring/programmes/{programme.pk}/reports/",
            ),
            "onboarding dashboard": (logins["coordinator"], "/onboarding/"),
            "casework team reports": team_page,
        }
        transaction.set_rollback(True)


def record_caseloads(weeks: int = 4) -> None:
    """The weekly caseload snapshots of the last `weeks` weeks (the demo records none)."""
    from datetime import timedelta

    from django.utils import timezone

    from entrepairs.casework import services

    today = timezone.localdate()
    for back in range(weeks):
        services.load_snapshots_record(day=today - timedelta(weeks=back))


def _page(client: Any, email: str, url: str, language: str) -> Any:
    from entrepairs.accounts.models import User

    client.force_login(User.objects.get(email=email))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return lxml_html.fromstring(response.content.decode())


def _plain_number(text: str) -> float:
    """A drawn size: digits with a dot, maybe a % — never a comma, never a space."""
    assert "," not in text and " " not in text.strip(), text
    return float(text.strip().removesuffix("%"))


def _check_svg_numbers(doc: Any) -> int:
    """Every number drawn in an SVG parses as a dotted float; returns how many were read."""
    read = 0
    for svg in doc.xpath("//svg"):
        read += len([_plain_number(n) for n in svg.get("viewBox", "").split()])
        for element in svg.iter():
            for name in NUMBER_ATTRIBUTES:
                value = element.get(name)
                if value is not None:
                    _plain_number(value)
                    read += 1
            for point in element.get("points", "").split():
                x, y = point.split(",")
                _plain_number(x), _plain_number(y)
                read += 2
    return read


def _check_bar_charts(doc: Any) -> list[tuple[str, float, float]]:
    """Each bar's width is its value over the chart's maximum (capped at 100 %), and the value is
    written beside it; returns (label, value, drawn width in %) for every bar."""
    bars = []
    for figure in doc.xpath("//figure[contains(@class, 'bar-chart')]"):
        top = float(figure.get("data-max"))
        assert top > 0
        for row in figure.xpath(".//li[contains(@class, 'bar-row')]"):
            value = float(row.get("data-value"))
            (fill,) = row.xpath(".//*[local-name()='rect'][contains(@class, 'bar-fill')]")
            width = _plain_number(fill.get("width"))
            assert fill.get("width").endswith("%")
            expected = max(0.0, min(value / top, 1.0)) * 100
            assert abs(width - expected) <= 0.06, (value, top, width)
            (label,) = row.xpath(".//*[contains(@class, 'bar-label')]")
            (figure_text,) = row.xpath(".//*[contains(@class, 'bar-value')]")
            shown = figure_text.text_content().replace("\xa0", " ").split()[0]
            assert float(shown.replace(",", ".")) == pytest.approx(value, abs=0.5)
            bars.append((label.text_content().strip(), value, width))
    return bars


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "name",
    ["groups dashboard", "mentoring reports", "onboarding dashboard", "casework team reports"],
)
def test_it_draws_every_chart_page_with_dotted_sizes_and_bars_as_long_as_their_figures(
    demo: dict[str, Any], client: Any, name: str, language: str
) -> None:
    email, url = demo[name]
    doc = _page(client, email, url, language)
    read = _check_svg_numbers(doc)
    bars = _check_bar_charts(doc)
    if name == "casework team reports":
        # The line chart: its points are drawn and the same figures follow as a table.
        assert doc.xpath("//svg//*[local-name()='polyline']") and read > 10
        assert doc.xpath("//details[contains(@class, 'chart-table')]//tbody/tr")
        return
    assert bars, f"{name} draws no bar"
    # A bar with a figure above zero is drawn; the longest figure has the longest bar.
    assert all(width > 0 for _label, value, width in bars if value > 0)
    assert max(bars, key=lambda bar: bar[1])[2] == max(width for *_rest, width in bars)
    # No chart has a fixed width in pixels: it follows its card.
    for svg in doc.xpath("//figure[contains(@class, 'bar-chart')]//svg"):
        assert svg.get("width") == "100%"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_shows_the_mentoring_reports_key_figures_with_their_numbers(
    demo: dict[str, Any], client: Any, language: str
) -> None:
    email, url = demo["mentoring reports"]
    doc = _page(client, email, url, language)
    (figures,) = doc.xpath("//dl[@id='key-figures']")
    terms = figures.xpath("./dt")
    values = [dd.text_content().strip() for dd in figures.xpath("./dd")]
    assert len(terms) == len(values) == 3
    assert all(value and value[0].isdigit() for value in values), values
