"""Situations and session notes are read by the group only: never by the line manager, a
coordinator outside the group, an administrator, a member of another group or another
organisation's coordinator — in pages, the API (list and detail), search, exports, notifications."""

import pytest
from auditlog.models import LogEntry
from django.core import mail

from entrepairs.core.models import Notification

SECRET = "refuse la visite"


def _refused(gw):  # type: ignore[no-untyped-def]
    w = gw.w
    return {
        "line manager": w.manager,
        "coordinator of the group's organisation": w.coordinator,
        "coordinator of another organisation": w.coordinator_b,
        "member of another group": gw.outsider,
        "administrator": w.admin,
    }


# Who sees the session's frame: the coordinators of the organisations taking part (the group is
# run by A for A and B) and platform administrators see the page (200) and are refused the
# content actions (403); anyone else does not see the session at all (404).
FRAME = {
    "line manager": 404,
    "coordinator of the group's organisation": 200,
    "coordinator of another organisation": 200,
    "member of another group": 404,
    "administrator": 200,
}
ACTION = {who: 403 if seen == 200 else 404 for who, seen in FRAME.items()}


def test_it_shows_situations_and_notes_to_a_member_in_the_same_pages_and_search(
    accepted, client_for
) -> None:
    """The positive control of the refusals below: same pages, same search, a member."""
    client = client_for(accepted.w.colleague)
    page = client.get(f"/groups/sessions/{accepted.past.pk}/")
    assert page.status_code == 200
    assert SECRET in page.content.decode() and "Notes secrètes" in page.content.decode()
    assert client.get(f"/groups/sessions/{accepted.past.pk}/situations/new/").status_code == 200
    assert "Supervision Lille" in client.get("/groups/?q=Supervision").content.decode()


@pytest.mark.parametrize("who", list(FRAME))
def test_it_refuses_situations_and_notes_in_the_pages(accepted, client_for, who) -> None:
    gw = accepted
    client = client_for(_refused(gw)[who])
    page = client.get(f"/groups/sessions/{gw.past.pk}/")
    assert page.status_code == FRAME[who]
    assert SECRET not in page.content.decode()
    assert "Notes secrètes" not in page.content.decode()
    assert client.get(f"/groups/sessions/{gw.past.pk}/situations/new/").status_code == ACTION[who]
    assert client.get(f"/groups/sessions/{gw.past.pk}/record/").status_code == ACTION[who]
    # The list's search reads group names only: it finds the group for those who see its frame
    # (so the page that could leak is really rendered), and never shows a situation.
    listing = client.get("/groups/?q=Supervision").content.decode()
    assert ("Supervision Lille" in listing) is (FRAME[who] == 200)
    assert SECRET not in listing


def test_it_shows_situations_notes_and_theory_to_a_member_in_the_api(accepted, api_for) -> None:
    """The positive control of the API refusals below, through the same endpoints."""
    api = api_for(accepted.w.colleague)
    assert api.get("/api/v1/groups/situations/").json()["count"] == 1
    detail = api.get(f"/api/v1/groups/situations/{accepted.situation.pk}/")
    assert detail.status_code == 200 and SECRET in detail.json()["episode"]
    assert api.get(f"/api/v1/groups/notes/{accepted.note.pk}/").status_code == 200
    session = api.get(f"/api/v1/groups/sessions/{accepted.past.pk}/")
    assert session.status_code == 200 and "theory_input" in session.json()


@pytest.mark.parametrize("who", [who for who in FRAME if who != "administrator"])
def test_it_refuses_situations_and_notes_in_the_api(accepted, api_for, who) -> None:
    gw = accepted
    person = _refused(gw)[who]
    api = api_for(person)
    listing = api.get("/api/v1/groups/situations/")
    assert listing.status_code == 200 and listing.json()["count"] == 0
    assert api.get(f"/api/v1/groups/situations/{gw.situation.pk}/").status_code == 404
    assert api.get("/api/v1/groups/notes/").json()["count"] == 0
    assert api.get(f"/api/v1/groups/notes/{gw.note.pk}/").status_code == 404
    session = api.get(f"/api/v1/groups/sessions/{gw.past.pk}/")
    assert session.status_code == FRAME[who]
    assert SECRET not in session.content.decode()
    if FRAME[who] == 200:  # the frame only: the facilitator's theory input is content
        assert "theory_input" not in session.json()


