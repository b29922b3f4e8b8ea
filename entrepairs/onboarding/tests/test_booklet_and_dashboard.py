"""The welcome booklet PDF, the newcomer's page and the dashboards."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.onboarding import services
from entrepairs.onboarding.dashboard import time_to_autonomy

pytestmark = pytest.mark.django_db


def test_it_gives_the_newcomer_a_booklet_and_a_simple_page(world, onb, start, client_for, api_for):
    journey = start(onb.nina, days=3).journey
    client = client_for(onb.nina)
    response = client.get(reverse("onboarding:booklet", args=[journey.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    page = client.get(reverse("onboarding:my_journey")).content.decode()
    assert "Paula Pro" in page and "Marc Manager" in page and "Colin Collegue" in page
    assert "Read the fire procedure" in page  # the newcomer's own task
    api = api_for(onb.nina).get(f"/api/v1/onboarding/journeys/{journey.pk}/booklet/")
    assert api.status_code == 200 and api.content.startswith(b"%PDF")


def test_it_shows_the_coordinator_phases_late_tasks_kits_and_time_to_autonomy(
    world, onb, start, client_for, api_for
):
    late = start(onb.nina, days=-5).journey
    closed = start(onb.oscar, days=-40).journey
    for task in closed.tasks.filter(mandatory=True):
        services.task_set_done(task=task, done=True, by=SYSTEM)
    services.closing_review_save(
        journey=closed,
        values={
            "autonomy_on": closed.start_date + datetime.timedelta(days=30),
            "progression": "ok",
        },
        by=world.coordinator,
    )
    services.journey_close(journey=closed, by=world.coordinator)
    page = client_for(world.coordinator).get(reverse("onboarding:dashboard")).content.decode()
    assert 'id="autonomy-chart"' in page and "<svg" in page
    assert str(late.pk) in page  # kit not ready and late tasks link to the journey
    bars = time_to_autonomy({world.org_a.pk})
    assert [(b.label, b.value, b.count) for b in bars] == [("Educator", 30.0, 1)]
    body = api_for(world.coordinator).get("/api/v1/onboarding/dashboard/").json()
    assert body["by_phase"]["prepare"] == 1
    assert body["late_tasks"] == late.tasks.late().count()
    assert body["kits_not_ready"][0]["journey"] == str(late.pk)
    assert body["time_to_autonomy"] == [
        {"function": "Educator", "average_days": 30.0, "journeys": 1}
    ]


def test_it_shows_a_manager_their_own_newcomers_only(world, onb, start, client_for, api_for):
    start(onb.nina, days=-5)
    other = services.journey_start(
        version=onb.version,
        newcomer=world.facilitator,  # staff of org A, not Marc's report
        start_date=timezone.localdate(),
        coordinator=world.coordinator,
        tutor=world.professional,
    ).journey
    page = client_for(world.manager).get(reverse("onboarding:dashboard")).content.decode()
    assert "Nina Nouvelle" in page and str(other.pk) not in page
    body = api_for(world.manager).get("/api/v1/onboarding/dashboard/").json()
    assert [row["newcomer"] for row in body["my_newcomers"]] == ["Nina Nouvelle"]
    assert body["by_phase"] == {}
