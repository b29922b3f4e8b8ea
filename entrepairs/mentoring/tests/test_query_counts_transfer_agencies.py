"""The agencies a youth may be transferred to (issue 15: one rule, `selectors.transfer_agencies`)
answer in the same number of SQL queries at 10, 100 and 1,000 agencies."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from entrepairs.core.tests.querycounts import SIZES

QUERY_COUNTED = {"mentoring-youth-transfer-agencies"}


def test_the_transfer_agencies_run_the_same_queries_at_10_100_and_1000_agencies(
    mworld, active_match, api_for
):  # type: ignore[no-untyped-def]
    from entrepairs.organisations.models import Organisation

    client = api_for(mworld.world.worker_b)
    url = f"/api/v1/mentoring/youths/{mworld.youth.pk}/transfer-agencies/"
    first = client.get(url)  # the token's first use writes bookkeeping once: not part of the list
    assert first.status_code == 200, first.content
    start = len(first.json())
    counts = []
    for n in SIZES:
        have = Organisation.objects.filter(slug__startswith="agence-qc-").count()
        Organisation.objects.bulk_create(
            Organisation(name=f"Agence {i}", slug=f"agence-qc-{i}", kind="agency")
            for i in range(have, n)
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and len(response.json()) == start + n
        counts.append(len(queries))
    assert len(set(counts)) == 1, dict(zip(SIZES, counts, strict=True))
