"""A youth's move to another agency is recorded at once and the match continues; the youth's file
is handed over only when a coordinator of the receiving agency accepts (DECISIONS, Confidentiality:
transfers). Before that, the receiving agency sees a youth's age band and the sending agency — no
name, no file; a refusal is recorded and the sending side is told. Pages and API alike."""

from types import SimpleNamespace
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core import mail

from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import lifecycle
from entrepairs.mentoring.models import Match, Transfer, Youth

API = "/api/v1/mentoring"
# What the receiving agency must not learn before it accepts (the fixture youth's identity and file).
SECRETS = ["Lina", "Confidentielle", "Foyer des Lilas", "secret assessment", "2012-05-01"]


def _coordinator(org: Any, first: str, password: str) -> Any:
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    email = f"{first.lower()}@{org.slug}.test"
    person = Person.objects.create(
        organisation=org,
        first_name=first,
        last_name="Coord",
        email=email,
        user=User.objects.create_user(email, password),
    )
    Membership.objects.create(person=person, organisation=org, role=Role.COORDINATOR)
    return person


@pytest.fixture
def hw(mworld, active_match):  # type: ignore[no-untyped-def]
    """org_c receives the youth; org_d is an unrelated agency with its own coordinator."""
    from entrepairs.organisations.models import Organisation

    org_d = Organisation.objects.create(name="Agence Lointaine", slug="lointaine", kind="agency")
    return SimpleNamespace(
        m=mworld,
        match=active_match,
        sender=mworld.world.worker_b,
        receiver=_coordinator(mworld.org_c, "Rachel", mworld.world.password),
        stranger=_coordinator(org_d, "Dario", mworld.world.password),
    )


