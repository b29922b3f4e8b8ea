import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_lets_a_coordinator_see_their_organisations_people(world, client_for):
    page = client_for(world.coordinator).get(reverse("people:list"))
    assert page.status_code == 200
    names = [p["last_name"] for p in page.context["page"]]
    assert "Pro" in names and "CoordB" not in names


def test_it_hides_another_organisations_person_even_by_guessing_the_id(world, client_for):
    client = client_for(world.coordinator)
    assert client.get(reverse("people:detail", args=[world.worker_b.pk])).status_code == 404
    assert client.get(reverse("people:edit", args=[world.worker_b.pk])).status_code == 404
    assert client.post(reverse("people:delete", args=[world.worker_b.pk])).status_code == 404


def test_it_refuses_a_professional_managing_people(world, client_for):
    client = client_for(world.professional)
    assert client.get(reverse("people:create")).status_code == 403
    assert client.get(reverse("people:edit", args=[world.professional.pk])).status_code == 403
    names = [p["last_name"] for p in client.get(reverse("people:list")).context["page"]]
    assert names == ["Pro"]


def test_it_shows_a_manager_their_staff_only(world, client_for):
    names = {
        p["last_name"]
        for p in client_for(world.manager).get(reverse("people:list")).context["page"]
    }
    assert names == {"Manager", "Pro", "Collegue"}


def test_it_records_who_viewed_a_person(world, client_for):
    from auditlog.models import LogEntry

    client_for(world.coordinator).get(reverse("people:detail", args=[world.professional.pk]))
    entry = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(world.professional.pk)
    ).get()
    assert entry.actor == world.coordinator.user
    assert entry.additional_data["source"] == "ui"


def test_it_refuses_the_api_across_organisations(world, api_for):
    api = api_for(world.coordinator)
    assert api.get(f"/api/v1/people/{world.worker_b.pk}/").status_code == 404
    listed = {p["last_name"] for p in api.get("/api/v1/people/").json()["results"]}
    assert "CoordB" not in listed and "Pro" in listed
    created = api.post(
        "/api/v1/people/",
        {"organisation": str(world.org_b.pk), "first_name": "X", "last_name": "Y"},
        format="json",
    )
    assert created.status_code == 400
    assert "organisation" in created.json()["error"]["fields"]
