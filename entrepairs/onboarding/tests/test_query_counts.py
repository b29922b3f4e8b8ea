"""Onboarding pages and API lists run a bounded number of SQL queries as journeys grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from entrepairs.onboarding import services
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def _grow(world, onb, n):  # type: ignore[no-untyped-def]
    existing = Person.objects.filter(first_name__startswith="New").count()
    for i in range(existing, n):
        person = Person.objects.create(
            organisation=world.org_a,
            first_name=f"New{i}",
            last_name=f"Comer{i}",
            line_manager=world.manager,
        )
        services.journey_start(
            version=onb.version,
            newcomer=person,
            start_date=timezone.localdate() - datetime.timedelta(days=i % 20),
            coordinator=world.coordinator,
            tutor=world.professional,
            confirm=True,
        )


def _count(fetch):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    assert response.status_code == 200
    return len(ctx)


PAGES = {
    "dashboard": lambda c, a: c.get(reverse("onboarding:dashboard")),
    "journeys": lambda c, a: c.get(reverse("onboarding:journeys")),
    "my_tasks": lambda c, a: c.get(reverse("onboarding:my_tasks")),
    "setup": lambda c, a: c.get(reverse("onboarding:setup")),
    "api_journeys": lambda c, a: a.get("/api/v1/onboarding/journeys/"),
    "api_tasks": lambda c, a: a.get("/api/v1/onboarding/tasks/"),
    "api_kit": lambda c, a: a.get("/api/v1/onboarding/kit-checks/"),
    "api_tutors": lambda c, a: a.get("/api/v1/onboarding/tutors/"),
    "api_dashboard": lambda c, a: a.get("/api/v1/onboarding/dashboard/"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_it_runs_the_same_number_of_queries_for_3_and_15_journeys(
    world, onb, client_for, api_for, name
):
    who = world.professional if name == "my_tasks" else world.coordinator
    client, api = client_for(who), api_for(who)
    _grow(world, onb, 3)
    PAGES[name](client, api)  # warm caches
    small = _count(lambda: PAGES[name](client, api))
    _grow(world, onb, 15)
    large = _count(lambda: PAGES[name](client, api))
    assert small == large, f"{name}: {small} queries for 3 journeys, {large} for 15"
    assert large <= 20


def test_it_shows_a_journey_page_with_the_same_queries_whatever_its_size(
    world, onb, client_for, start
):
    journey = start(onb.nina, days=-20).journey
    client = client_for(world.coordinator)
    url = reverse("onboarding:journey", args=[journey.pk])
    client.get(url)
    small = _count(lambda: client.get(url))
    competency = journey.version.competencies.first()
    for i in range(10):
        services.observation_record(
            journey=journey,
            competency=competency,
            level=1 + i % 4,
            observed_on=timezone.localdate(),
            note=f"n{i}",
            source="tutor",
            author=world.professional,
        )
        services.feedback_record(
            journey=journey,
            kind="individual",
            given_on=timezone.localdate(),
            text=f"f{i}",
            author=world.professional,
        )
    large = _count(lambda: client.get(url))
    # Each confidential record read is audited (one insert each); everything else is constant.
    assert large - small == 20
