from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.events import services
from entrepairs.events.models import Event, Kind
from entrepairs.networks import services as network_services
from entrepairs.networks.models import Level, Network


@pytest.fixture
def network(world: Any) -> Network:
    """A regional network founded by organisation A's coordinator (its organiser): organisation
    A's people are its members' organisation; organisation B is outside it."""
    return network_services.network_create(
        organisation=world.org_a,
        name="Réseau des tuteurs du Nord",
        level=Level.REGIONAL,
        description="Formations, rencontres et dîners entre tuteurs.",
        by=world.coordinator,
    )


@pytest.fixture
def make_event(world: Any, network: Network) -> Callable[..., Event]:
    def make(
        *,
        host: Any = None,
        capacity: int | None = 2,
        in_days: float = 7,
        hours: float = 3,
        kind: str = Kind.DINNER,
        title: str = "Dîner des tuteurs",
        **fields: Any,
    ) -> Event:
        host = host if host is not None else network
        starts = timezone.now() + timedelta(days=in_days)
        where = {"network": host} if isinstance(host, Network) else {"organisation": host}
        return services.event_create(
            by=SYSTEM,
            kind=kind,
            title=title,
            place=fields.pop("place", "Lille, brasserie du Nord"),
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            capacity=capacity,
            already_held=in_days < 0,
            **where,
            **fields,
        )

    return make


@pytest.fixture
def past(make_event: Callable[..., Event]) -> Event:
    """An event that ended yesterday (registration happens through the rows, as it was open)."""
    return make_event(in_days=-1, hours=2, kind=Kind.TRAINING, title="Formation des tuteurs")


@pytest.fixture(autouse=True)
def _english(english_messages: Any) -> None:
    """Assertions quote the English messages (French is tested by the translation checks)."""
