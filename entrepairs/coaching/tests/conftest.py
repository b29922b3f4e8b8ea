from typing import Any

import pytest

from entrepairs.coaching import services
from entrepairs.coaching.models import CoachOffer, CoachPairing, CoachRequest


@pytest.fixture(autouse=True)
def _english(english_messages: Any) -> None:
    """Assertions quote the English messages (French is tested by the translation checks)."""


@pytest.fixture
def offer(world: Any) -> CoachOffer:
    """Paula (4 years a tutor) offers to coach one new tutor."""
    return services.offer_save(
        by=world.professional, capacity=1, profession="tutor", languages=["fr"]
    )


@pytest.fixture
def asked(world: Any) -> CoachRequest:
    """Colin, a new tutor, asks for a coach."""
    return services.coach_ask(by=world.colleague)


@pytest.fixture
def pairing(world: Any, offer: CoachOffer, asked: CoachRequest) -> CoachPairing:
    return services.pairing_propose(request=asked, offer=offer, by=world.coordinator)


@pytest.fixture
def active(world: Any, pairing: CoachPairing) -> CoachPairing:
    services.pairing_confirm(pairing=pairing, by=world.professional)
    return services.pairing_confirm(pairing=pairing, by=world.colleague)
