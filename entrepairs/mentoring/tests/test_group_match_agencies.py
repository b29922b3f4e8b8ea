"""Two agencies share a group match (issue 14, point 2): each agency's case worker sees only their
own youths (the others are counted, never named), opens only their own youths' files, and reads the
notes attached to their youths or shared with their agency explicitly — a group note is one record,
never copied into every youth's file. Page and API alike; a refused opening is in the audit trail."""

from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry

from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring.models import ProgressNote

API = "/api/v1/mentoring"


@pytest.fixture
def group(mworld):  # type: ignore[no-untyped-def]
    mentor = mworld.approved_mentor("Gaspard", "Groupe", mode="group", capacity=3)
    youth_b = mworld.ready_youth("Bella", "AgenceB", mode="group")
    youth_c = mworld.ready_youth("Cesar", "AgenceC", agency=mworld.org_c, mode="group")
    lifecycle.youth_assign_case_worker(youth=youth_c, case_worker=mworld.worker_c, by=SYSTEM)
    match = lifecycle.match_create(
        by=SYSTEM,
        programme=mworld.programme,
        mentors=[mentor],
        youths=[youth_b, youth_c],
        mode="group",
    )
    match = lifecycle.match_introduce(by=SYSTEM, match=match)
    return SimpleNamespace(
        m=mworld,
        match=match,
        mentor=mentor,
        youth_b=youth_b,
        youth_c=youth_c,
        worker_b=mworld.world.worker_b,
        worker_c=mworld.worker_c,
        coordinator=mworld.world.coordinator,
    )