def test_it_refuses_an_administrator_token_without_organisation_in_the_api(accepted) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(accepted.w.admin)
    assert api.get("/api/v1/groups/situations/").json()["count"] == 0
    assert api.get(f"/api/v1/groups/situations/{accepted.situation.pk}/").status_code == 404
    assert api.get(f"/api/v1/groups/notes/{accepted.note.pk}/").status_code == 404


def test_it_refuses_a_member_who_has_not_accepted_the_charter(gw, client_for, api_for) -> None:
    from .. import services

    services.charter_accept(member=gw.members[0])
    gw.members[0].refresh_from_db()
    services.situation_save(
        session=gw.past,
        author=gw.members[0],
        title="Titre",
        episode="Le jeune refuse la visite.",
        question="Que faire ?",
    )
    colleague = gw.w.colleague  # a member who has not accepted yet
    page = client_for(colleague).get(f"/groups/sessions/{gw.past.pk}/")
    assert page.status_code == 200
    assert SECRET not in page.content.decode()
    assert api_for(colleague).get("/api/v1/groups/situations/").json()["count"] == 0


def test_it_shows_situations_to_members_who_accepted_and_audits_each_read(
    accepted, client_for, api_for
) -> None:
    gw = accepted
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    page = client_for(gw.w.colleague).get(f"/groups/sessions/{gw.past.pk}/")
    assert SECRET in page.content.decode()
    assert "Notes secrètes" in page.content.decode()  # shared with members
    detail = api_for(gw.w.facilitator).get(f"/api/v1/groups/situations/{gw.situation.pk}/")
    assert detail.status_code == 200 and SECRET in detail.json()["episode"]
    after = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    assert after >= before + 3


def test_it_keeps_private_notes_for_the_facilitators(accepted, client_for) -> None:
    from .. import services

    services.note_add(
        session=accepted.past, author=accepted.w.facilitator, text="Réservé animatrice"
    )
    member_page = client_for(accepted.w.colleague).get(f"/groups/sessions/{accepted.past.pk}/")
    assert "Réservé animatrice" not in member_page.content.decode()
    fac_page = client_for(accepted.w.facilitator).get(f"/groups/sessions/{accepted.past.pk}/")
    assert "Réservé animatrice" in fac_page.content.decode()


def test_it_stores_situations_encrypted(accepted) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT episode FROM groups_situation")
        (raw,) = cursor.fetchone()
    assert raw.startswith("enc1:") and SECRET not in raw


def test_it_never_puts_content_in_notifications_or_emails(
    accepted, django_capture_on_commit_callbacks
) -> None:
    from datetime import timedelta

    from .. import services
    from .builders import ordinary_day

    moved = ordinary_day(accepted.group, accepted.future.starts_at + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.session_move(
            session=accepted.future,
            starts_at=moved,
            ends_at=moved + accepted.future.duration,
            site=accepted.site,
            room="Salle calme",
        )
    texts = [str(n.subject) + str(n.body) for n in Notification.objects.all()]
    texts += [str(m.subject) + str(m.body) for m in mail.outbox]
    assert texts
    assert not any(SECRET in t or "Notes secrètes" in t for t in texts)


def test_it_never_puts_content_in_the_attendance_export_or_the_staff_page(
    accepted, client_for
) -> None:
    from .. import services

    services.attendance_record(
        session=accepted.past,
        marks={m.pk: "present" for m in accepted.members},
        by=accepted.w.facilitator,
    )
    manager = client_for(accepted.w.manager)
    staff = manager.get("/groups/staff/").content.decode()
    assert "Paula Pro" in staff and SECRET not in staff
    sheet = client_for(accepted.w.facilitator).get(f"/groups/sessions/{accepted.past.pk}/sheet.pdf")
    assert sheet.status_code == 200 and sheet["Content-Type"] == "application/pdf"
    assert SECRET.encode() not in sheet.content


def test_it_shows_the_line_manager_their_staff_attendance_but_not_others(accepted, api_for) -> None:
    from .. import services

    services.attendance_record(
        session=accepted.past,
        marks={m.pk: "present" for m in accepted.members},
        by=accepted.w.facilitator,
    )
    rows = api_for(accepted.w.manager).get("/api/v1/groups/attendance/").json()["results"]
    people = {r["person"] for r in rows}
    # Paula, Colin and Alice report to the manager; Bob, Chloe and David do not.
    assert people == {
        str(accepted.w.professional.pk),
        str(accepted.w.colleague.pk),
        str(accepted.others[0].pk),
    }
    assert api_for(accepted.outsider).get("/api/v1/groups/attendance/").json()["count"] == 0
