"""Group notifications that ask to act stop asking once it is done (outside test of issue 15,
point 2): a co-ownership request answered, a changed charter accepted again (by each member for
their own), keyed by the record, not by the kind or the link."""

from typing import Any

import pytest
from django.urls import reverse

from entrepairs.core.models import Notification
from entrepairs.groups import services

pytestmark = pytest.mark.django_db


def _asks(person: Any, kind: str, record: Any) -> bool:
    told = Notification.objects.get(
        recipient=person.user, kind=kind, about=f"{record._meta.label_lower}:{record.pk}"
    )
    return told.asks_to_act


def test_an_answered_co_ownership_request_asks_no_more(gw: Any) -> None:
    request = gw.group.co_ownership_requests.get(organisation=gw.w.org_b)  # accepted (fixture)
    assert not _asks(gw.w.coordinator_b, "groups.co_ownership", request)


def test_each_member_accepting_the_changed_charter_is_done_alone(
    accepted: Any, client_for: Any
) -> None:
    services.charter_update(group=accepted.group, own_rules="Nouvelle règle")
    mine, theirs = accepted.members[0], accepted.members[1]
    assert _asks(mine.person, "groups.charter_changed", mine)
    client_for(mine.person).post(reverse("groups:charter_accept", args=[accepted.group.pk]))
    assert not _asks(mine.person, "groups.charter_changed", mine)
    assert _asks(theirs.person, "groups.charter_changed", theirs)
