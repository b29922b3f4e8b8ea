"""The coaching API: the pair and the organisation's coordinators see a pairing; another
organisation's ids answer 404; an action one sees but may not take answers 403; refusals carry
the service's message."""

from typing import Any

import pytest

from entrepairs.coaching.models import CoachOffer, CoachPairing, CoachRequest

pytestmark = pytest.mark.django_db


def test_other_organisations_ids_answer_404(
    world: Any, api_for: Any, pairing: CoachPairing
) -> None:
    api = api_for(world.coordinator_b)
    for url in (
        f"/api/v1/coaching/pairings/{pairing.pk}/",
        f"/api/v1/coaching/requests/{pairing.request_id}/",
        f"/api/v1/coaching/offers/{pairing.offer_id}/",
        f"/api/v1/coaching/organisations/{world.org_a.pk}/",
        f"/api/v1/coaching/pairings/{pairing.pk}/meetings/",
    ):
        assert api.get(url).status_code == 404, url
    assert api.post(f"/api/v1/coaching/pairings/{pairing.pk}/confirm/").status_code == 404
    assert (
        api.post(
            f"/api/v1/coaching/requests/{pairing.request_id}/propose/",
            {"offer": str(pairing.offer_id)},
        ).status_code
        == 404
    )
    assert api.post(f"/api/v1/coaching/organisations/{world.org_a.pk}/propose/").status_code == 404
    for url in ("pairings", "requests", "offers"):
        assert api.get(f"/api/v1/coaching/{url}/").json()["count"] == 0


def test_a_colleague_outside_the_pair_sees_nothing(
    world: Any, api_for: Any, pairing: CoachPairing
) -> None:
    api = api_for(world.manager)
    assert api.get(f"/api/v1/coaching/pairings/{pairing.pk}/").status_code == 404
    assert api.get("/api/v1/coaching/pairings/").json()["count"] == 0


def test_the_coordinator_sees_but_may_not_confirm(
    world: Any, api_for: Any, pairing: CoachPairing
) -> None:
    api = api_for(world.coordinator)
    assert api.get(f"/api/v1/coaching/pairings/{pairing.pk}/").status_code == 200
    assert api.post(f"/api/v1/coaching/pairings/{pairing.pk}/confirm/").status_code == 403


def test_the_pair_confirms_logs_and_ends(world: Any, api_for: Any, pairing: CoachPairing) -> None:
    coach, tutor = api_for(world.professional), api_for(world.colleague)
    url = f"/api/v1/coaching/pairings/{pairing.pk}/"
    assert coach.post(url + "confirm/").json()["confirmed_by_coach"] is True
    assert tutor.post(url + "confirm/").json()["state"] == "active"
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    made = tutor.post(url + "meetings/", {"date": today, "note": "Visites"}, format="json")
    assert made.status_code == 201, made.content
    assert coach.get(url + "meetings/").json()[0]["note"] == "Visites"
    assert api_for(world.coordinator).get(url + "meetings/").json()[0]["note"] == ""
    ended = api_for(world.coordinator).post(url + "end/", {"reason": "period_over"}, format="json")
    assert ended.json()["state"] == "ended"
    tutor.post(url + "feedback/", {"rating": 5, "comment": "Merci"}, format="json")
    mine = coach.post(url + "feedback/", {"rating": 4, "comment": "Bien"}, format="json").json()
    assert mine["coach_feedback"] == "Bien" and mine["coach_rating"] == 4
    assert mine["tutor_feedback"] is None and mine["tutor_rating"] is None


def test_a_coach_over_capacity_is_refused_with_a_message(
    world: Any, api_for: Any, offer: CoachOffer, pairing: CoachPairing
) -> None:
    api_for(world.manager).post("/api/v1/coaching/requests/")
    second = CoachRequest.objects.get(person=world.manager)
    answer = api_for(world.coordinator).post(
        f"/api/v1/coaching/requests/{second.pk}/propose/", {"offer": str(offer.pk)}
    )
    assert answer.status_code == 400
    assert "their capacity" in answer.json()["error"]["message"] + str(answer.json())
    assert CoachPairing.objects.count() == 1


def test_one_volunteers_and_the_coordinator_sets_the_weights(world: Any, api_for: Any) -> None:
    mine = api_for(world.professional).post(
        "/api/v1/coaching/offers/mine/", {"capacity": 2, "languages": ["fr"]}, format="json"
    )
    assert mine.status_code == 200 and mine.json()["capacity"] == 2
    url = f"/api/v1/coaching/organisations/{world.org_a.pk}/"
    assert api_for(world.professional).get(url).status_code == 404
    set_ = api_for(world.coordinator).patch(
        url, {"weights": {"language": 3}, "flag_after_weeks": 6}, format="json"
    )
    assert set_.status_code == 200 and set_.json()["flag_after_weeks"] == 6
    assert set_.json()["weights"]["language"] == 3


def test_each_of_the_pair_sees_the_others_offer_or_request_while_under_way(
    world: Any, api_for: Any, pairing: CoachPairing
) -> None:
    coach, tutor = api_for(world.professional), api_for(world.colleague)
    offer = f"/api/v1/coaching/offers/{pairing.offer_id}/"
    request = f"/api/v1/coaching/requests/{pairing.request_id}/"
    assert tutor.get(offer).status_code == 200  # to confirm knowing the coach's availability
    assert coach.get(request).status_code == 200
    assert api_for(world.manager).get(offer).status_code == 404  # outside the pair: nothing
    coach.post(f"/api/v1/coaching/pairings/{pairing.pk}/decline/")
    assert tutor.get(offer).status_code == 404  # declined: no longer under way
    assert coach.get(request).status_code == 404


def test_a_new_tutor_with_a_coach_cannot_ask_for_another(
    world: Any, api_for: Any, active: CoachPairing
) -> None:
    answer = api_for(world.colleague).post("/api/v1/coaching/requests/")
    assert answer.status_code == 400
    assert "You already have a coach" in answer.content.decode()
    assert CoachRequest.objects.filter(person=world.colleague).count() == 1  # nothing written
