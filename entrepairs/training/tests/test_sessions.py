"""Sessions: recording who attended a held session records each attendee's completion."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from entrepairs.training import services
from entrepairs.training.models import TrainingCompletion


def test_it_records_the_attendees_completions_on_the_session_day(world, module):
    session = services.session_schedule(
        module=module,
        held_on=date(2026, 3, 2),
        place="Lille",
        by=world.coordinator,
        already_held=True,
    )
    done = services.session_record_attendance(
        session=session, people=[world.coordinator, world.professional], by=world.coordinator
    )
    assert {c.person for c in done} == {world.coordinator, world.professional}
    assert {c.completed_on for c in done} == {date(2026, 3, 2)}
    assert {c.expires_on for c in done} == {date(2027, 3, 2)}
    # Recording the same attendee again changes nothing.
    services.session_record_attendance(
        session=session, people=[world.professional], by=world.coordinator
    )
    assert TrainingCompletion.objects.filter(session=session).count() == 2


def test_it_refuses_attendance_before_the_session_is_held(world, module):
    session = services.session_schedule(
        module=module, held_on=date(2999, 1, 1), by=world.coordinator
    )
    with pytest.raises(ValidationError, match="once the session is held"):
        services.session_record_attendance(
            session=session, people=[world.professional], by=world.coordinator
        )


def test_it_refuses_an_attendee_the_organisation_does_not_train(world, module):
    session = services.session_schedule(
        module=module, held_on=date(2026, 3, 2), by=world.coordinator, already_held=True
    )
    with pytest.raises(ValidationError, match="This module belongs to another organisation."):
        services.session_record_attendance(
            session=session, people=[world.worker_b], by=world.coordinator
        )
    assert not session.attendees.exists()


def test_it_lets_only_the_organisation_s_coordinators_plan_a_session(world, module):
    with pytest.raises(ValidationError, match="You do not manage this organisation."):
        services.session_schedule(module=module, held_on=date(2026, 3, 2), by=world.coordinator_b)


def test_it_trains_an_external_role_holder(world, module_b):
    """The facilitator's home is organisation A; organisation B, where they hold a role, trains
    them too."""
    completion = services.completion_record(
        person=world.facilitator,
        module=module_b,
        completed_on=date(2026, 1, 5),
        by=world.coordinator_b,
    )
    assert completion.person == world.facilitator
