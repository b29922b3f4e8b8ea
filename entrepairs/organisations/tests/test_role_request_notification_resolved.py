"""A role request answered stops asking the person and their coordinators to answer it (outside
test of issue 15, point 2), on the page as through the service; another request stays open."""

from typing import Any

import pytest
from django.urls import reverse

from entrepairs.core.models import Notification
from entrepairs.organisations import services
from entrepairs.organisations.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db


def _asking(request: Any) -> list[Notification]:
    rows = Notification.objects.filter(
        kind="organisations.role_proposed", about=f"organisations.rolerequest:{request.pk}"
    )
    assert rows.exists()
    return [n for n in rows if n.asks_to_act]


def test_an_answered_role_request_asks_no_more(world: Any, client_for: Any) -> None:
    org_c = Organisation.objects.create(name="Maison Est", slug="maison-est")
    Membership.objects.create(person=world.coordinator_b, organisation=org_c, role=Role.COORDINATOR)
    asked = services.role_request_create(
        organisation=org_c,
        role=Role.FACILITATOR,
        email=world.colleague.email,
        requested_by=world.coordinator_b.user,
    )
    other = services.role_request_create(
        organisation=org_c,
        role=Role.FACILITATOR,
        email=world.professional.email,
        requested_by=world.coordinator_b.user,
    )
    assert _asking(asked) and _asking(other)
    client_for(world.colleague).post(reverse("organisations:role_request_accept", args=[asked.pk]))
    assert not _asking(asked)
    assert _asking(other)
    services.role_request_withdraw(request=other, by=world.coordinator_b.user)
    assert not _asking(other)