def test_each_case_worker_sees_only_their_youths_on_the_page(group, client_for) -> None:
    page = client_for(group.worker_c).get(f"/mentoring/matches/{group.match.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Cesar" in text
    assert "Bella" not in text and "AgenceB" not in text
    assert "1 other youth of the group" in text
    listed = client_for(group.worker_c).get("/mentoring/matches/").content.decode()
    assert "Cesar" in listed and "Bella" not in listed and "+ 1 of another agency" in listed
    coordinator = client_for(group.coordinator).get(f"/mentoring/matches/{group.match.pk}/")
    assert "Bella" in coordinator.content.decode() and "Cesar" in coordinator.content.decode()


def test_each_case_worker_sees_only_their_youths_in_the_api(group, api_for) -> None:
    for worker, own, other in (
        (group.worker_c, group.youth_c, group.youth_b),
        (group.worker_b, group.youth_b, group.youth_c),
    ):
        body = api_for(worker).get(f"{API}/matches/{group.match.pk}/").json()
        assert [y["id"] for y in body["youths"]] == [str(own.pk)]
        assert body["other_youths"] == 1
        assert str(other.person) not in str(body)
        listed = api_for(worker).get(f"{API}/matches/").json()["results"]
        assert str(other.pk) not in str(listed)
    staff = api_for(group.coordinator).get(f"{API}/matches/{group.match.pk}/").json()
    assert len(staff["youths"]) == 2 and staff["other_youths"] == 0


def test_another_agencys_youth_is_not_found_and_the_attempt_is_audited(
    group, client_for, api_for
) -> None:
    before = LogEntry.objects.filter(additional_data__event="refused").count()
    page = client_for(group.worker_c).get(f"/mentoring/youths/{group.youth_b.pk}/")
    api = api_for(group.worker_c).get(f"{API}/youths/{group.youth_b.pk}/")
    assert page.status_code == 404 and api.status_code == 404
    refused = LogEntry.objects.filter(additional_data__event="refused").order_by("timestamp")
    assert refused.count() == before + 2
    entry = refused.last()
    assert entry.object_pk == str(group.youth_b.pk)
    assert entry.actor_id == group.worker_c.user_id
    assert entry.additional_data["organisation"] == str(group.m.world.org_b.pk)
    # the youth's name never reaches the trail of the refused reader
    assert "Bella" not in entry.object_repr
    assert (
        client_for(group.worker_c).get(f"/mentoring/youths/{group.youth_c.pk}/").status_code == 200
    )


def test_a_note_is_attached_to_one_youth_and_read_by_that_youths_agency(
    group, client_for, api_for
) -> None:
    response = client_for(group.worker_b).post(
        f"/mentoring/matches/{group.match.pk}/",
        {
            "action": "note",
            "n-text": "Bella progresse en lecture",
            "n-about": str(group.youth_b.pk),
        },
    )
    assert response.status_code == 302
    notes = ProgressNote.objects.filter(match=group.match)
    assert notes.count() == 1 and notes.get().youth_id == group.youth_b.pk
    seen_c = api_for(group.worker_c).get(f"{API}/matches/{group.match.pk}/notes/").json()
    assert seen_c["results"] == []
    page_c = client_for(group.worker_c).get(f"/mentoring/matches/{group.match.pk}/")
    assert "Bella progresse" not in page_c.content.decode()
    seen_b = api_for(group.worker_b).get(f"{API}/matches/{group.match.pk}/notes/").json()
    assert [n["text"] for n in seen_b["results"]] == ["Bella progresse en lecture"]


def test_a_group_note_is_one_record_shared_explicitly(group, api_for, client_for) -> None:
    created = api_for(group.coordinator).post(
        f"{API}/matches/{group.match.pk}/notes/",
        {"text": "Sortie au musée réussie", "shared_with": [str(group.m.org_c.pk)]},
        format="json",
    )
    assert created.status_code == 201, created.content
    note = ProgressNote.objects.get(match=group.match)
    assert note.youth_id is None
    assert list(note.shared_with.all()) == [group.m.org_c]
    c_notes = api_for(group.worker_c).get(f"{API}/matches/{group.match.pk}/notes/").json()
    assert [n["text"] for n in c_notes["results"]] == ["Sortie au musée réussie"]
    b_notes = api_for(group.worker_b).get(f"{API}/matches/{group.match.pk}/notes/").json()
    assert b_notes["results"] == []
    assert (
        "Sortie au musée"
        not in client_for(group.worker_b)
        .get(f"/mentoring/matches/{group.match.pk}/")
        .content.decode()
    )


def test_a_case_worker_cannot_attach_a_note_to_another_agencys_youth(
    group, client_for, api_for
) -> None:
    api = api_for(group.worker_c).post(
        f"{API}/matches/{group.match.pk}/notes/",
        {"text": "Remarque", "youth": str(group.youth_b.pk)},
        format="json",
    )
    assert api.status_code == 400
    assert "youth" in api.json()["error"]["fields"]
    page = client_for(group.worker_c).post(
        f"/mentoring/matches/{group.match.pk}/",
        {"action": "note", "n-text": "Remarque", "n-about": str(group.youth_b.pk)},
    )
    assert page.status_code == 200  # the form again, with the message next to the field
    assert not ProgressNote.objects.filter(match=group.match).exists()


def test_a_case_worker_shares_a_group_note_only_with_the_groups_agencies(group, api_for) -> None:
    from entrepairs.organisations.models import Organisation

    outsider = Organisation.objects.create(name="Ailleurs", slug="ailleurs", kind="agency")
    api = api_for(group.coordinator).post(
        f"{API}/matches/{group.match.pk}/notes/",
        {"text": "Groupe", "shared_with": [str(outsider.pk)]},
        format="json",
    )
    assert api.status_code == 400
    assert "shared_with" in api.json()["error"]["fields"]
    assert not ProgressNote.objects.filter(match=group.match).exists()


def test_a_mentor_lists_neither_the_memberships_nor_the_youths(group, api_for, client_for) -> None:
    """A mentor sees the people they need through their match, never the organisation's
    directory: the memberships and people lists give them no youth, not even their own mentees'
    files (the match gives what the agreement shares)."""
    api = api_for(group.mentor.person)
    memberships = api.get("/api/v1/memberships/?page_size=100").json()
    rows = memberships["results"] if isinstance(memberships, dict) else memberships
    assert {r["person"] for r in rows} <= {str(group.mentor.person.pk)}
    people = api.get("/api/v1/people/?page_size=100")
    text = people.content.decode()
    for youth in (group.youth_b, group.youth_c):
        assert str(youth.person.pk) not in text and youth.person.last_name not in text
    assert api.get(f"{API}/youths/").json()["results"] == []
    assert api.get(f"{API}/youths/{group.youth_b.pk}/").status_code == 404
    match = api.get(f"{API}/matches/{group.match.pk}/").json()
    assert "other_youths" not in match and all("id" not in y for y in match["youths"])


def _agency_b_objects(group) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Agency B's records around the shared group match: (page, API) addresses."""
    from entrepairs.mentoring.models import SharingAgreement
    from entrepairs.organisations.models import Organisation

    far = Organisation.objects.create(name="Agence Lointaine", slug="lointaine", kind="agency")
    transfer = lifecycle.youth_transfer(youth=group.youth_b, to_agency=far, by=SYSTEM)
    agreement = SharingAgreement.objects.get(agency=group.m.world.org_b)
    return {
        "youth": (f"/mentoring/youths/{group.youth_b.pk}/", f"{API}/youths/{group.youth_b.pk}/"),
        "transfer": (f"/mentoring/transfers/{transfer.pk}/", f"{API}/transfers/{transfer.pk}/"),
        "agreement": (
            f"/mentoring/agreements/{agreement.pk}/",
            f"{API}/agreements/{agreement.pk}/",
        ),
        "mentor": (f"/mentoring/mentors/{group.mentor.pk}/", f"{API}/mentors/{group.mentor.pk}/"),
    }


@pytest.mark.parametrize("what", ["youth", "transfer", "agreement", "mentor"])
def test_agency_c_opens_none_of_agency_bs_records(group, client_for, api_for, what: str) -> None:
    page_url, api_url = _agency_b_objects(group)[what]
    assert client_for(group.worker_c).get(page_url).status_code == 404
    assert api_for(group.worker_c).get(api_url).status_code == 404
    if what != "mentor":  # positive control: agency B's case worker opens its own record
        assert api_for(group.worker_b).get(api_url).status_code == 200


def test_the_history_leaves_out_another_agencys_youths_events(group, client_for) -> None:
    from datetime import date

    lifecycle.situation_change_record(
        youth=group.youth_b, kind="placement", happened_on=date(2026, 11, 2), by=SYSTEM
    )
    lifecycle.situation_change_record(
        youth=group.youth_c, kind="situation", happened_on=date(2026, 11, 3), by=SYSTEM
    )
    for worker, own, other in (
        (group.worker_c, "situation_situation", "situation_placement"),
        (group.worker_b, "situation_placement", "situation_situation"),
    ):
        page = client_for(worker).get(f"/mentoring/matches/{group.match.pk}/")
        events = [e.kind for e in page.context["events"]]
        assert own in events and other not in events
        assert "introduced" in events  # the match's own history stays
    staff = client_for(group.coordinator).get(f"/mentoring/matches/{group.match.pk}/")
    kinds = [e.kind for e in staff.context["events"]]
    assert "situation_placement" in kinds and "situation_situation" in kinds


def test_the_match_is_named_with_only_the_youths_the_viewer_may_see(group, client_for) -> None:
    """The match's name ("Jumelage Cesar A. – Gaspard G.") on the list and the mentoring home
    never names another agency's youth of a group match (a merge named every youth)."""
    from entrepairs.mentoring.rules import match_name_for
    from entrepairs.organisations.viewer import viewer_for

    for_c = match_name_for(viewer_for(group.worker_c.user), group.match)
    assert "Cesar" in for_c and "Bella" not in for_c
    for_coordinator = match_name_for(viewer_for(group.coordinator.user), group.match)
    assert "Bella" in for_coordinator and "Cesar" in for_coordinator
    listed = client_for(group.worker_c).get("/mentoring/matches/").content.decode()
    assert "Match Cesar" in listed and "Bella" not in listed
