"""The demo step gives the coordinator's organisation a training catalogue with recurring
requirements (issue 16, demo data), built through the services."""

import pytest


@pytest.mark.django_db
def test_it_builds_a_catalogue_with_recurring_requirements(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from entrepairs.demo import generator
    from entrepairs.training import demo_steps
    from entrepairs.training.models import (
        RoleRequirement,
        TrainingCompletion,
        TrainingEnrolment,
        TrainingModule,
    )

    monkeypatch.setattr(generator, "_app_steps", lambda attribute: [])
    monkeypatch.setattr(generator, "_late_app_steps", lambda: list(demo_steps.LATE_SMALL_STEPS))
    generator.load_small()
    assert TrainingModule.objects.exclude(partner="").count() == 2
    renewals = set(RoleRequirement.objects.values_list("recurrence_months", flat=True))
    assert renewals == {None, 12, 24}
    assert TrainingCompletion.objects.filter(session__isnull=False).exists()
    assert TrainingEnrolment.objects.count() == 1
