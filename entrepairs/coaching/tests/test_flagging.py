"""A new tutor still without a coach after the organisation's weeks (4 unless set) is flagged once,
and the organisation's coordinators are told."""

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from entrepairs.coaching import services
from entrepairs.coaching.models import CoachRequest
from entrepairs.core.models import Notification
from entrepairs.core.tests.notifying import worded

pytestmark = pytest.mark.django_db


def _aged(request: CoachRequest, weeks: int) -> None:
    CoachRequest.objects.filter(pk=request.pk).update(
        since=timezone.localdate() - timedelta(weeks=weeks)
    )


def test_it_flags_after_four_weeks_by_default_and_tells_the_coordinators(
    world: Any, asked: CoachRequest
) -> None:
    _aged(asked, 3)
    assert services.requests_flag() == 0
    _aged(asked, 4)
    assert services.requests_flag() == 1
    told = Notification.objects.filter(kind="coaching.without_coach")
    assert list(told.values_list("recipient", flat=True)) == [world.coordinator.user_id]
    texts = worded(told.get())
    assert texts["fr"].endswith("attend un·e coach depuis 4 semaines")
    assert texts["en"].endswith("has been waiting for a coach for 4 weeks")
    assert services.requests_flag() == 0  # once


def test_the_organisation_sets_the_weeks(world: Any, asked: CoachRequest) -> None:
    services.scheme_update(
        organisation=world.org_a, by=world.coordinator, weights={}, flag_after_weeks=2
    )
    _aged(asked, 2)
    call_command("flag_tutors_without_coach", stdout=StringIO())
    assert CoachRequest.objects.get(pk=asked.pk).flagged_on == timezone.localdate()


def test_proposing_a_coach_through_the_api_marks_the_flag_done_for_that_tutor_only(
    world: Any, asked: CoachRequest, offer: Any, api_for: Any
) -> None:
    """Outside test of #15: a coach proposed through the API left « … attend un·e coach depuis
    4 semaines » asking to act. The proposal is the coordinators' action: done, keyed by the
    request (another waiting tutor's flag stays open)."""
    other = services.coach_ask(by=world.manager)
    _aged(asked, 4)
    _aged(other, 4)
    assert services.requests_flag() == 2
    answer = api_for(world.coordinator).post(
        f"/api/v1/coaching/requests/{asked.pk}/propose/", {"offer": str(offer.pk)}, format="json"
    )
    assert answer.status_code == 201, answer.content
    flags = Notification.objects.filter(kind="coaching.without_coach")
    done = {n.about: n.done_at is not None for n in flags}
    assert done == {
        f"coaching.coachrequest:{asked.pk}": True,
        f"coaching.coachrequest:{other.pk}": False,
    }
    listed = api_for(world.coordinator).get("/api/v1/notifications/").json()
    rows = listed.get("results", listed)
    assert sorted(
        row["asks_to_act"] for row in rows if row["kind"] == "coaching.without_coach"
    ) == [
        False,
        True,
    ]
