"""Requirements per role: which modules someone must have completed to hold a role."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from entrepairs.core.services import SYSTEM
from entrepairs.training import selectors, services


def test_it_lists_what_a_role_still_requires(world, module):
    today = date(2026, 6, 1)
    assert selectors.missing_requirements(
        world.coordinator, "coordinator", world.org_a.pk, today
    ) == [module]
    assert selectors.missing_requirements(world.coordinator, "tutor", world.org_a.pk, today) == []
    services.completion_record(
        person=world.coordinator, module=module, completed_on=today - timedelta(days=30), by=SYSTEM
    )
    assert (
        selectors.missing_requirements(world.coordinator, "coordinator", world.org_a.pk, today)
        == []
    )


def test_it_asks_again_once_the_completion_expires(world, module):
    services.completion_record(
        person=world.coordinator, module=module, completed_on=date(2024, 1, 1), by=SYSTEM
    )
    later = date(2025, 1, 2)  # valid 12 months
    assert selectors.missing_requirements(
        world.coordinator, "coordinator", world.org_a.pk, later
    ) == [module]


def test_it_lets_only_the_organisation_s_coordinators_set_requirements(world, module):
    with pytest.raises(ValidationError, match="You do not manage this organisation."):
        services.requirement_add(module=module, role="tutor", by=world.coordinator_b)
    with pytest.raises(ValidationError, match="You do not manage this organisation."):
        services.requirement_add(module=module, role="tutor", by=world.professional)
    requirement = services.requirement_add(module=module, role="tutor", by=world.coordinator)
    assert sorted(module.requirements.values_list("role", flat=True)) == ["coordinator", "tutor"]
    with pytest.raises(ValidationError):
        services.requirement_remove(requirement=requirement, by=world.coordinator_b)
    services.requirement_remove(requirement=requirement, by=world.coordinator)
    assert list(module.requirements.values_list("role", flat=True)) == ["coordinator"]


def test_it_refuses_an_unknown_role(world, module):
    with pytest.raises(ValidationError, match="Unknown roles: wizard"):
        services.requirement_add(module=module, role="wizard", by=world.coordinator)


def test_it_replaces_the_roles_of_a_module_when_saved_with_them(world, module):
    services.module_save(module=module, staff_roles=["tutor", "facilitator"], by=world.coordinator)
    assert sorted(module.requirements.values_list("role", flat=True)) == ["facilitator", "tutor"]
