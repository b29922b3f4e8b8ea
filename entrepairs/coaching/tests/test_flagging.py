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
