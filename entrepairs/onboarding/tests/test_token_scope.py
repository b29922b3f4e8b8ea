"""A token scoped to one organisation does not carry a tutor into another organisation's
journeys (issue 10): Paula tutors a journey of A and also works for B; her token of B sees
neither the journey nor its tasks, her token of A and her session see both."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from entrepairs.organisations.models import Membership, Role

pytestmark = pytest.mark.django_db


def _ids(api: APIClient, url: str) -> set[str]:
    response = api.get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _session_api(who: Any) -> APIClient:
    api = APIClient()
    api.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
    return api


@pytest.fixture
def journey(world, start):  # type: ignore[no-untyped-def]
    Membership.objects.create(person=world.professional, organisation=world.org_b, role=Role.TUTOR)
    return start().journey


def test_a_token_of_b_hides_the_tutor_s_journey_of_a(world, journey, api_for):
    api = api_for(world.professional, organisation=world.org_b)
    assert str(journey.pk) not in _ids(api, "/api/v1/onboarding/journeys/")
    assert api.get(f"/api/v1/onboarding/journeys/{journey.pk}/").status_code == 404
    task_ids = {str(pk) for pk in journey.tasks.values_list("pk", flat=True)}
    assert task_ids and not task_ids & _ids(api, "/api/v1/onboarding/tasks/")


def test_a_token_of_a_and_a_session_show_the_tutor_their_journey(world, journey, api_for):
    task_ids = {str(pk) for pk in journey.tasks.values_list("pk", flat=True)}
    for api in (
        api_for(world.professional, organisation=world.org_a),
        _session_api(world.professional),
    ):
        assert str(journey.pk) in _ids(api, "/api/v1/onboarding/journeys/")
        assert api.get(f"/api/v1/onboarding/journeys/{journey.pk}/").status_code == 200
        assert task_ids & _ids(api, "/api/v1/onboarding/tasks/")


def test_a_newcomer_s_token_of_b_hides_their_own_journey_of_a(world, onb, journey, api_for):
    Membership.objects.create(person=onb.nina, organisation=world.org_b, role=Role.PROFESSIONAL)
    assert (
        api_for(onb.nina, organisation=world.org_b)
        .get(f"/api/v1/onboarding/journeys/{journey.pk}/")
        .status_code
        == 404
    )
    assert (
        api_for(onb.nina, organisation=world.org_a)
        .get(f"/api/v1/onboarding/journeys/{journey.pk}/")
        .status_code
        == 200
    )
