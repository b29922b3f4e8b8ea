"""A match's page, its follow-up API lists (contacts, check-ins, progress notes) and the
programme's matching page show one page of rows and run the same SQL queries at 10, 100 and 1,000
rows, with the list cache off and on (issue 10, performance: the match page listed every row, with
a form per open check-in found by a loop over all of them: 8-13 s at 100 rows in the test client,
19 s at 1,000 open check-ins in bench/bench_match_page.py). Reading the matching page runs no
matching. The growth helpers come from test_query_counts_growth (bulk_create, then invalidate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from entrepairs.core.tests import querycounts as qc
from entrepairs.mentoring.tests.test_query_counts_growth import Growth, _growths
from entrepairs.mentoring.views.matches import FOLLOW_UP_PAGE_SIZE
from entrepairs.mentoring.views.matching import TO_INTRODUCE_PAGE_SIZE

API_PAGE_SIZE = 50  # core.api.Pagination


def _page_shows_today(response: Any, match: Any, growth: Growth) -> None:
    """Every row is counted, a page of them is shown, the newest first, with a form beside each
    open check-in of the page."""
    contacts, checkins, notes = (response.context[k] for k in ("contacts", "checkins", "notes"))
    assert contacts.paginator.count == match.contacts.count()
    assert checkins.paginator.count == match.checkins.count()
    assert notes.paginator.count == match.progress_notes.count()
    for page in (contacts, checkins, notes):
        assert len(page.object_list) == min(FOLLOW_UP_PAGE_SIZE, page.paginator.count)
    assert growth.newest() in response.content.decode()
    open_here = sum(1 for c in checkins if c.done_on is None)
    assert response.content.decode().count('class="checkin-form"') == open_here > 0


def _api_shows_today(model: str) -> Callable[[Any, Any, Growth], None]:
    def check(response: Any, match: Any, growth: Growth) -> None:
        body = response.json()
        assert body["count"] == getattr(match, model).count() > 0
        assert len(body["results"]) == min(API_PAGE_SIZE, body["count"])

    return check


def _matching_shows_today(response: Any, match: Any, growth: Growth) -> None:
    from entrepairs.mentoring.models import Match

    page = response.context["proposed"]
    assert page.paginator.count == Match.objects.filter(status=Match.Status.PROPOSED).count() > 0
    assert len(page.object_list) == min(TO_INTRODUCE_PAGE_SIZE, page.paginator.count)


@dataclass(frozen=True)
class Case:
    kind: str  # page | api
    url: str  # {m}: the match, {p}: its programme
    grows: str  # followup | proposed
    shows: Callable[[Any, Any, Growth], None]


CASES = {
    "match page": Case("page", "/mentoring/matches/{m}/", "followup", _page_shows_today),
    "match contacts API": Case(
        "api", "/api/v1/mentoring/matches/{m}/contacts/", "followup", _api_shows_today("contacts")
    ),
    "match check-ins API": Case(
        "api", "/api/v1/mentoring/matches/{m}/checkins/", "followup", _api_shows_today("checkins")
    ),
    "match progress notes API": Case(
        "api",
        "/api/v1/mentoring/matches/{m}/notes/",
        "followup",
        _api_shows_today("progress_notes"),
    ),
    "programme matching page": Case(
        "page", "/mentoring/programmes/{p}/matching/", "proposed", _matching_shows_today
    ),
}


def _growth(mworld: Any, match: Any, kind: str) -> Growth:
    growths = _growths(mworld, match)
    if kind == "followup":
        return growths["followup"]
    grown = growths["matches"]

    def proposed_to(n: int) -> None:
        """n matches accepted from a run and waiting to be introduced."""
        from entrepairs.mentoring.models import Match

        grown.to(n)
        Match.objects.filter(programme=mworld.programme).exclude(pk=match.pk).update(
            status=Match.Status.PROPOSED
        )

    return Growth(proposed_to, grown.total, grown.newest)


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("name", list(CASES))
def test_it_shows_one_page_with_the_same_queries_at_10_100_and_1000_rows(
    mworld,
    active_match,
    client_for,
    api_for,
    settings,
    name: str,
    cache_seconds: int,
) -> None:  # type: ignore[no-untyped-def]
    settings.LIST_CACHE_SECONDS = cache_seconds
    case = CASES[name]
    coordinator = mworld.world.coordinator
    client = client_for(coordinator) if case.kind == "page" else api_for(coordinator)
    url = case.url.format(m=active_match.pk, p=mworld.programme.pk)
    growth = _growth(mworld, active_match, case.grows)
    filling, reading = qc.measure(
        lambda: client.get(url),
        growth.to,
        lambda response, n: case.shows(response, active_match, growth),
    )
    qc.assert_flat(name, filling, reading)


def test_it_pages_each_follow_up_list_on_its_own_and_keeps_the_others_in_its_links(
    mworld, active_match, client_for
):
    _growths(mworld, active_match)["followup"].to(100)
    client = client_for(mworld.world.coordinator)
    url = f"/mentoring/matches/{active_match.pk}/"
    first = client.get(url)
    response = client.get(url, {"contacts_page": 2, "notes_page": 3})
    assert response.status_code == 200
    contacts, checkins, notes = (response.context[k] for k in ("contacts", "checkins", "notes"))
    assert (contacts.number, checkins.number, notes.number) == (2, 1, 3)
    assert {c.pk for c in contacts}.isdisjoint(c.pk for c in first.context["contacts"])
    html = response.content.decode()
    # the check-ins' next page keeps contacts on page 2 and notes on page 3
    assert "?contacts_page=2&amp;notes_page=3&checkins_page=2#h-checkins" in html
    assert "?checkins_page=1&amp;notes_page=3&contacts_page=3#h-contacts" in html
    # three page navigations on one page, each named by its list's heading (unique landmarks)
    for heading in ("h-contacts", "h-checkins", "h-notes"):
        assert html.count(f'aria-labelledby="{heading} {heading}-page"') == 1, heading
        assert html.count(f'id="{heading}-page"') == 1, heading


def test_it_keeps_the_open_check_ins_and_their_forms_on_the_first_page(
    mworld, active_match, client_for
):
    """Done check-ins pile up behind the open ones: the ones to record stay on page 1."""
    import datetime

    from entrepairs.mentoring.models import CheckIn

    CheckIn.objects.bulk_create(
        CheckIn(
            match=active_match,
            party="mentor",
            due_on=datetime.date(2030, 1, 1) + datetime.timedelta(days=i),
            done_on=datetime.date(2030, 1, 2) + datetime.timedelta(days=i),
            rating=4,
        )
        for i in range(60)
    )
    open_ = set(active_match.checkins.filter(done_on__isnull=True).values_list("pk", flat=True))
    assert 0 < len(open_) < FOLLOW_UP_PAGE_SIZE
    response = client_for(mworld.world.coordinator).get(f"/mentoring/matches/{active_match.pk}/")
    shown = [c.pk for c in response.context["checkins"]]
    assert set(shown[: len(open_)]) == open_
    html = response.content.decode()
    assert all(f'name="checkin" value="{pk}"' in html for pk in open_)
    assert html.count('class="checkin-form"') == len(open_)


def test_it_runs_no_matching_when_the_matching_page_is_read(mworld, client_for, monkeypatch):
    from entrepairs.mentoring import lifecycle, matching
    from entrepairs.mentoring.models import MatchingRun

    solved: list[Any] = []
    for module in (lifecycle, matching):  # the solver's entry point, wherever it is named
        monkeypatch.setattr(module, "execute", lambda run, *a, **k: solved.append(run))
    client = client_for(mworld.world.coordinator)
    url = f"/mentoring/programmes/{mworld.programme.pk}/matching/"
    assert client.get(url).status_code == 200
    assert (MatchingRun.objects.count(), solved) == (0, [])
    assert client.post(url).status_code == 302  # positive control: a POST runs the matching
    assert MatchingRun.objects.count() == len(solved) == 1
