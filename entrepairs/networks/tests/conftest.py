from typing import Any

import pytest

from entrepairs.networks import services
from entrepairs.networks.models import Level, Network


@pytest.fixture
def network(world: Any) -> Network:
    """A regional network founded by organisation A's coordinator (its organiser); organisation
    B is outside it."""
    return services.network_create(
        organisation=world.org_a,
        name="Réseau des tuteurs du Nord",
        level=Level.REGIONAL,
        description="Formations, rencontres et dîners entre tuteurs.",
        by=world.coordinator,
    )


@pytest.fixture(autouse=True)
def _english(english_messages: Any) -> None:
    """Assertions quote the English messages (French is tested by the translation checks)."""
