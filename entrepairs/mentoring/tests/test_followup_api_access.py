"""Who reads and writes a match's progress notes, contacts and check-ins through the API.

Staff of the programme's organisation and the youth's agency read the case file (progress
notes, check-in notes); the mentor records contacts, check-ins and notes but reads back only
their own notes and no check-in note; anyone else does not see the match (404) and an anonymous
caller is asked to sign in (401). Each refusal has its positive control through the same URL."""

import pytest
from rest_framework.test import APIClient

from entrepairs.core.services import SYSTEM

NOTE = "Lina dort mal depuis le placement"
CHECKIN_NOTE = "Le foyer signale des fugues"
CONTACT_NOTE = "Sortie au musée, très détendue"


def _url(match, what: str) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/mentoring/matches/{match.pk}/{what}/"


@pytest.fixture
def followed(mworld, active_match, api_for):  # type: ignore[no-untyped-def]
    """A staff progress note, a mentor's contact and a check-in with a confidential note."""
    from entrepairs.mentoring import lifecycle

    staff = api_for(mworld.world.coordinator)
    assert staff.post(_url(active_match, "notes"), {"text": NOTE}, format="json").status_code == 201
    mentor = api_for(mworld.mentor.person)
    contact = mentor.post(
        _url(active_match, "contacts"), {"kind": "outing", "note": CONTACT_NOTE}, format="json"
    )
    assert contact.status_code == 201
    checkin = active_match.checkins.order_by("due_on").first()
    assert checkin is not None
    lifecycle.checkin_record(
        by=SYSTEM, checkin=checkin, rating=4, meets_regularly=True, note=CHECKIN_NOTE
    )
    return active_match


@pytest.mark.parametrize("reader", ["coordinator", "agency case worker"])
def test_it_shows_the_case_file_to_staff_and_the_agency(mworld, followed, api_for, reader):
    who = {"coordinator": mworld.world.coordinator, "agency case worker": mworld.world.worker_b}
    api = api_for(who[reader])
    notes = api.get(_url(followed, "notes"))
    assert notes.status_code == 200 and [n["text"] for n in notes.json()["results"]] == [NOTE]
    checkins = api.get(_url(followed, "checkins"))
    assert checkins.status_code == 200
    assert CHECKIN_NOTE in [c["note"] for c in checkins.json()["results"]]
    contacts = api.get(_url(followed, "contacts"))
    assert contacts.status_code == 200 and [c["note"] for c in contacts.json()["results"]] == [
        CONTACT_NOTE
    ]


def test_it_lets_the_mentor_read_back_only_their_own_notes_and_no_checkin_note(
    mworld, followed, api_for
):
    api = api_for(mworld.mentor.person)
    assert api.get(_url(followed, "notes")).json()["results"] == []  # the staff note is not theirs
    mine = api.post(_url(followed, "notes"), {"text": "Bon moment"}, format="json")
    assert mine.status_code == 201
    assert [n["text"] for n in api.get(_url(followed, "notes")).json()["results"]] == ["Bon moment"]
    checkins = api.get(_url(followed, "checkins"))
    assert checkins.status_code == 200 and checkins.json()["results"]
    assert all("note" not in c for c in checkins.json()["results"])
    assert CHECKIN_NOTE not in checkins.content.decode()


@pytest.mark.parametrize(
    "who", ["unrelated agency", "professional of the same organisation", "other mentor"]
)
@pytest.mark.parametrize("what", ["notes", "contacts", "checkins"])
def test_it_hides_the_follow_up_from_anyone_outside_the_match(mworld, followed, api_for, who, what):
    person = {
        "unrelated agency": mworld.worker_c,  # organisation C: an agreement, not this youth
        "professional of the same organisation": mworld.world.colleague,
        "other mentor": mworld.approved_mentor("Otto", "Autre").person,
    }[who]
    api = api_for(person)
    assert api.get(_url(followed, what)).status_code == 404
    body = {"notes": {"text": "x"}, "contacts": {"kind": "call"}, "checkins": {}}[what]
    assert api.post(_url(followed, what), body, format="json").status_code == 404
    assert followed.progress_notes.count() == 1 and followed.contacts.count() == 1


@pytest.mark.parametrize("what", ["notes", "contacts", "checkins"])
def test_it_asks_an_anonymous_caller_to_sign_in(followed, what):
    assert APIClient().get(_url(followed, what)).status_code == 401


def test_it_swaps_ids_in_vain_across_organisations(mworld, followed, api_for):
    """Organisation C's case worker with a match id of A's programme: the same 404 as any
    unknown id, and the case worker's own scope still answers (positive control)."""
    import uuid

    api = api_for(mworld.worker_c)
    assert api.get(_url(followed, "notes")).status_code == 404
    unknown = f"/api/v1/mentoring/matches/{uuid.uuid4()}/notes/"
    assert api.get(unknown).status_code == 404
    assert api.get("/api/v1/mentoring/matches/").status_code == 200
