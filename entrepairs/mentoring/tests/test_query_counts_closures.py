"""A match's closure proposals and safeguarding reviews (issue 14) answer in the same number of
SQL queries at 10, 100 and 1,000 rows (withdrawn proposals and followed-up reviews pile up over a
match's life). Rows are added with bulk_create; each answer is checked to hold them all."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entrepairs.core.tests.querycounts import SIZES

QUERY_COUNTED = {"mentoring-match-closures", "mentoring-match-safeguarding-reviews"}


def _grow(match, person, n: int) -> None:  # type: ignore[no-untyped-def]
    from entrepairs.mentoring.models import Closure, SafeguardingReview

    have = match.closures.count()
    Closure.objects.bulk_create(
        Closure(
            match=match,
            status=Closure.Status.WITHDRAWN,
            reason="mentor_moving",
            conversation_on=date(2026, 11, 1),
            conversation=f"c{i}",
            youth_view=f"v{i}",
            proposed_by=person,
            decided_by=person,
        )
        for i in range(have, n)
    )
    SafeguardingReview.objects.bulk_create(
        SafeguardingReview(
            match=match,
            status=SafeguardingReview.Status.FOLLOWED_UP,
            concern=f"r{i}",
            raised_by=person,
            followed_up_by=person,
        )
        for i in range(have, n)
    )


@pytest.mark.parametrize("path", ["closures", "safeguarding-reviews"])
def test_the_lists_run_the_same_queries_at_10_100_and_1000_rows(
    mworld, active_match, api_for, path
):  # type: ignore[no-untyped-def]
    client = api_for(mworld.world.coordinator)
    url = f"/api/v1/mentoring/matches/{active_match.pk}/{path}/"
    client.get(url)  # the token's first use writes bookkeeping once: not part of the list
    counts = []
    for n in SIZES:
        _grow(active_match, mworld.world.worker_b, n)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        body = response.json()  # closures come as a page, reviews as a list
        total = body["count"] if isinstance(body, dict) else len(body)
        assert response.status_code == 200 and total == n
        counts.append(len(queries))
    assert len(set(counts)) == 1, dict(zip(SIZES, counts, strict=True))
