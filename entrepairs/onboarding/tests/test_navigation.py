"""The Onboarding link shows for coordinators and for people with something there, only."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
LINK = 'href="/onboarding/"'


def test_it_shows_the_link_to_people_involved_and_hides_it_from_others(
    world, onb, start, client_for
):
    start(onb.nina)
    for who in (world.coordinator, world.professional, world.colleague, world.manager, onb.nina):
        assert LINK in client_for(who).get(reverse("dashboard")).content.decode(), who
    for who in (onb.oscar, world.facilitator, world.worker_b):
        assert LINK not in client_for(who).get(reverse("dashboard")).content.decode(), who
