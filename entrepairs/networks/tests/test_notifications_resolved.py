"""A network invitation or request answered (or withdrawn) no longer asks anyone to answer it
(outside test of issue 15, point 2). They all link to the same page: each is keyed by the
invitation or request it is about, so another one of the same kind stays open."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from entrepairs.core.models import Notification
from entrepairs.networks import services

pytestmark = pytest.mark.django_db


def _asks(person: Any, kind: str, row: Any) -> bool:
    told = Notification.objects.get(
        recipient=person.user, kind=kind, about=f"{row._meta.label_lower}:{row.pk}"
    )
    return told.asks_to_act


def test_an_answered_invitation_asks_no_more_and_another_stays_open(
    world: Any, network: Any, client_for: Any
) -> None:
    link = services.organisation_invite(
        network=network, organisation=world.org_b, by=world.coordinator
    )
    row = services.member_invite(network=network, person=world.colleague, by=world.coordinator)
    assert _asks(world.coordinator_b, "networks.invitation", link)
    # The invited organisation's coordinator accepts on the page.
    client_for(world.coordinator_b).post(reverse("networks:link_action", args=[link.pk, "accept"]))
    assert not _asks(world.coordinator_b, "networks.invitation", link)
    assert _asks(world.colleague, "networks.invitation", row)  # same kind, same page: still open
    services.member_answer(member=row, accept=False, by=world.colleague)
    assert not _asks(world.colleague, "networks.invitation", row)


def test_a_withdrawn_request_asks_the_organisers_no_more(world: Any, network: Any) -> None:
    row = services.member_request(network=network, by=world.professional)
    told = Notification.objects.filter(
        kind="networks.request", about=f"networks.networkmember:{row.pk}"
    )
    assert told.exists() and all(n.asks_to_act for n in told)
    services.member_leave(member=row, by=world.professional)
    assert not any(n.asks_to_act for n in told.all())
