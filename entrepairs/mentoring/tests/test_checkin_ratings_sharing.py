"""Others see that a check-in was done, not its rating, unless the agreement says so (issue 14,
point 4): the youth's agency reads the ratings only when the mentoring organisation's agreement
shares them (off by default; only that organisation decides, page and API); a mentor never reads
a rating given by another party, whatever the agreement, on the page, in the API, nor through the
programme's report (counts only, and not theirs to open)."""

from typing import Any

import pytest
from django.urls import reverse

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring.models import SharingAgreement

API = "/api/v1/mentoring"
RATINGS = {"mentor": 3, "youth": 5, "guardian": 2}


@pytest.fixture
def answered(active_match):  # type: ignore[no-untyped-def]
    for checkin in active_match.checkins.filter(done_on__isnull=True):
        lifecycle.checkin_record(
            checkin=checkin, rating=RATINGS[checkin.party], meets_regularly=True, by=SYSTEM
        )
    return active_match


def _api_ratings(api: Any, match: Any) -> dict[str, Any]:
    answer = api.get(f"{API}/matches/{match.pk}/checkins/")
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert {r["party"] for r in rows} == set(RATINGS)  # each is listed: done is visible
    return {r["party"]: r.get("rating") for r in rows if r["done_on"]}


def _page_ratings(client: Any, match: Any) -> set[int]:
    html = client.get(f"/mentoring/matches/{match.pk}/").content.decode()
    rows = html[html.index('<ul id="checkins">') :].split("</ul>", 1)[0]
    return {r for r in RATINGS.values() if f"({r}/5)" in rows}


def _share(mworld: Any, shared: bool) -> None:
    SharingAgreement.objects.filter(pk=mworld.agreement.pk).update(checkin_ratings_shared=shared)


def test_the_agency_sees_the_check_ins_done_but_not_the_ratings_by_default(
    mworld, answered, api_for, client_for
) -> None:
    worker = mworld.world.worker_b
    assert _api_ratings(api_for(worker), answered) == dict.fromkeys(RATINGS)
    assert _page_ratings(client_for(worker), answered) == set()
    _share(mworld, True)  # positive control: the agreement shares them
    assert _api_ratings(api_for(worker), answered) == RATINGS
    assert _page_ratings(client_for(worker), answered) == set(RATINGS.values())


def test_a_mentor_never_reads_anothers_rating_even_when_the_agreement_shares_them(
    mworld, answered, api_for, client_for
) -> None:
    _share(mworld, True)
    mentor = mworld.mentor.person
    assert _api_ratings(api_for(mentor), answered) == {
        "mentor": 3,
        "youth": None,
        "guardian": None,
    }
    assert _page_ratings(client_for(mentor), answered) == {3}
    # the programme's report (counts only) is not the mentor's to open, page nor API
    report = f"/mentoring/programmes/{mworld.programme.pk}/reports/"
    assert client_for(mentor).get(report).status_code in (403, 404)
    assert api_for(mentor).get(f"{API}/programmes/{mworld.programme.pk}/report/").status_code in (
        403,
        404,
    )


def _page_set(client: Any, agreement: SharingAgreement, shared: bool) -> Any:
    data: dict[str, Any] = {"valid_until": ""}
    for name in agreement.fields:
        data[f"share_{name}"] = "on"
        data[f"purpose_{name}"] = agreement.purposes[name]
    if shared:
        data["checkin_ratings_shared"] = "on"
    return client.post(reverse("mentoring:agreement_edit", args=[agreement.pk]), data)


def test_only_the_mentoring_organisation_shares_the_ratings_page_and_api(
    mworld, client_for, api_for
) -> None:
    agreement = mworld.agreement
    agency = mworld.world.coordinator_b
    page = _page_set(client_for(agency), agreement, True)
    assert page.status_code == 200
    assert "Only the mentoring organisation decides" in page.content.decode()
    api = api_for(agency).patch(
        f"{API}/agreements/{agreement.pk}/", {"checkin_ratings_shared": True}, format="json"
    )
    assert api.status_code == 400
    assert "checkin_ratings_shared" in api.json()["error"]["fields"]
    agreement.refresh_from_db()
    assert agreement.checkin_ratings_shared is False
    # the mentoring organisation's coordinator decides, at once, on either channel
    coordinator = mworld.world.coordinator
    api = api_for(coordinator).patch(
        f"{API}/agreements/{agreement.pk}/", {"checkin_ratings_shared": True}, format="json"
    )
    assert api.status_code == 200 and api.json()["checkin_ratings_shared"] is True
    assert _page_set(client_for(coordinator), agreement, False).status_code == 302
    agreement.refresh_from_db()
    assert agreement.checkin_ratings_shared is False
