"""Training's API: the same services as the pages, the same refusals, documented in the schema."""

from datetime import date

from entrepairs.training.models import RoleRequirement, TrainingModule

API = "/api/v1/training"


def test_it_creates_a_module_with_its_required_roles(world, api_for):
    response = api_for(world.coordinator).post(
        f"{API}/modules/",
        {
            "organisation": str(world.org_a.pk),
            "name": "Cultural differences",
            "audience": "staff",
            "staff_roles": ["coordinator", "professional"],
            "validity_months": 36,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    module = TrainingModule.objects.get(pk=response.json()["id"])
    assert sorted(module.requirements.values_list("role", flat=True)) == [
        "coordinator",
        "professional",
    ]
    assert response.json()["staff_roles"] == ["coordinator", "professional"]


def test_it_refuses_a_module_of_an_organisation_the_caller_does_not_see(world, api_for):
    """Another organisation is unknown to the caller, like a missing id (security review F9): the
    answer used to be "You do not manage this organisation", which told the id exists."""
    response = api_for(world.coordinator_b).post(
        f"{API}/modules/",
        {"organisation": str(world.org_a.pk), "name": "Sneaky"},
        format="json",
    )
    assert response.status_code == 400
    said = response.json()["error"]["fields"]["organisation"]
    assert said == ["Organisation: unknown, or outside your organisations."], said
    assert not TrainingModule.objects.filter(name="Sneaky").exists()


def test_it_hides_another_organisation_s_module(world, module, api_for):
    assert api_for(world.coordinator_b).get(f"{API}/modules/{module.pk}/").status_code == 404
    assert api_for(world.coordinator).get(f"{API}/modules/{module.pk}/").status_code == 200


def test_it_plans_a_session_and_records_its_attendance(world, module, api_for):
    api = api_for(world.coordinator)
    session = api.post(
        f"{API}/sessions/",
        {"module": str(module.pk), "held_on": "2026-03-02", "place": "Lille", "already_held": True},
        format="json",
    )
    assert session.status_code == 201, session.json()
    sid = session.json()["id"]
    done = api.post(
        f"{API}/sessions/{sid}/attendance/",
        {"attendees": [str(world.professional.pk)]},
        format="json",
    )
    assert done.status_code == 200, done.json()
    assert done.json()["attendees"] == [str(world.professional.pk)]
    completion = module.completions.get()
    assert (completion.person, completion.completed_on) == (world.professional, date(2026, 3, 2))
    assert api_for(world.coordinator_b).get(f"{API}/sessions/{sid}/").status_code == 404


def test_it_adds_and_removes_a_requirement(world, module, api_for):
    api = api_for(world.coordinator)
    added = api.post(
        f"{API}/requirements/", {"module": str(module.pk), "role": "tutor"}, format="json"
    )
    assert added.status_code == 201, added.json()
    assert (
        api_for(world.coordinator_b).delete(f"{API}/requirements/{added.json()['id']}/").status_code
        == 404
    )
    assert api.delete(f"{API}/requirements/{added.json()['id']}/").status_code == 204
    assert list(RoleRequirement.objects.filter(module=module).values_list("role", flat=True)) == [
        "coordinator"
    ]


def test_it_lists_a_person_s_own_completions(world, module, api_for):
    api_for(world.coordinator).post(
        f"{API}/completions/",
        {
            "person": str(world.professional.pk),
            "module": str(module.pk),
            "completed_on": "2026-01-05",
        },
        format="json",
    )
    own = api_for(world.professional).get(f"{API}/completions/").json()["results"]
    assert [c["module"] for c in own] == [str(module.pk)]
    assert api_for(world.coordinator_b).get(f"{API}/completions/").json()["results"] == []


def test_it_documents_every_training_endpoint(world, client_for):
    paths = client_for(world.coordinator).get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in (
        "/api/v1/training/modules/",
        "/api/v1/training/sessions/{id}/attendance/",
        "/api/v1/training/requirements/",
        "/api/v1/training/completions/",
        "/api/v1/training/compliance/",
        "/api/v1/mentoring/staff-training/",
    ):
        assert path in paths, path
