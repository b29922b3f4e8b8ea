import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


def test_it_refuses_a_cycle_in_line_management(world):
    world.manager.line_manager = world.professional  # professional already reports to manager
    with pytest.raises(ValidationError) as exc:
        world.manager.full_clean()
    assert "line_manager" in exc.value.message_dict


def test_it_refuses_being_ones_own_line_manager(world):
    world.manager.line_manager = world.manager
    with pytest.raises(ValidationError):
        world.manager.full_clean()


def test_it_creates_a_person_with_roles_from_the_form(world, client_for):
    response = client_for(world.coordinator).post(
        reverse("people:create"),
        {
            "organisation": world.org_a.pk,
            "first_name": "Nina",
            "last_name": "Nouvelle",
            "email": "nina@a.test",
            "profession": "nurse",
            "years_experience": "2",
            "languages": "fr, ar",
            "team": world.core.pk,
            "line_manager": world.manager.pk,
            "availability": ["mon-am", "thu-pm"],
            "roles": ["professional", "newcomer"],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    nina = Person.objects.get(email="nina@a.test")
    assert nina.languages == ["fr", "ar"]
    assert set(nina.memberships.values_list("role", flat=True)) == {"professional", "newcomer"}


def test_it_shows_errors_next_to_fields_and_saves_nothing(world, client_for):
    response = client_for(world.coordinator).post(
        reverse("people:create"),
        {
            "organisation": world.org_a.pk,
            "first_name": "",
            "last_name": "X",
            "email": world.professional.email,
            "availability": ["someday"],
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"first_name", "availability"} <= set(errors)
    assert b"error-summary" in response.content
    assert not Person.objects.filter(last_name="X").exists()


def test_it_refuses_a_duplicate_email_in_the_api(world, api_for):
    response = api_for(world.coordinator).post(
        "/api/v1/people/",
        {
            "organisation": str(world.org_a.pk),
            "first_name": "A",
            "last_name": "B",
            "email": world.professional.email,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]


def test_it_reports_a_line_manager_cycle_in_the_api(world, api_for):
    response = api_for(world.coordinator).patch(
        f"/api/v1/people/{world.manager.pk}/",
        {"line_manager": str(world.professional.pk)},
        format="json",
    )
    assert response.status_code == 400
    assert "line_manager" in response.json()["error"]["fields"]


def test_it_invites_a_person_to_an_account(world, client_for, mailoutbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    from django.tasks import task_backends

    task_backends._settings = None  # type: ignore[attr-defined]  # reload from the setting
    person = Person.objects.create(
        organisation=world.org_a, first_name="Ines", last_name="Invitee", email="ines@a.test"
    )
    client = client_for(world.coordinator)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("people:invite", args=[person.pk]))
    person.refresh_from_db()
    assert person.user is not None and person.user.email == "ines@a.test"
    assert (
        mailoutbox
        and "ines@a.test" in mailoutbox[0].to
        and "/accounts/password/reset/key/" in mailoutbox[0].body
    )
