"""« Confirmez-le » stops asking once the pairing was answered (outside test of issue 15, point
2): a side that confirms has nothing left to do, the other still has until the pairing is
active; a declined pairing asks nobody; another pairing's notifications stay open (keyed by the
pairing, not by the kind or the link). Through the page and the API, as both call the service."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from entrepairs.coaching import services
from entrepairs.coaching.models import CoachPairing
from entrepairs.core.models import Notification

pytestmark = pytest.mark.django_db


def _asks(person: Any, pairing: CoachPairing) -> bool:
    row = Notification.objects.get(
        recipient=person.user, kind="coaching.proposed", about=f"coaching.coachpairing:{pairing.pk}"
    )
    return row.asks_to_act


def _two_pairings(world: Any) -> tuple[CoachPairing, CoachPairing]:
    offer = services.offer_save(
        by=world.professional, capacity=2, profession="tutor", languages=["fr"]
    )
    first = services.pairing_propose(
        request=services.coach_ask(by=world.colleague), offer=offer, by=world.coordinator
    )
    second = services.pairing_propose(
        request=services.coach_ask(by=world.manager), offer=offer, by=world.coordinator
    )
    return first, second


def test_confirmed_by_both_it_asks_nobody_and_the_other_pairing_stays_open(
    world: Any, client_for: Any, api_for: Any
) -> None:
    first, second = _two_pairings(world)
    # The coach confirms on the page: theirs is done, the new tutor still has to confirm.
    client_for(world.professional).post(reverse("coaching:confirm", args=[first.pk]))
    assert not _asks(world.professional, first)
    assert _asks(world.colleague, first)
    # The new tutor confirms through the API: the pairing is active, nobody is asked any more.
    answer = api_for(world.colleague).post(f"/api/v1/coaching/pairings/{first.pk}/confirm/")
    assert answer.status_code == 200, answer.content
    assert CoachPairing.objects.get(pk=first.pk).state == CoachPairing.State.ACTIVE
    assert not _asks(world.colleague, first)
    assert _asks(world.professional, second) and _asks(world.manager, second)


def test_declined_it_asks_nobody(world: Any, api_for: Any) -> None:
    first, second = _two_pairings(world)
    answer = api_for(world.manager).post(f"/api/v1/coaching/pairings/{second.pk}/decline/")
    assert answer.status_code == 200, answer.content
    assert not _asks(world.manager, second) and not _asks(world.professional, second)
    assert _asks(world.colleague, first)
