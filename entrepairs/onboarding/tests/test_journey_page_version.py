"""The template's version number is a coordinator's detail: a newcomer's journey page names the
function only (issue 15, outside test: « Éducateur·rice spécialisé·e v1 »)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_version_shows_to_who_manages_the_journey_only(world, onb, start, client_for) -> None:
    journey = start(days=3).journey
    url = reverse("onboarding:journey", args=[journey.pk])
    number = journey.version.number
    shown = re.compile(rf"{re.escape(str(journey.version.template))} v{number}\b")
    assert shown.search(client_for(world.coordinator).get(url).text)
    newcomer = client_for(onb.nina).get(url)
    assert newcomer.status_code == 200
    assert str(journey.version.template) in newcomer.text and not shown.search(newcomer.text)
