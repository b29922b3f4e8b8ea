"""Closure never as a sanction; continuity through placement changes, transfers and adoption."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.mentoring import family, lifecycle
from entrepairs.mentoring.models import Match, SharingAgreement, Youth
from entrepairs.mentoring.punitive import is_punitive
from entrepairs.people.models import Placement


@pytest.mark.parametrize(
    "text",
    [
        "Sanction après son comportement",
        "pour le punir de ses fugues",
        "Il est puni",
        "punition",
        "privé de mentorat ce mois-ci",
        "As a punishment for skipping school",
        "withdrawn because of his behaviour",
        "sanctionné",
    ],
)
def test_it_recognises_punitive_wording(text: str) -> None:
    assert is_punitive(text)


@pytest.mark.parametrize(
    "text", ["Youth's wish to stop", "Le mentor déménage", "Match completed", "Safety concern"]
)
def test_it_accepts_ordinary_reasons(text: str) -> None:
    assert not is_punitive(text)


def test_it_refuses_a_punitive_closure_and_explains_why(mworld, active_match, api_for) -> None:
    response = api_for(mworld.world.coordinator).post(
        f"/api/v1/mentoring/matches/{active_match.pk}/close/",
        {
            "reason": "youth_wish",
            "conversation_on": "2026-11-20",
            "conversation": "talked",
            "note": "pour le punir",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "never withdrawn as a sanction" in str(response.json())
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE


def test_it_refuses_a_closure_without_a_reason_or_conversation(mworld, active_match) -> None:
    with pytest.raises(ValidationError) as exc:
        lifecycle.match_close(
            by=SYSTEM, match=active_match, reason="", conversation_on=None, conversation=""
        )
    assert set(exc.value.message_dict) == {"reason", "conversation_on", "conversation"}


def test_it_refuses_a_punitive_pause(mworld, active_match) -> None:
    # The reading moved from Match.pause to the service (lifecycle.match_pause), which audits it.
    with pytest.raises(ValidationError):
        lifecycle.match_pause(
            match=active_match,
            reason="Sanction: il a séché les cours",
            kind="youth_wish",
            by=SYSTEM,
        )
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE


def test_it_refuses_sanction_as_a_programme_closure_reason(mworld) -> None:
    p = mworld.programme
    p.closure_reasons = [
        *p.closure_reasons,
        {"code": "sanction", "label": "Sanction", "outcome": "ended_early"},
    ]
    with pytest.raises(ValidationError):
        p.full_clean()


def test_it_closes_completed_or_ended_early_and_reopens(mworld, active_match) -> None:
    lifecycle.match_close(
        by=SYSTEM,
        match=active_match,
        reason="mentor_moving",
        conversation_on=date(2026, 11, 1),
        conversation="we talked",
    )
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ENDED_EARLY
    assert Youth.objects.get(pk=mworld.youth.pk).status == Youth.Status.WAITING
    lifecycle.match_reopen(by=SYSTEM, match=active_match)
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE
    lifecycle.match_close(
        by=SYSTEM,
        match=active_match,
        reason="completed",
        conversation_on=date(2026, 11, 2),
        conversation="done",
    )
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.COMPLETED


def test_it_notifies_the_mentor_of_a_placement_change_without_content(mworld, active_match) -> None:
    lifecycle.situation_change_record(
        by=SYSTEM,
        youth=mworld.youth,
        kind="placement",
        happened_on=date(2026, 11, 1),
        summary_for_mentor="Lina moved to a new foster family in Lille",
        note="Confidential reason",
    )
    note = Notification.objects.filter(recipient=mworld.mentor.person.user).latest("created_at")
    assert "Confidential" not in note.subject + note.body and "Lina" not in note.subject + note.body


def test_it_moves_the_match_history_and_agreement_with_the_youth(mworld, active_match) -> None:
    from entrepairs.organisations.models import Organisation

    new = Organisation.objects.create(name="Agence Ouest", slug="ouest", kind="agency")
    transfer = lifecycle.youth_transfer(by=SYSTEM, youth=mworld.youth, to_agency=new)
    assert active_match.events.filter(kind="transferred").exists()  # the fact, at once
    assert Youth.objects.get(pk=mworld.youth.pk).agency == mworld.world.org_b  # file not yet moved
    lifecycle.transfer_accept(transfer=transfer, by=SYSTEM)
    youth = Youth.objects.get(pk=mworld.youth.pk)
    assert youth.agency == new and youth.person.organisation == new
    assert active_match.events.filter(kind="transferred").exists()
    copied = SharingAgreement.objects.get(organisation=mworld.world.org_a, agency=new)
    assert (
        copied.fields == mworld.agreement.fields and copied.carried_over_from == mworld.world.org_b
    )
    assert transfer.agreement_snapshot["fields"] == mworld.agreement.fields


def test_it_tells_the_new_agencys_case_workers_of_the_match(mworld, active_match) -> None:
    transfer = lifecycle.youth_transfer(by=SYSTEM, youth=mworld.youth, to_agency=mworld.org_c)
    lifecycle.transfer_accept(transfer=transfer, by=SYSTEM)
    assert Notification.objects.filter(recipient=mworld.worker_c.user).exists()


def test_it_refuses_a_transfer_to_the_same_agency(mworld) -> None:
    with pytest.raises(ValidationError):
        lifecycle.youth_transfer(by=SYSTEM, youth=mworld.youth, to_agency=mworld.world.org_b)
    assert not mworld.youth.transfers.exists()


def test_it_keeps_the_match_on_adoption_with_a_note(mworld, active_match) -> None:
    # An adoption is its own event (issue 14 point 3): the parents and the wishes are recorded.
    Placement.objects.filter(child=mworld.youth.person).update(since=date(2026, 1, 1))
    family.youth_adoption_record(
        by=SYSTEM,
        youth=mworld.youth,
        adopted_on=date(2026, 11, 1),
        new_parents=[{"first_name": "Ana", "last_name": "Adoptante"}],
        youth_wish="keep",
        family_wish="keep",
        wishes="Tous souhaitent continuer.",
    )
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE
    event = active_match.events.get(kind="situation_adoption")
    assert event.note == "" and event.data["kind"] == "adoption"  # the note is for the parents
