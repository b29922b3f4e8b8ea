"""Onboarding notifications name the newcomer in the inbox's headline: a colleague, whose full
name may also travel by e-mail (DECISIONS.md "Confidentiality" protects the people served)."""

import pytest

from entrepairs.core.models import Notification
from entrepairs.core.tests.notifying import worded
from entrepairs.onboarding import notification_kinds as kinds
from entrepairs.onboarding import services

pytestmark = pytest.mark.django_db


def test_the_tutor_named_and_the_task_owners_read_whose_arrival_it_is(world, onb, start) -> None:
    journey = start(tutor=None).journey
    services.journey_assign_tutor(journey=journey, tutor=world.professional, by=world.coordinator)
    tutor = Notification.objects.get(kind=kinds.TUTOR_NAMED.code)
    assert (tutor.headline, tutor.subject) == (
        "You are the tutor of Nina Nouvelle",
        "You are the tutor of a newcomer",
    )
    assert worded(tutor) == {  # in the reader's language, whatever the sender's
        "fr": "Vous êtes tuteur·rice de Nina Nouvelle",
        "en": "You are the tutor of Nina Nouvelle",
    }
    owners = Notification.objects.filter(kind=kinds.ARRIVAL_TASKS.code)
    assert owners and all(n.headline.endswith("for the arrival of Nina Nouvelle") for n in owners)
