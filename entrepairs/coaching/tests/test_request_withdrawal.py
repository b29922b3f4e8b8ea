"""A new tutor withdraws their request for a coach: a proposal still waiting is declined (the
coach's place is freed); only the one who asked may, in the page (which asks first) and the API."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entrepairs.coaching import services
from entrepairs.coaching.models import CoachPairing, CoachRequest

pytestmark = pytest.mark.django_db


def test_the_new_tutor_withdraws_and_the_waiting_proposal_is_declined(
    world: Any, pairing: CoachPairing
) -> None:
    request = pairing.request
    with pytest.raises(ValidationError, match="Only the new tutor who asked"):
        services.coach_request_withdraw(request=request, by=world.coordinator)
    services.coach_request_withdraw(request=request, by=world.colleague)
    request.refresh_from_db()
    pairing.refresh_from_db()
    assert request.status == CoachRequest.Status.WITHDRAWN
    assert pairing.state == CoachPairing.State.DECLINED
    with pytest.raises(ValidationError, match="no longer open"):
        services.coach_request_withdraw(request=request, by=world.colleague)
    services.coach_ask(by=world.colleague)  # they may ask again later


def test_the_page_asks_first_and_refuses_others(
    world: Any, asked: CoachRequest, client_for: Any
) -> None:
    url = reverse("coaching:withdraw", args=[asked.pk])
    assert client_for(world.coordinator).get(url).status_code == 403
    assert client_for(world.coordinator_b).get(url).status_code == 404
    client = client_for(world.colleague)
    assert 'id="withdraw-request-button"' in client.get(reverse("coaching:home")).content.decode()
    assert 'id="confirm-action"' in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    asked.refresh_from_db()
    assert asked.status == CoachRequest.Status.WITHDRAWN


def test_the_api_withdraws_for_the_tutor_only(
    world: Any, asked: CoachRequest, api_for: Any
) -> None:
    url = f"/api/v1/coaching/requests/{asked.pk}/withdraw/"
    assert api_for(world.coordinator).post(url).status_code == 403
    assert api_for(world.coordinator_b).post(url).status_code == 404
    answer = api_for(world.colleague).post(url)
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "withdrawn"
