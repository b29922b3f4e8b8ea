"""Check-ins gather each party's view separately for the programme's coordinators (finding F3):
the mentor records the mentor's check-in only, and sees that the youth's and the guardian's are
done, never their rating or answers; those who manage the match (the programme's coordinators and
the youth's agency) record any check-in on a party's behalf; the coordinators read every answer,
the agency only when its agreement shares the ratings (test_checkin_ratings_sharing). The page and the
API obey the same rule (rules.MatchRights); each refusal has its positive control. Who may record
which check-in through both channels is in test_permission_parity (`checkin_youth`, ...)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle

RATINGS = {"mentor": 3, "youth": 5, "guardian": 2}


@pytest.fixture
def answered(active_match):  # type: ignore[no-untyped-def]
    """Every party's check-in is done, each with its own rating (recorded by trusted code)."""
    for checkin in active_match.checkins.filter(done_on__isnull=True):
        lifecycle.checkin_record(
            checkin=checkin,
            rating=RATINGS[checkin.party],
            meets_regularly=checkin.party != "guardian",
            by=SYSTEM,
        )
    return active_match


def _readers(mworld: Any) -> dict[str, Any]:
    return {
        "coordinator": mworld.world.coordinator,
        "agency case worker": mworld.world.worker_b,
        "mentor": mworld.mentor.person,
    }


def _api_rows(api: Any, match: Any) -> dict[str, dict[str, Any]]:
    response = api.get(f"/api/v1/mentoring/matches/{match.pk}/checkins/")
    assert response.status_code == 200
    return {row["party"]: row for row in response.json()["results"]}


def test_the_api_shows_the_mentor_that_the_other_parties_are_done_but_not_their_answers(
    mworld, answered, api_for
) -> None:
    rows = _api_rows(api_for(mworld.mentor.person), answered)
    assert set(rows) == {"mentor", "youth", "guardian"}
    for party in ("youth", "guardian"):
        assert rows[party]["done_on"] is not None
        assert "rating" not in rows[party] and "meets_regularly" not in rows[party]
    assert rows["mentor"]["rating"] == 3 and rows["mentor"]["meets_regularly"] is True


@pytest.fixture
def ratings_shared(mworld):  # type: ignore[no-untyped-def]
    """The agency's agreement shares the check-in ratings (issue 14: not shared by default)."""
    mworld.agreement.checkin_ratings_shared = True
    mworld.agreement.save()


@pytest.mark.parametrize("reader", ["coordinator", "agency case worker"])
def test_the_api_shows_every_partys_answers_to_those_who_manage_the_match(
    mworld, answered, ratings_shared, api_for, reader
) -> None:
    rows = _api_rows(api_for(_readers(mworld)[reader]), answered)
    assert {party: row["rating"] for party, row in rows.items()} == RATINGS
    assert rows["guardian"]["meets_regularly"] is False


def _page_rows(client: Any, match: Any) -> str:
    response = client.get(f"/mentoring/matches/{match.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<ul id="checkins">') :].split("</ul>", 1)[0]


def test_the_page_shows_the_mentor_only_their_own_rating(mworld, answered, client_for) -> None:
    rows = _page_rows(client_for(mworld.mentor.person), answered)
    # every check-in is listed (the done round and the next one it scheduled)
    assert rows.count("<li>") == answered.checkins.count() == 6
    assert "(3/5)" in rows  # the mentor's own
    assert "(5/5)" not in rows and "(2/5)" not in rows


@pytest.mark.parametrize("reader", ["coordinator", "agency case worker"])
def test_the_page_shows_every_rating_to_those_who_manage_the_match(
    mworld, answered, ratings_shared, client_for, reader
) -> None:
    rows = _page_rows(client_for(_readers(mworld)[reader]), answered)
    assert all(f"({r}/5)" in rows for r in RATINGS.values())


def _forms_offered(client: Any, match: Any) -> set[str]:
    html = client.get(f"/mentoring/matches/{match.pk}/").content.decode()
    return {p for p in RATINGS if f'id="checkin-{p}"' in html}


def test_the_page_offers_the_mentor_only_the_mentors_check_in_form(
    mworld, active_match, client_for
) -> None:
    assert _forms_offered(client_for(mworld.mentor.person), active_match) == {"mentor"}
    assert _forms_offered(client_for(mworld.world.coordinator), active_match) == set(RATINGS)


def test_the_service_refuses_a_mentor_recording_the_guardians_check_in(
    mworld, active_match
) -> None:
    guardian_s = active_match.checkins.get(party="guardian")
    with pytest.raises(PermissionDenied, match="records the mentor's check-in only"):
        lifecycle.checkin_record(
            checkin=guardian_s, rating=1, meets_regularly=False, by=mworld.mentor.person
        )
    guardian_s.refresh_from_db()
    assert guardian_s.done_on is None and guardian_s.rating is None
    own = active_match.checkins.get(party="mentor")
    lifecycle.checkin_record(checkin=own, rating=4, meets_regularly=True, by=mworld.mentor.person)
    own.refresh_from_db()
    assert own.rating == 4
