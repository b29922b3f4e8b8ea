"""The coaching page and API lists run the same number of SQL queries at 10, 100 and 1,000 rows
(core/tests/querycounts.py): each new row is a coach with an offer, a new tutor with a request
and their pairing; the page shows the first page of the coordinator's waiting tutors, coaches
and pairings (core.paging), and of one's own pairings."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from entrepairs.coaching.models import CoachingMeeting, CoachOffer, CoachPairing, CoachRequest
from entrepairs.core.tests import querycounts as qc
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {
    "coaching:home",
    "coach-offer-list",
    "coach-request-list",
    "coach-pairing-list",
    "coach-pairing-meetings",
}
GROWS: dict[str, str] = {}


def _grow(world: Any, new: range) -> None:
    org = world.org_a
    coaches = Person.objects.bulk_create(
        Person(organisation=org, first_name=f"Coach{i:05d}", last_name="Liste") for i in new
    )
    tutors = Person.objects.bulk_create(
        Person(organisation=org, first_name=f"Tuteur{i:05d}", last_name="Liste") for i in new
    )
    offers = CoachOffer.objects.bulk_create(
        CoachOffer(organisation=org, person=p, capacity=2) for p in coaches
    )
    today = timezone.localdate()
    requests = CoachRequest.objects.bulk_create(
        CoachRequest(organisation=org, person=p, since=today, status="open") for p in tutors
    )
    CoachPairing.objects.bulk_create(
        CoachPairing(
            organisation=org,
            offer=o,
            request=r,
            coach_id=o.person_id,
            tutor_id=r.person_id,
            state="proposed",
            reasons=[["language", 1.0, 1.0, 1.0]],
        )
        for o, r in zip(offers, requests, strict=True)
    )


LISTINGS = [
    ("coaching page", "/coaching/"),
    ("offers API", "/api/v1/coaching/offers/"),
    ("requests API", "/api/v1/coaching/requests/"),
    ("pairings API", "/api/v1/coaching/pairings/"),
]


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [qc.param(name, (name, url), GROWS) for name, url in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    world: Any, client_for: Any, api_for: Any, settings: Any, listing: Any, cache_seconds: int
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    name, url = listing
    page = not url.startswith("/api/")
    client = client_for(world.coordinator) if page else api_for(world.coordinator)

    def check(response: Any, n: int) -> None:
        assert response.status_code == 200, name
        if page:
            # Each list shows its first page and counts them all (25 rows at most a page).
            html = response.content.decode()
            assert f"Coaches ({n})" in html and f"Pairings ({n})" in html, (name, n)
            assert "Coach00000" in html and html.count('class="pagination"') == (n > 25) * 2
        else:
            assert response.json()["count"] == n, (name, n)

    filling, reading = qc.measure(
        lambda: client.get(url), qc.growing(lambda new: _grow(world, new)), check
    )
    qc.assert_flat(name, filling, reading)


def test_a_pairings_meetings_cost_the_same_at_any_size(world: Any, api_for: Any) -> None:
    _grow(world, range(1))
    pairing = CoachPairing.objects.get()
    api = api_for(world.coordinator)

    def grow(new: range) -> None:
        today = timezone.localdate()
        CoachingMeeting.objects.bulk_create(
            CoachingMeeting(pairing=pairing, date=today, note=f"n{i}") for i in new
        )

    counts, _ = qc.measure(
        lambda: api.get(f"/api/v1/coaching/pairings/{pairing.pk}/meetings/"),
        qc.growing(grow),
        lambda response, n: None if len(response.json()) == n else pytest.fail(str(n)),
    )
    assert counts == [counts[0]] * len(counts), counts
