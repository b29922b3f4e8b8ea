"""Issue 15 §2 (actionable notifications): a first lunch is announced to the colleagues of the
introductions tour only while it is ahead (a lunch recorded after the day invites nobody), and
the notification links to the journey when the colleague may open it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.models import Notification
from entrepairs.core.permissions import check
from entrepairs.core.services import SYSTEM
from entrepairs.onboarding import notification_kinds as kinds
from entrepairs.onboarding import services

pytestmark = pytest.mark.django_db


def test_a_past_lunch_notifies_nobody(world, onb, start) -> None:
    journey = start(days=-30).journey
    assert journey.introductions.exists()
    services.journey_plan_first_lunch(
        journey=journey, on=journey.start_date + datetime.timedelta(days=1), by=SYSTEM
    )
    journey.refresh_from_db()
    assert journey.first_lunch_on is not None  # recorded all the same
    assert not Notification.objects.filter(kind=kinds.FIRST_LUNCH.code).exists()


def test_a_lunch_ahead_links_to_the_journey_when_it_may_be_opened(world, onb, start) -> None:
    journey = start(days=-2).journey
    services.journey_plan_first_lunch(
        journey=journey, on=timezone.localdate() + datetime.timedelta(days=3), by=SYSTEM
    )
    notes = list(Notification.objects.filter(kind=kinds.FIRST_LUNCH.code))
    assert notes
    for note in notes:
        may = check(note.recipient, "onboarding.view_journey", journey)
        expected = (
            reverse("onboarding:journey", args=[journey.pk])
            if may
            else reverse("onboarding:dashboard")
        )
        assert note.link == expected
