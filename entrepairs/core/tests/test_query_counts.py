"""The notifications inbox (page and API) and the audit trail page run the same number of SQL
queries at 10, 100 and 1,000 rows, with the list cache off and on (core/tests/querycounts.py);
each answer is checked to count every row grown, so a stale answer cannot pass for a constant one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from entrepairs.core.tests import querycounts as qc

from ..models import Notification

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {"notifications:list", "notification-list", "audit:list"}


def _notifications(world: Any, new: range) -> None:
    """Notifications `new` to the coordinator."""
    Notification.objects.bulk_create(
        Notification(recipient=world.coordinator.user, subject=f"Sujet {i:05d}", link="/people/")
        for i in new
    )


def _entries(world: Any, new: range) -> None:
    """Audit entries `new` about organisation A's people, by its coordinator."""
    if new.start == 0:
        # The world's own entries (organisations, teams, memberships) are other kinds of
        # records, each a name lookup for the readable trail (one per kind, not per row): they
        # fill the first page at 10 rows and leave it at 100. Start with the grown rows alone
        # (a raw delete: the trail refuses deletions through the ORM's signals).
        LogEntry.objects.all()._raw_delete(LogEntry.objects.db)
    people = ContentType.objects.get(app_label="people", model="person")
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=people,
            object_pk=str(world.professional.pk),
            object_repr=f"Fiche {i:05d}",
            action=LogEntry.Action.UPDATE,
            changes={"first_name": ["a", "b"]},
            actor=world.coordinator.user,
            actor_email=world.coordinator.user.email,
            additional_data={"organisation": str(world.org_a.pk), "source": "web"},
        )
        for i in new
    )


def _inbox(world: Any) -> int:
    return Notification.objects.filter(recipient=world.coordinator.user).count()


def _trail(world: Any) -> int:
    return LogEntry.objects.filter(additional_data__organisation=str(world.org_a.pk)).count()


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    grow: Any  # (world, range) -> None
    total: Any  # world -> the rows the coordinator sees


LISTINGS = [
    Listing("notifications page", "/notifications/", _notifications, _inbox),
    Listing("notifications API", "/api/v1/notifications/", _notifications, _inbox),
    # A coordinator reads the entries about their organisation.
    Listing("audit trail page", "/audit/", _entries, _trail),
]

# Lists whose query count grows with the rows (none measured).
GROWS: dict[str, str] = {}


def _check_today(listing: Listing, response: Any, world: Any) -> None:
    total = listing.total(world)
    if listing.url.startswith("/api/"):
        shown = response.json()["count"]
    elif "inbox" in response.context:
        # The unread ones all on the first page, the read ones gathered by kind or paged.
        inbox = response.context["inbox"]
        shown = (
            inbox.unread_count
            + sum(g.count for g in inbox.read_groups)
            + response.context["page"].paginator.count
        )
    else:
        shown = response.context["page"].paginator.count
    assert shown == total, (listing.name, shown, total)


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [qc.param(x.name, x, GROWS) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    world: Any,
    client_for: Any,
    settings: Any,
    listing: Listing,
    cache_seconds: int,
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    # The API with the session too: the inbox is the user's, whatever the organisation, and a
    # token (always scoped to one organisation) lists none of it (core.notifications.inbox).
    client = client_for(world.coordinator)
    filling, reading = qc.measure(
        lambda: client.get(listing.url),
        qc.growing(lambda new: listing.grow(world, new)),
        lambda response, n: _check_today(listing, response, world),
    )
    qc.assert_flat(listing.name, filling, reading)
