from typing import Any

import pytest

from entrepairs.core.services import SYSTEM
from entrepairs.training import services
from entrepairs.training.models import TrainingModule


@pytest.fixture
def module(world: Any) -> TrainingModule:
    """A staff module of organisation A, required of its coordinators, renewed every year."""
    return services.module_save(
        module=TrainingModule(
            organisation=world.org_a,
            name="Child-protection system",
            audience=TrainingModule.Audience.STAFF,
            validity_months=12,
        ),
        staff_roles=["coordinator"],
        by=SYSTEM,
    )


@pytest.fixture
def module_b(world: Any) -> TrainingModule:
    return services.module_save(
        module=TrainingModule(organisation=world.org_b, name="Module of B"), by=SYSTEM
    )


@pytest.fixture(autouse=True)
def _english(english_messages: Any) -> None:
    """Assertions quote the English messages (French is tested by the translation checks)."""
