"""The programme report counts what is recorded (issue 14, point 4: it read "0/0 check-ins" while
about twenty were recorded, all done ahead of their due date). On a generated data set, every
figure of the report (page and API) equals a count made directly from the rows, another
programme's rows never count, and the report's queries do not grow with the data."""

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entrepairs.mentoring.models import CheckIn, Match, Programme
from entrepairs.mentoring.reports import programme_report

TODAY = date(2026, 12, 3)
PARTIES = ("mentor", "youth", "guardian")


def _generate(programme: Programme, n_matches: int, seed: int) -> None:
    """n matches of every status, each with rounds of check-ins: past rounds done or missed,
    some done ahead of their date, and at most one open check-in per party (the constraint)."""
    rng = random.Random(seed)
    statuses = list(Match.Status.values)
    matches = Match.objects.bulk_create(
        Match(
            programme=programme,
            organisation=programme.organisation,
            status=rng.choice(statuses),
            introduced_on=TODAY - timedelta(days=rng.randint(0, 900)),
        )
        for _ in range(n_matches)
    )
    rows = []
    for match in matches:
        for round_ in range(rng.randint(0, 6)):
            due = TODAY + timedelta(days=30 * (round_ - 3))
            last = round_ == 5
            for party in PARTIES:
                done = None if last else rng.choice([None, due, due - timedelta(days=10)])
                if not last and done is None:  # a missed round stays on record as done late
                    done = due + timedelta(days=3) if due + timedelta(days=3) <= TODAY else None
                    if done is None:
                        continue
                rows.append(CheckIn(match=match, party=party, due_on=due, done_on=done))
    CheckIn.objects.bulk_create(rows)


def _direct_counts(programme: Programme) -> dict[str, Any]:
    """The figures counted from the rows in Python, without the report's query."""
    checkins = list(CheckIn.objects.filter(match__programme=programme).values("due_on", "done_on"))
    done = sum(1 for c in checkins if c["done_on"] is not None)
    due = sum(1 for c in checkins if c["done_on"] is not None or c["due_on"] <= TODAY)
    statuses = list(Match.objects.filter(programme=programme).values_list("status", flat=True))
    return {
        "checkins_done": done,
        "checkins_due": due,
        "active": statuses.count(Match.Status.ACTIVE),
        "by_status": {s: statuses.count(s) for s in Match.Status.values},
    }


def _report_counts(report: dict[str, Any]) -> dict[str, Any]:
    labels = {str(label): value for value, label in Match.Status.choices}
    return {
        "checkins_done": report["checkins_done"],
        "checkins_due": report["checkins_due"],
        "active": report["active"],
        "by_status": {labels[label]: n for label, n in report["by_status"]},
    }


@pytest.fixture
def generated(mworld):  # type: ignore[no-untyped-def]
    _generate(mworld.programme, 60, seed=14)
    other = Programme.objects.create(organisation=mworld.world.org_a, name="Autre programme")
    _generate(other, 20, seed=4)  # never counted in the first programme's report
    return mworld.programme


def test_the_report_figures_equal_the_database_counts(generated, english_messages) -> None:
    expected = _direct_counts(generated)
    assert expected["checkins_done"] > 20  # the data set is not trivial
    assert _report_counts(programme_report(generated, TODAY)) == expected


def test_the_page_and_the_api_show_the_database_counts(
    mworld, generated, client_for, api_for, settings
) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    expected = programme_report(generated, today)
    checkins = CheckIn.objects.filter(match__programme=generated)
    assert expected["checkins_done"] == checkins.filter(done_on__isnull=False).count()
    api = api_for(mworld.world.coordinator).get(
        f"/api/v1/mentoring/programmes/{generated.pk}/report/"
    )
    assert api.status_code == 200
    assert (api.json()["checkins_done"], api.json()["checkins_due"]) == (
        expected["checkins_done"],
        expected["checkins_due"],
    )
    page = client_for(mworld.world.coordinator).get(
        f"/mentoring/programmes/{generated.pk}/reports/"
    )
    assert page.status_code == 200
    assert f"{expected['checkins_done']} / {expected['checkins_due']}" in page.content.decode()


def test_the_reports_queries_do_not_grow_with_the_data(mworld) -> None:
    counts = []
    for size in (5, 50):
        _generate(mworld.programme, size, seed=size)
        with CaptureQueriesContext(connection) as queries:
            programme_report(mworld.programme, TODAY)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8, counts
