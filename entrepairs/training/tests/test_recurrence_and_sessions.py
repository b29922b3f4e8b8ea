"""Issue 16 point 6, bad input: a requirement renewed more often than its module's validity
covers is fine, one that would expire before it is due is refused (nothing written); a training
completed at sessions only is never recorded without its session."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.training import services
from entrepairs.training.models import RoleRequirement, TrainingCompletion, TrainingModule


def test_it_refuses_a_recurrence_that_expires_before_it_is_due(world, module):
    """The module is valid 12 months: renewed every two years, it would lapse a year early."""
    with pytest.raises(ValidationError) as refused:
        services.requirement_add(
            module=module, role="tutor", recurrence_months=24, by=world.coordinator
        )
    said = refused.value.message_dict["recurrence_months"][0]
    assert "would expire before it is due" in said and "Child-protection system" in said
    assert not RoleRequirement.objects.filter(module=module, role="tutor").exists()


def test_it_refuses_shortening_a_validity_under_a_requirement_s_recurrence(world, module):
    services.requirement_add(
        module=module, role="coordinator", recurrence_months=12, by=world.coordinator
    )
    module.validity_months = 6
    with pytest.raises(ValidationError) as refused:
        services.module_save(module=module, by=world.coordinator)
    assert "validity_months" in refused.value.message_dict
    module.refresh_from_db()
    assert module.validity_months == 12


def test_it_renews_a_yearly_requirement_of_a_longer_module_every_year(world):
    module = services.module_save(
        module=TrainingModule(organisation=world.org_a, name="First aid", validity_months=36),
        by=world.coordinator,
    )
    services.requirement_add(
        module=module, role="coordinator", recurrence_months=12, by=world.coordinator
    )
    done = services.completion_record(
        person=world.coordinator, module=module, completed_on=date(2026, 3, 31), by=SYSTEM
    )
    assert done.expires_on == date(2027, 3, 31)


def test_it_refuses_a_completion_without_a_session_when_the_module_is_given_at_sessions(world):
    module = services.module_save(
        module=TrainingModule(
            organisation=world.org_a, name="Tutors' first training", requires_session=True
        ),
        by=world.coordinator,
    )
    with pytest.raises(ValidationError) as refused:
        services.completion_record(
            person=world.professional,
            module=module,
            completed_on=timezone.localdate(),
            by=world.coordinator,
        )
    assert "is completed at a session" in refused.value.message_dict["session"][0]
    assert not TrainingCompletion.objects.exists()

    day = timezone.localdate() - timedelta(days=1)
    session = services.session_schedule(
        module=module, held_on=day, by=world.coordinator, already_held=True
    )
    with pytest.raises(ValidationError) as wrong_day:
        services.completion_record(
            person=world.professional,
            module=module,
            completed_on=day - timedelta(days=1),
            by=world.coordinator,
            session=session,
        )
    assert "session" in wrong_day.value.message_dict
    done = services.completion_record(
        person=world.professional,
        module=module,
        completed_on=day,
        by=world.coordinator,
        session=session,
    )
    assert done.session == session


def test_it_answers_the_session_message_through_the_api(world, api_for):
    module = services.module_save(
        module=TrainingModule(organisation=world.org_a, name="At sessions", requires_session=True),
        by=world.coordinator,
    )
    response = api_for(world.coordinator).post(
        "/api/v1/training/completions/",
        {
            "person": str(world.professional.pk),
            "module": str(module.pk),
            "completed_on": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "is completed at a session" in response.json()["error"]["fields"]["session"][0]
    assert not TrainingCompletion.objects.exists()


def test_it_refuses_a_recurrence_through_the_api_with_the_same_message(world, module, api_for):
    response = api_for(world.coordinator).post(
        "/api/v1/training/requirements/",
        {"module": str(module.pk), "role": "tutor", "recurrence_months": 24},
        format="json",
    )
    assert response.status_code == 400
    said = response.json()["error"]["fields"]["recurrence_months"][0]
    assert "would expire before it is due" in said


def test_the_module_page_shows_the_renewal_that_applies(world, client_for):
    """Outside test of #16: the module said « every 36 months » while a yearly requirement made its
    completions expire after 12; the page shows the renewal completions follow, and why."""
    from django.urls import reverse

    module = services.module_save(
        module=TrainingModule(organisation=world.org_a, name="First aid", validity_months=36),
        by=world.coordinator,
    )
    services.requirement_add(
        module=module, role="coordinator", recurrence_months=12, by=world.coordinator
    )
    html = client_for(world.coordinator).get(reverse("training:module", args=[module.pk])).content
    page = html.decode()
    assert "renew every 12 months" in page
    assert "a requirement renews it sooner than its own validity of 36 months" in page
