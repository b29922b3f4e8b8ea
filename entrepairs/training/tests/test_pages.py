"""The training pages: the catalogue, a module, a session, requirements, completions."""

from datetime import date

from entrepairs.training import services
from entrepairs.training.models import TrainingModule


def test_it_renders_every_training_page_for_a_coordinator(world, module, client_for):
    session = services.session_schedule(
        module=module, held_on=date(2026, 3, 2), by=world.coordinator, already_held=True
    )
    c = client_for(world.coordinator)
    for url in (
        "/training/",
        f"/training/modules/{module.pk}/",
        f"/training/sessions/{session.pk}/",
        "/training/requirements/",
        "/training/completions/",
    ):
        assert c.get(url).status_code == 200, url


def test_it_refuses_the_pages_to_someone_who_runs_no_training(world, client_for):
    c = client_for(world.worker_b)
    for url in ("/training/", "/training/requirements/", "/training/completions/"):
        assert c.get(url).status_code == 403, url


def test_it_hides_another_organisation_s_module_and_session(world, module, client_for):
    session = services.session_schedule(
        module=module, held_on=date(2026, 3, 2), by=world.coordinator, already_held=True
    )
    c = client_for(world.coordinator_b)
    assert c.get(f"/training/modules/{module.pk}/").status_code == 404
    assert c.get(f"/training/sessions/{session.pk}/").status_code == 404


def test_it_adds_a_module_with_its_roles_from_the_catalogue(world, client_for):
    response = client_for(world.coordinator).post(
        "/training/",
        {
            "m-organisation": world.org_a.pk,
            "m-name": "LGBT2SQ youth",
            "m-audience": "staff",
            "m-staff_roles": ["coordinator", "tutor"],
            "m-validity_months": "12",
        },
    )
    module = TrainingModule.objects.get(name="LGBT2SQ youth")
    assert response.status_code == 302
    assert sorted(module.requirements.values_list("role", flat=True)) == ["coordinator", "tutor"]


def test_it_plans_a_session_and_records_attendance_from_the_pages(world, module, client_for):
    c = client_for(world.coordinator)
    response = c.post(
        f"/training/modules/{module.pk}/",
        {
            "action": "session",
            "s-held_on": "2026-03-02",
            "s-place": "Lille",
            "s-already_held": "on",
        },
    )
    session = module.sessions.get()
    assert response["Location"] == f"/training/sessions/{session.pk}/"
    c.post(f"/training/sessions/{session.pk}/", {"a-attendees": [world.professional.pk]})
    assert list(session.attendees.all()) == [world.professional]
    assert module.completions.get().completed_on == date(2026, 3, 2)


def test_it_requires_and_releases_a_module_from_the_requirements_page(world, module, client_for):
    c = client_for(world.coordinator)
    c.post("/training/requirements/", {"r-module": module.pk, "r-role": "tutor"})
    tutor = module.requirements.get(role="tutor")
    asked = c.post("/training/requirements/", {"action": "remove", "requirement": tutor.pk})
    assert 'id="confirm-action"' in asked.content.decode()  # it asks first (issue 15 §9)
    assert module.requirements.filter(role="tutor").exists()
    c.post(
        "/training/requirements/",
        {"action": "remove", "requirement": tutor.pk, "confirmed": "1"},
    )
    assert list(module.requirements.values_list("role", flat=True)) == ["coordinator"]