def _transfer_by_page(hw: Any, client_for: Any) -> Transfer:
    response = client_for(hw.sender).post(
        f"/mentoring/youths/{hw.m.youth.pk}/",
        {"action": "transfer", "x-to_agency": hw.m.org_c.pk, "confirmed": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Transfer.objects.get(youth=hw.m.youth)


def test_it_records_the_move_at_once_and_keeps_the_file_with_the_sending_agency(
    hw, client_for
) -> None:
    transfer = _transfer_by_page(hw, client_for)
    assert transfer.handover == Transfer.Handover.PENDING
    youth = Youth.objects.get(pk=hw.m.youth.pk)
    assert youth.agency == hw.m.world.org_b and youth.case_worker == hw.m.world.worker_b
    hw.match.refresh_from_db()
    assert hw.match.status == Match.Status.ACTIVE
    assert hw.match.events.filter(kind="transferred").exists()
    assert Notification.objects.filter(recipient=hw.m.mentor.person.user).exists()
    # The sending case worker still follows the youth until the handover.
    assert client_for(hw.sender).get(f"/mentoring/youths/{youth.pk}/").status_code == 200


def test_it_shows_the_receiving_coordinator_only_what_deciding_needs(
    hw, client_for, api_for
) -> None:
    transfer = _transfer_by_page(hw, client_for)
    page = client_for(hw.receiver).get(f"/mentoring/transfers/{transfer.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Agence Enfance Sud" in text and "14 to 15 years" in text
    assert 'id="handover-form"' in text
    assert not [s for s in SECRETS if s in text]
    body = api_for(hw.receiver).get(f"{API}/transfers/{transfer.pk}/")
    assert body.status_code == 200
    data = body.json()
    assert data["youth_id"] is None and data["youth_name"] is None and data["can_decide"] is True
    assert data["age_band"] == "14 to 15 years" and data["from_agency"] == "Agence Enfance Sud"
    assert not [s for s in SECRETS if s in body.content.decode()]
    # The youth's file itself stays closed to the receiving agency.
    assert client_for(hw.receiver).get(f"/mentoring/youths/{hw.m.youth.pk}/").status_code == 404
    assert api_for(hw.receiver).get(f"{API}/youths/{hw.m.youth.pk}/").status_code == 404
    # Positive control: the sending side sees the youth's name next to the same transfer.
    assert api_for(hw.sender).get(f"{API}/transfers/{transfer.pk}/").json()["youth_name"] == str(
        hw.m.youth
    )


def test_it_asks_the_receiving_coordinator_without_naming_the_child(hw, client_for) -> None:
    from entrepairs.core.tasks import send_notification_email

    transfer = _transfer_by_page(hw, client_for)
    note = Notification.objects.get(recipient=hw.receiver.user)
    assert note.link == f"/mentoring/transfers/{transfer.pk}/"
    assert not [s for s in SECRETS if s in f"{note.subject} {note.body}"]
    assert send_notification_email.call(str(note.pk))  # the e-mail, as the worker sends it
    sent = [m for m in mail.outbox if hw.receiver.email in m.to]
    assert len(sent) == 1 and "transfer" in sent[0].subject
    assert not [s for s in SECRETS if s in f"{sent[0].subject} {sent[0].body}"]


@pytest.mark.parametrize("channel", ["page", "api"])
def test_it_hands_the_file_over_when_the_receiving_coordinator_accepts(
    hw, client_for, api_for, channel: str
) -> None:
    transfer = _transfer_by_page(hw, client_for)
    if channel == "page":
        response = client_for(hw.receiver).post(
            f"/mentoring/transfers/{transfer.pk}/", {"action": "accept"}
        )
        assert response.status_code == 302
    else:
        response = api_for(hw.receiver).post(f"{API}/transfers/{transfer.pk}/accept/")
        assert response.status_code == 200
        assert response.json()["youth_name"] == str(hw.m.youth)
    transfer.refresh_from_db()
    assert transfer.handover == Transfer.Handover.ACCEPTED
    assert transfer.decided_by == hw.receiver
    youth = Youth.objects.get(pk=hw.m.youth.pk)
    assert youth.agency == hw.m.org_c and youth.case_worker is None
    assert client_for(hw.receiver).get(f"/mentoring/youths/{youth.pk}/").status_code == 200
    assert api_for(hw.sender).get(f"{API}/youths/{youth.pk}/").status_code == 404
    assert Notification.objects.filter(
        recipient=hw.sender.user, subject__contains="accepted"
    ).exists()
    assert LogEntry.objects.filter(
        object_pk=str(transfer.pk), action=LogEntry.Action.UPDATE
    ).exists()


@pytest.mark.parametrize("channel", ["page", "api"])
def test_it_records_a_refusal_and_tells_the_sending_side(
    hw, client_for, api_for, channel: str
) -> None:
    transfer = _transfer_by_page(hw, client_for)
    reason = "No place in our service"
    if channel == "page":
        address = f"/mentoring/transfers/{transfer.pk}/"
        client = client_for(hw.receiver)
        asked = client.post(address, {"action": "refuse", "reason": reason})
        # Issue 15 §9: a final refusal asks first, carrying the reason back.
        assert 'id="confirm-action"' in asked.content.decode()
        transfer.refresh_from_db()
        assert transfer.handover != Transfer.Handover.REFUSED
        response = client.post(address, {"action": "refuse", "reason": reason, "confirmed": "1"})
        assert response.status_code == 302
    else:
        response = api_for(hw.receiver).post(
            f"{API}/transfers/{transfer.pk}/refuse/", {"reason": reason}, format="json"
        )
        assert response.status_code == 200 and response.json()["handover"] == "refused"
    transfer.refresh_from_db()
    assert (transfer.handover, transfer.refusal_reason) == (Transfer.Handover.REFUSED, reason)
    assert Youth.objects.get(pk=hw.m.youth.pk).agency == hw.m.world.org_b
    assert Notification.objects.filter(recipient=hw.sender.user, subject__contains="refused")
    assert client_for(hw.receiver).get(f"/mentoring/youths/{hw.m.youth.pk}/").status_code == 404
    shown = client_for(hw.sender).get(f"/mentoring/transfers/{transfer.pk}/").content.decode()
    assert reason in shown


def test_it_answers_404_to_a_coordinator_of_an_unrelated_organisation(
    hw, client_for, api_for
) -> None:
    transfer = _transfer_by_page(hw, client_for)
    page = client_for(hw.stranger)
    assert page.get(f"/mentoring/transfers/{transfer.pk}/").status_code == 404
    assert (
        page.post(f"/mentoring/transfers/{transfer.pk}/", {"action": "accept"}).status_code == 404
    )
    assert str(transfer.pk) not in page.get("/mentoring/transfers/").content.decode()
    api = api_for(hw.stranger)
    assert api.get(f"{API}/transfers/{transfer.pk}/").status_code == 404
    assert api.post(f"{API}/transfers/{transfer.pk}/accept/").status_code == 404
    assert api.post(f"{API}/transfers/{transfer.pk}/refuse/").status_code == 404
    assert api.get(f"{API}/transfers/").json()["results"] == []
    # The receiving agency's case worker is not the one who decides and sees nothing either.
    assert api_for(hw.m.worker_c).get(f"{API}/transfers/{transfer.pk}/").status_code == 404
    transfer.refresh_from_db()
    assert transfer.is_pending
    # Positive control: the receiving coordinator finds it in the list.
    listed = api_for(hw.receiver).get(f"{API}/transfers/").json()["results"]
    assert [row["id"] for row in listed] == [str(transfer.pk)]


def test_it_refuses_the_sending_side_deciding_for_the_receiving_agency(
    hw, client_for, api_for
) -> None:
    transfer = _transfer_by_page(hw, client_for)
    message = "Only a coordinator of the receiving agency accepts or refuses the handover."
    page = client_for(hw.m.world.coordinator).post(
        f"/mentoring/transfers/{transfer.pk}/", {"action": "accept"}
    )
    assert page.status_code == 403 and message in page.content.decode()
    api = api_for(hw.m.world.coordinator).post(f"{API}/transfers/{transfer.pk}/accept/")
    assert api.status_code == 403 and api.json()["error"]["message"] == message
    transfer.refresh_from_db()
    assert transfer.is_pending


def test_it_decides_a_handover_only_once(hw, client_for) -> None:
    from django.core.exceptions import ValidationError

    transfer = _transfer_by_page(hw, client_for)
    lifecycle.transfer_refuse(transfer=transfer, by=hw.receiver)
    with pytest.raises(ValidationError, match="already decided"):
        lifecycle.transfer_accept(transfer=transfer, by=hw.receiver)
    # A new request may follow a refusal.
    assert lifecycle.youth_transfer(by=SYSTEM, youth=hw.m.youth, to_agency=hw.m.org_c).is_pending


def test_it_reads_the_transfer_in_the_audit_trail(hw, client_for) -> None:
    transfer = _transfer_by_page(hw, client_for)
    client_for(hw.receiver).get(f"/mentoring/transfers/{transfer.pk}/")
    assert LogEntry.objects.filter(
        object_pk=str(transfer.pk), action=LogEntry.Action.ACCESS
    ).exists()
