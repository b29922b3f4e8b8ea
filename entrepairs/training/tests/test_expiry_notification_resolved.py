"""A training about to expire stops asking once renewed (outside test of issue 15, point 2): the
person's "enrol to a session" is done once they enrol; everyone's is done once a renewal is
recorded. Keyed by the completion: another person's alert stays open."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Membership, Role
from entrepairs.training import services
from entrepairs.training.notifications import send_expiry_alert

pytestmark = pytest.mark.django_db


def _asking(completion: Any) -> dict[Any, bool]:
    rows = Notification.objects.filter(
        kind="training.expiry", about=f"training.trainingcompletion:{completion.pk}"
    )
    assert rows.exists()
    return {n.recipient_id: n.asks_to_act for n in rows}


def test_enrolling_then_renewing_resolves_the_expiry_alerts(world: Any, module: Any) -> None:
    today = timezone.localdate()
    Membership.objects.create(
        person=world.professional, organisation=world.org_a, role=Role.COORDINATOR
    )
    mine = services.completion_record(
        person=world.coordinator, module=module, completed_on=today - timedelta(days=350), by=SYSTEM
    )
    theirs = services.completion_record(
        person=world.professional,
        module=module,
        completed_on=today - timedelta(days=350),
        by=SYSTEM,
    )
    send_expiry_alert(mine)
    send_expiry_alert(theirs)
    assert all(_asking(mine).values()) and all(_asking(theirs).values())

    session = services.session_schedule(
        module=module, held_on=today + timedelta(days=7), by=world.coordinator
    )
    services.session_enrol(session=session, person=world.coordinator, by=world.coordinator)
    asking = _asking(mine)
    assert asking[world.coordinator.user_id] is False  # enrolled: their own is done
    assert asking[world.professional.user_id] is True  # the renewal is still to record

    services.completion_record(
        person=world.coordinator, module=module, completed_on=today, by=SYSTEM
    )
    assert not any(_asking(mine).values())
    assert all(_asking(theirs).values())  # another person's training: still to renew
