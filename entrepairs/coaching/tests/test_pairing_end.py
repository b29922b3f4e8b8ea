"""Ending a coach pairing and the pair's feedback, through the service, the page, the API and the
command: only a coordinator of the pairing's organisation ends an active pairing, with a reason
from the list (a few words required for « another reason », kept encrypted and among the
coordinators); ending frees the coach's place and tells both of the pair; then each of the pair
gives their feedback (a rating from 1 to 5 and a comment), once, and only after the end; another
organisation's ids answer 404."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from entrepairs.coaching import services
from entrepairs.coaching.models import CoachOffer, CoachPairing
from entrepairs.core.models import Notification

pytestmark = pytest.mark.django_db

State = CoachPairing.State


# The stored (encrypted) column, read past the ORM: one literal query per column.
_RAW = {
    "end_note": "SELECT end_note FROM coaching_coachpairing WHERE id = %s",
    "tutor_feedback": "SELECT tutor_feedback FROM coaching_coachpairing WHERE id = %s",
}


def _stored(pairing: CoachPairing, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            _RAW[column], [pairing.pk.hex if connection.vendor == "sqlite" else pairing.pk]
        )
        row = cursor.fetchone()
    return str(row[0])


# --- the service: the rules, whoever calls ---


def test_a_coordinator_ends_an_active_pairing_and_frees_the_coachs_place(
    world: Any, offer: CoachOffer, active: CoachPairing
) -> None:
    second = services.coach_ask(by=world.manager)
    with pytest.raises(ValidationError, match="capacity"):
        services.pairing_propose(request=second, offer=offer, by=world.coordinator)
    ended = services.pairing_end(
        pairing=active, by=world.coordinator, reason="other", note="Le coach déménage."
    )
    assert ended.state == State.ENDED and ended.ended_on == timezone.localdate()
    assert ended.ended_by == world.coordinator and ended.end_reason == "other"
    assert "déménage" not in _stored(ended, "end_note")  # encrypted at rest
    assert CoachPairing.objects.get(pk=active.pk).end_note == "Le coach déménage."
    # The place is free: the coordinators may propose the coach to another new tutor.
    services.pairing_propose(request=second, offer=offer, by=world.coordinator)
    # Both of the pair are told, with a link to the pairing where they give their feedback.
    told = Notification.objects.filter(kind="coaching.ended")
    assert {n.recipient_id for n in told} == {world.professional.user.pk, world.colleague.user.pk}
    assert all(n.link == f"/coaching/pairings/{active.pk}/" for n in told)
    assert not any("déménage" in n.subject + n.body for n in told)


def test_only_the_organisations_coordinators_end_a_pairing(
    world: Any, active: CoachPairing
) -> None:
    for who in (world.coordinator_b, world.professional, world.colleague, world.manager):
        with pytest.raises(ValidationError, match="coordinators"):
            services.pairing_end(pairing=active, by=who, reason="period_over")
    assert CoachPairing.objects.get(pk=active.pk).state == State.ACTIVE


def test_it_refuses_an_unknown_reason_another_reason_without_words_and_a_proposal(
    world: Any, pairing: CoachPairing
) -> None:
    with pytest.raises(ValidationError, match="Only an active pairing"):
        services.pairing_end(pairing=pairing, by=world.coordinator, reason="period_over")
    services.pairing_confirm(pairing=pairing, by=world.professional)
    active = services.pairing_confirm(pairing=pairing, by=world.colleague)
    with pytest.raises(ValidationError, match="Choose a reason"):
        services.pairing_end(pairing=active, by=world.coordinator, reason="bored")
    with pytest.raises(ValidationError, match="Say in a few words"):
        services.pairing_end(pairing=active, by=world.coordinator, reason="other", note="  ")
    assert CoachPairing.objects.get(pk=active.pk).state == State.ACTIVE
    services.pairing_end(pairing=active, by=world.coordinator, reason="goals_met")
    with pytest.raises(ValidationError, match="Only an active pairing"):
        services.pairing_end(pairing=active, by=world.coordinator, reason="goals_met")


def test_each_of_the_pair_gives_feedback_once_and_only_after_the_end(
    world: Any, active: CoachPairing
) -> None:
    with pytest.raises(ValidationError, match="once the coordinators have ended"):
        services.pairing_feedback(pairing=active, by=world.colleague, rating=5)
    services.pairing_end(pairing=active, by=world.coordinator, reason="period_over")
    for who in (world.coordinator, world.manager, world.coordinator_b):
        with pytest.raises(ValidationError, match="Only the coach and the new tutor"):
            services.pairing_feedback(pairing=active, by=who, rating=5)
    for bad in (0, 6, "5", True):
        with pytest.raises(ValidationError, match="from 1 to 5"):
            services.pairing_feedback(pairing=active, by=world.colleague, rating=bad)  # type: ignore[arg-type]
    services.pairing_feedback(pairing=active, by=world.colleague, rating=5, comment="Très utile.")
    with pytest.raises(ValidationError, match="already given"):
        services.pairing_feedback(pairing=active, by=world.colleague, rating=1)
    services.pairing_feedback(pairing=active, by=world.professional, rating=4)
    stored = CoachPairing.objects.get(pk=active.pk)
    assert (stored.tutor_rating, stored.tutor_feedback) == (5, "Très utile.")
    assert (stored.coach_rating, stored.coach_feedback) == (4, "")
    assert "Très utile" not in _stored(stored, "tutor_feedback")


# --- the page ---


def _ended_by_page(client: Any, pairing: CoachPairing) -> Any:
    url = f"/coaching/pairings/{pairing.pk}/end/"
    asked = client.post(url, {"reason": "mismatch", "note": "Peu de disponibilités."})
    assert asked.status_code == 200 and 'name="confirmed"' in asked.content.decode()
    assert CoachPairing.objects.get(pk=pairing.pk).state == State.ACTIVE  # asked first
    return client.post(
        url, {"reason": "mismatch", "note": "Peu de disponibilités.", "confirmed": "1"}
    )


def test_the_page_ends_after_asking_and_the_pair_gives_feedback(
    world: Any, client_for: Any, active: CoachPairing
) -> None:
    url = f"/coaching/pairings/{active.pk}/"
    assert 'id="end-form"' not in client_for(world.professional).get(url).content.decode()
    assert 'id="end-form"' in client_for(world.coordinator).get(url).content.decode()
    done = _ended_by_page(client_for(world.coordinator), active)
    assert done.status_code == 302 and done.url == url
    assert CoachPairing.objects.get(pk=active.pk).state == State.ENDED
    seen = client_for(world.coordinator).get(url).content.decode()
    assert "Peu de disponibilités." in seen and 'id="end-form"' not in seen
    tutor_view = client_for(world.colleague).get(url).content.decode()
    assert "did not work well together" in tutor_view  # the reason, to the pair
    assert "Peu de disponibilités." not in tutor_view  # the note, not to the pair
    assert 'id="feedback-form"' in tutor_view
    sent = client_for(world.colleague).post(
        url + "feedback/", {"rating": "4", "comment": "Des échanges précieux."}
    )
    assert sent.status_code == 302
    assert 'id="feedback-form"' not in client_for(world.colleague).get(url).content.decode()
    coordinator_view = client_for(world.coordinator).get(url).content.decode()
    assert "Des échanges précieux." in coordinator_view and "4 out of 5" in coordinator_view
    assert "Des échanges précieux." not in client_for(world.professional).get(url).content.decode()


def test_the_page_shows_the_services_refusals_next_to_the_field(
    world: Any, client_for: Any, active: CoachPairing
) -> None:
    client = client_for(world.coordinator)
    url = f"/coaching/pairings/{active.pk}/end/"
    refused = client.post(url, {"reason": "other", "note": "", "confirmed": "1"})
    assert refused.status_code == 200
    assert "Say in a few words why the pairing ends." in refused.content.decode()
    assert CoachPairing.objects.get(pk=active.pk).state == State.ACTIVE
    early = client_for(world.colleague).post(
        f"/coaching/pairings/{active.pk}/feedback/", {"rating": "5"}, follow=True
    )
    assert "once the coordinators have ended" in early.content.decode()
    assert not CoachPairing.objects.get(pk=active.pk).tutor_feedback_given


def test_the_page_refuses_others_404_and_the_pair_403(
    world: Any, client_for: Any, active: CoachPairing
) -> None:
    url = f"/coaching/pairings/{active.pk}/"
    body = {"reason": "period_over", "confirmed": "1"}
    assert client_for(world.coordinator_b).post(url + "end/", body).status_code == 404
    assert client_for(world.manager).post(url + "end/", body).status_code == 404
    assert client_for(world.professional).post(url + "end/", body).status_code == 403
    services.pairing_end(pairing=active, by=world.coordinator, reason="period_over")
    assert (
        client_for(world.coordinator_b).post(url + "feedback/", {"rating": "5"}).status_code == 404
    )
    assert client_for(world.coordinator).post(url + "feedback/", {"rating": "5"}).status_code == 403
    stored = CoachPairing.objects.get(pk=active.pk)
    assert not stored.coach_feedback_given and not stored.tutor_feedback_given


# --- the API ---


def test_the_api_ends_and_takes_feedback_with_the_same_rules(
    world: Any, api_for: Any, active: CoachPairing
) -> None:
    url = f"/api/v1/coaching/pairings/{active.pk}/"
    end = {"reason": "other", "note": "Changement de poste."}
    assert api_for(world.coordinator_b).post(url + "end/", end, format="json").status_code == 404
    assert api_for(world.manager).post(url + "end/", end, format="json").status_code == 404
    assert api_for(world.colleague).post(url + "end/", end, format="json").status_code == 403
    early = api_for(world.colleague).post(url + "feedback/", {"rating": 5}, format="json")
    assert early.status_code == 400 and "once the coordinators" in early.content.decode()
    wordless = api_for(world.coordinator).post(url + "end/", {"reason": "other"}, format="json")
    assert wordless.status_code == 400 and "Say in a few words" in wordless.content.decode()
    ended = api_for(world.coordinator).post(url + "end/", end, format="json")
    assert ended.status_code == 200, ended.content
    assert ended.json()["state"] == "ended" and ended.json()["end_note"] == "Changement de poste."
    seen_by_pair = api_for(world.colleague).get(url).json()
    assert seen_by_pair["end_reason"] == "other" and seen_by_pair["end_note"] is None
    assert api_for(world.coordinator).post(url + "feedback/", {"rating": 5}).status_code == 403
    assert api_for(world.coordinator_b).post(url + "feedback/", {"rating": 5}).status_code == 404
    bad = api_for(world.colleague).post(url + "feedback/", {"rating": 9}, format="json")
    assert bad.status_code == 400
    mine = api_for(world.colleague).post(
        url + "feedback/", {"rating": 3, "comment": "Correct"}, format="json"
    )
    assert mine.status_code == 200 and mine.json()["tutor_rating"] == 3
    again = api_for(world.colleague).post(url + "feedback/", {"rating": 4}, format="json")
    assert again.status_code == 400 and "already given" in again.content.decode()
    quality = api_for(world.coordinator).get(url).json()
    assert (quality["tutor_rating"], quality["tutor_feedback"]) == (3, "Correct")
    assert api_for(world.professional).get(url).json()["tutor_feedback"] is None


# --- the command line ---


def test_the_command_ends_and_gives_feedback_with_the_same_rules(
    world: Any, active: CoachPairing
) -> None:
    end = ["coach_pairing", "end", f"--pairing={active.pk}", "--reason=goals_met"]
    with pytest.raises(CommandError, match="coordinators"):
        call_command(*end, f"--by={world.coordinator_b.pk}")
    feedback = ["coach_pairing", "feedback", f"--pairing={active.pk}", "--rating=5"]
    with pytest.raises(CommandError, match="once the coordinators have ended"):
        call_command(*feedback, f"--by={world.colleague.pk}")
    call_command(*end, f"--by={world.coordinator.pk}")
    assert CoachPairing.objects.get(pk=active.pk).state == State.ENDED
    with pytest.raises(CommandError, match="Only the coach and the new tutor"):
        call_command(*feedback, f"--by={world.coordinator.pk}")
    call_command(*feedback, f"--by={world.colleague.pk}", "--comment=Merci")
    assert CoachPairing.objects.get(pk=active.pk).tutor_rating == 5
