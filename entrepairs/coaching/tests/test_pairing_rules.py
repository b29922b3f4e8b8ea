"""The rules of a coach pairing, whatever the channel: capacity (a coach over capacity is refused
with nothing written), both confirm, meetings once active, only
the organisation's coordinators propose, and only between people of their organisation."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepairs.coaching import services
from entrepairs.coaching.models import CoachingMeeting, CoachOffer, CoachPairing, CoachRequest

pytestmark = pytest.mark.django_db


def test_it_refuses_a_coach_over_capacity_and_writes_nothing(
    world: Any, offer: CoachOffer, pairing: CoachPairing
) -> None:
    second = services.coach_ask(by=world.manager)
    before = CoachPairing.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.pairing_propose(request=second, offer=offer, by=world.coordinator)
    assert "already coaches 1 new tutor, their capacity" in str(refused.value)
    assert CoachPairing.objects.count() == before
    assert CoachRequest.objects.get(pk=second.pk).status == CoachRequest.Status.OPEN


def test_it_refuses_a_capacity_below_the_pairings_held(world: Any, pairing: CoachPairing) -> None:
    services.offer_save(by=world.professional, capacity=2)
    services.pairing_propose(
        request=services.coach_ask(by=world.manager),
        offer=CoachOffer.objects.get(person=world.professional),
        by=world.coordinator,
    )
    with pytest.raises(ValidationError, match="cannot be lower"):
        services.offer_save(by=world.professional, capacity=1)
    assert CoachOffer.objects.get(person=world.professional).capacity == 2


def test_it_is_active_once_both_have_confirmed(world: Any, pairing: CoachPairing) -> None:
    assert pairing.score > 0 and pairing.reasons
    half = services.pairing_confirm(pairing=pairing, by=world.colleague)
    assert half.state == CoachPairing.State.PROPOSED
    done = services.pairing_confirm(pairing=pairing, by=world.professional)
    assert done.state == CoachPairing.State.ACTIVE
    assert CoachRequest.objects.get(pk=pairing.request_id).status == CoachRequest.Status.PAIRED


def test_it_lets_only_the_pair_confirm(world: Any, pairing: CoachPairing) -> None:
    for outsider in (world.coordinator, world.manager, world.coordinator_b):
        with pytest.raises(ValidationError, match="Only the coach and the new tutor"):
            services.pairing_confirm(pairing=pairing, by=outsider)


def test_it_logs_meetings_once_active_only(world: Any, pairing: CoachPairing) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="once both have confirmed"):
        services.meeting_log(pairing=pairing, by=world.professional, date=today)
    services.pairing_confirm(pairing=pairing, by=world.professional)
    services.pairing_confirm(pairing=pairing, by=world.colleague)
    with pytest.raises(ValidationError, match="once it has taken place"):
        services.meeting_log(pairing=pairing, by=world.colleague, date=today + timedelta(days=2))
    meeting = services.meeting_log(pairing=pairing, by=world.colleague, date=today, note="Bilan")
    assert CoachingMeeting.objects.get(pk=meeting.pk).note == "Bilan"


def test_only_the_organisations_coordinators_propose(
    world: Any, offer: CoachOffer, asked: CoachRequest
) -> None:
    for who in (world.coordinator_b, world.manager, world.professional):
        with pytest.raises(ValidationError, match="coordinators"):
            services.pairing_propose(request=asked, offer=offer, by=who)
    assert not CoachPairing.objects.exists()


def test_it_never_pairs_across_organisations(world: Any, asked: CoachRequest) -> None:
    other = services.offer_save(by=world.worker_b, capacity=3)
    with pytest.raises(ValidationError, match="one organisation"):
        services.pairing_propose(request=asked, offer=other, by=world.coordinator)


def test_a_tutor_has_one_open_request(world: Any, asked: CoachRequest) -> None:
    with pytest.raises(ValidationError, match="already asked"):
        services.coach_ask(by=world.colleague)


def test_the_engine_proposes_with_reasons_and_the_coordinators_weights(
    world: Any, offer: CoachOffer, asked: CoachRequest
) -> None:
    services.offer_save(by=world.facilitator, capacity=1, profession="educator")
    services.scheme_update(
        organisation=world.org_a,
        by=world.coordinator,
        weights={
            "interests": 10,
            "language": 0,
            "availability": 0,
            "distance": 0,
            "experience_gap": 0,
        },
        flag_after_weeks=4,
    )
    made = services.pairings_propose_all(organisation=world.org_a, by=world.coordinator)
    assert [(p.tutor_id, p.coach_id) for p in made] == [(world.colleague.pk, world.facilitator.pk)]
    assert ["interests", 10.0, 1.0, 10.0] in made[0].reasons
    assert services.pairings_propose_all(organisation=world.org_a, by=world.coordinator) == []


def test_the_engine_does_not_propose_a_declined_pair_again(
    world: Any, pairing: CoachPairing
) -> None:
    services.pairing_decline(pairing=pairing, by=world.colleague)
    assert services.pairings_propose_all(organisation=world.org_a, by=world.coordinator) == []


def test_it_refuses_weights_out_of_range(world: Any) -> None:
    with pytest.raises(ValidationError):
        services.scheme_update(
            organisation=world.org_a,
            by=world.coordinator,
            weights={"language": 11},
            flag_after_weeks=4,
        )
    with pytest.raises(ValidationError):
        services.scheme_update(
            organisation=world.org_a, by=world.coordinator, weights={}, flag_after_weeks=0
        )
