"""Staff compliance: who holds a role that requires a module, and whether they are up to date."""

from datetime import date

from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.training import services


def test_it_shows_staff_training_compliance_with_renewals(world, module, client_for, api_for):
    coordinator = world.coordinator
    html = client_for(coordinator).get("/training/completions/").content.decode()
    assert 'data-state="missing"' in html
    services.completion_record(
        person=coordinator, module=module, completed_on=date(2024, 1, 1), by=SYSTEM
    )
    body = api_for(coordinator).get("/api/v1/training/compliance/").json()
    assert body["rows"][0]["cells"][0]["state"] == "expired"
    response = api_for(coordinator).post(
        "/api/v1/training/compliance/",
        {
            "person": str(coordinator.pk),
            "module": str(module.pk),
            "completed_on": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201
    body = api_for(coordinator).get("/api/v1/training/compliance/").json()
    assert body["rows"][0]["compliant"] is True
    assert client_for(world.worker_b).get("/training/completions/").status_code == 403


def test_it_keeps_the_former_mentoring_api_addresses(world, module, api_for):
    api = api_for(world.coordinator)
    assert (
        api.get("/api/v1/mentoring/staff-training/").json()
        == api.get("/api/v1/training/compliance/").json()
    )
    former = api.get("/api/v1/mentoring/training-modules/").json()
    assert former == api.get("/api/v1/training/modules/").json()
    assert [m["staff_roles"] for m in former["results"]] == [["coordinator"]]


def test_it_records_a_completion_from_the_page(world, module, client_for):
    response = client_for(world.coordinator).post(
        "/training/completions/",
        {
            "c-person": world.professional.pk,
            "c-module": module.pk,
            "c-completed_on": "2026-01-05",
        },
    )
    assert response.status_code == 302
    assert module.completions.get().person == world.professional
