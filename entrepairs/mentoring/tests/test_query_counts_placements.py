"""A youth's placement history (issue 14 point 3) answers in the same number of SQL queries
however many moves the child has had, in the API and on the youth's page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from entrepairs.mentoring import family
from entrepairs.people.models import Placement

pytestmark = pytest.mark.django_db
API = "/api/v1/mentoring"


QUERY_COUNTED = {"mentoring-youth-placements"}


def test_the_placement_history_costs_the_same_queries_however_long(
    mworld, client_for, api_for
) -> None:
    from entrepairs.core.tests import querycounts as qc

    worker = mworld.world.worker_b
    api = api_for(worker)
    client = client_for(worker)
    api_url = f"{API}/youths/{mworld.youth.pk}/placements/"
    page_url = f"/mentoring/youths/{mworld.youth.pk}/"
    api.get(api_url)  # warm up: the first API call of a token records its use

    def counts() -> tuple[int, int]:
        return qc.count(lambda: api.get(api_url))[0], qc.count(lambda: client.get(page_url))[0]

    Placement.objects.filter(child=mworld.youth.person).update(since=date(2026, 1, 1))
    before = counts()
    for days in (60, 40, 20):
        family.youth_placement_change(
            youth=mworld.youth,
            kind="foster_family",
            since=timezone.localdate() - timedelta(days=days),
            new_family=[
                {"first_name": "F", "last_name": f"Famille{days}", "phone": "06 11 00 00 00"}
            ],
            by=worker,
        )
    assert counts() == before
