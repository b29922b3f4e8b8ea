"""The command records a completion through the same service, and refuses what it refuses."""

import pytest
from django.core.management import CommandError, call_command


def test_it_records_a_completion_from_the_command_line(world, module):
    call_command(
        "record_training_completion",
        f"--person={world.professional.pk}",
        f"--module={module.pk}",
        "--on=2026-01-05",
        f"--by={world.coordinator.pk}",
    )
    assert module.completions.get().person == world.professional


def test_it_refuses_a_recorder_who_does_not_manage_the_organisation(world, module):
    with pytest.raises(CommandError, match="You do not manage this organisation."):
        call_command(
            "record_training_completion",
            f"--person={world.professional.pk}",
            f"--module={module.pk}",
            "--on=2026-01-05",
            f"--by={world.coordinator_b.pk}",
        )
    assert not module.completions.exists()
