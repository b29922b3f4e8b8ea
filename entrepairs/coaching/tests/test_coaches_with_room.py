"""A coach at capacity is never offered (outside test of #16: the coordinator's picker offered a
coach whose pairings filled their places): the picker (page and API search), the matching engine
and the proposal service read one rule, CoachOffer.with_room; a full coach chosen anyway is
refused with the service's reason."""

from typing import Any

import pytest

from entrepairs.coaching import services
from entrepairs.coaching.models import CoachOffer, CoachPairing, CoachRequest
from entrepairs.people.picker import sign_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(world: Any) -> CoachRequest:
    """Another new tutor waiting while Paula's only place is taken."""
    return services.coach_ask(by=world.manager)


def _picked(api_for: Any, world: Any, asked: CoachRequest) -> set[str]:
    context = sign_context({"asked": asked.pk})
    answer = api_for(world.coordinator).get(
        "/api/v1/people/pick/coaching.coaches/", {"context": context}
    )
    assert answer.status_code == 200
    return {row["id"] for row in answer.json()["results"]}


def test_with_room_leaves_out_the_full_coaches(world: Any, offer: CoachOffer, pairing: Any) -> None:
    open_one = services.offer_save(by=world.facilitator, capacity=2)
    assert list(CoachOffer.objects.with_room()) == [open_one]
    services.pairing_decline(pairing=pairing, by=world.colleague)  # the place is free again
    assert set(CoachOffer.objects.with_room()) == {offer, open_one}


def test_the_picker_does_not_offer_a_full_coach_page_and_api(
    world: Any, client_for: Any, api_for: Any, pairing: Any, second: CoachRequest
) -> None:
    services.offer_save(by=world.facilitator, capacity=2)
    ids = _picked(api_for, world, second)
    assert str(world.facilitator.pk) in ids
    assert str(world.professional.pk) not in ids  # Paula coaches 1 of 1
    page = client_for(world.coordinator).get(
        "/people/pick/coaching.coaches/", {"context": sign_context({"asked": second.pk})}
    )
    assert {row["id"] for row in page.json()["results"]} == ids


def test_a_full_coach_chosen_anyway_gets_the_service_reason_on_page_and_api(
    world: Any, client_for: Any, api_for: Any, offer: CoachOffer, pairing: Any, second: Any
) -> None:
    page = client_for(world.coordinator).post(
        f"/coaching/requests/{second.pk}/propose/", {"coach": str(world.professional.pk)}
    )
    assert "their capacity" in page.content.decode()
    api = api_for(world.coordinator).post(
        f"/api/v1/coaching/requests/{second.pk}/propose/", {"offer": str(offer.pk)}
    )
    assert api.status_code == 400 and "their capacity" in str(api.json())
    assert CoachPairing.objects.count() == 1


def test_the_engine_proposes_only_coaches_with_room(
    world: Any, offer: CoachOffer, pairing: Any, second: CoachRequest
) -> None:
    assert services.pairings_propose_all(organisation=world.org_a, by=world.coordinator) == []
    services.offer_save(by=world.facilitator, capacity=1)
    made = services.pairings_propose_all(organisation=world.org_a, by=world.coordinator)
    assert [(p.tutor_id, p.coach_id) for p in made] == [(world.manager.pk, world.facilitator.pk)]


def test_the_coordinators_list_says_a_coach_is_full(
    world: Any, client_for: Any, pairing: Any
) -> None:
    page = client_for(world.coordinator).get("/coaching/").content.decode()
    assert "full: not offered to new tutors" in page
