"""The groups lists test_query_counts.py leaves out (the techniques, co-ownership requests,
calendar feeds, situations, session notes and a session's attendance APIs, the calendar file,
the co-ownership and calendar pages) run the same number of SQL
queries at 10, 100 and 1,000 rows, with the list cache off and on (core/tests/querycounts.py).
Each answer is checked to count every row grown. Situations are confidential: listing them writes
an audit entry per situation on the page, checked and counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.tests import querycounts as qc
from entrepairs.organisations.models import Organisation
from entrepairs.people.models import Person

from .. import services
from ..models import (
    Attendance,
    CalendarFeed,
    CoOwnershipRequest,
    GroupMember,
    Session,
    SessionNote,
    Situation,
    Technique,
)

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {
    "groups-technique-list",
    "groups-coownership-list",
    "groups-feed-list",
    "groups-situation-list",
    "groups-note-list",
    "groups-session-attendance",
    "groups:ics",
    "groups:co_ownership",
    "groups:calendar",
}
PAGE = django_settings.REST_FRAMEWORK["PAGE_SIZE"]


def _techniques(gw: Any, new: range) -> None:
    Technique.objects.bulk_create(
        Technique(organisation=gw.w.org_a, slug=f"technique-qc-{i}", name=f"Technique {i:05d}")
        for i in new
    )


def _co_ownership(gw: Any, new: range) -> None:
    """The group asks `new` other organisations to co-own it."""
    others = Organisation.objects.bulk_create(
        Organisation(name=f"Organisme {i:05d}", slug=f"organisme-qc-{i}") for i in new
    )
    CoOwnershipRequest.objects.bulk_create(
        CoOwnershipRequest(group=gw.group, organisation=o, requested_by=gw.w.coordinator)
        for o in others
    )


def _feeds(gw: Any, new: range) -> None:
    CalendarFeed.objects.bulk_create(
        CalendarFeed(person=gw.w.facilitator, scope="member", token_hash=f"qc{i:062d}") for i in new
    )


def _situations(gw: Any, new: range) -> None:
    Situation.objects.bulk_create(
        Situation(
            session=gw.past, author=gw.members[0], title=f"Titre {i}", episode="e", question="q"
        )
        for i in new
    )


def _notes(gw: Any, new: range) -> None:
    SessionNote.objects.bulk_create(
        SessionNote(session=gw.past, author=gw.w.facilitator, text=f"Note {i}") for i in new
    )


def _attendance(gw: Any, new: range) -> None:
    """`new` more members of the group, each present at the past session."""
    people = Person.objects.bulk_create(
        Person(organisation=gw.w.org_a, first_name=f"B{i}", last_name=f"Bulk{i:05d}") for i in new
    )
    members = GroupMember.objects.bulk_create(
        GroupMember(group=gw.group, person=p, status="active") for p in people
    )
    Attendance.objects.bulk_create(
        Attendance(session=gw.past, member=m, status="present") for m in members
    )


def _sessions(gw: Any, new: range) -> None:
    """`new` more sessions of the group, one a day from two months on."""
    base = timezone.now() + timedelta(days=60)
    Session.objects.bulk_create(
        Session(
            group=gw.group,
            number=100 + i,
            starts_at=base + timedelta(days=i),
            ends_at=base + timedelta(days=i, hours=3),
            room="Bulk",
        )
        for i in new
    )


def _feed_url(gw: Any) -> str:
    """The facilitator's calendar address (its secret is the credential: no sign-in)."""
    _, secret = services.calendar_feed_create(person=gw.w.facilitator, scope="member")
    return reverse("groups:ics", args=[secret])


@dataclass(frozen=True)
class Listing:
    name: str
    url: Any  # gw -> the URL
    grow: Any  # (gw, range) -> None
    total: Any  # gw -> the rows the list must count
    who: str = "facilitator"
    audited: bool = False  # one audit entry per row shown
    session: bool = False  # read with the session (pages; API lists a scoped token cannot read)
    shown: Any = None  # pages: response -> the rows shown


LISTINGS = [
    Listing(
        "techniques API",
        lambda gw: "/api/v1/groups/techniques/",
        _techniques,
        lambda gw: Technique.objects.count(),  # the shared catalogue and organisation A's
    ),
    # The coordinator of the group's organisation sees its requests.
    Listing(
        "co-ownership API",
        lambda gw: "/api/v1/groups/co-ownership/",
        _co_ownership,
        lambda gw: CoOwnershipRequest.objects.filter(group=gw.group).count(),
        who="coordinator",
    ),
    # The page shows the 200 newest requests, those to decide apart.
    Listing(
        "co-ownership page",
        lambda gw: "/groups/co-ownership/",
        _co_ownership,
        lambda gw: min(CoOwnershipRequest.objects.filter(group=gw.group).count(), 200),
        who="coordinator",
        session=True,
        shown=lambda r: len(r.context["to_decide"]) + len(r.context["others"]),
    ),
    Listing(
        "calendar page",
        lambda gw: "/groups/calendar/",
        _feeds,
        lambda gw: CalendarFeed.objects.filter(person=gw.w.facilitator).count(),
        session=True,
        shown=lambda r: len(r.context["feeds"]),
    ),
    Listing(
        "calendar feeds API",
        lambda gw: "/api/v1/groups/calendar-feeds/",
        _feeds,
        lambda gw: CalendarFeed.objects.filter(person=gw.w.facilitator).count(),
        session=True,  # a feed lists sessions of every organisation
    ),
    Listing(
        "situations API",
        lambda gw: "/api/v1/groups/situations/",
        _situations,
        lambda gw: Situation.objects.filter(session__group=gw.group).count(),
        audited=True,
    ),
    # The facilitator's calendar file: every session of the group from 60 days ago on.
    Listing(
        "calendar file",
        _feed_url,
        _sessions,
        lambda gw: Session.objects.filter(
            group=gw.group, starts_at__gte=timezone.now() - timedelta(days=60)
        ).count(),
        who="anyone",
    ),
    Listing(
        "notes API",
        lambda gw: "/api/v1/groups/notes/",
        _notes,
        lambda gw: SessionNote.objects.filter(session__group=gw.group).count(),
    ),
    Listing(
        "session attendance API",
        lambda gw: f"/api/v1/groups/sessions/{gw.past.pk}/attendance/",
        _attendance,
        lambda gw: Attendance.objects.filter(session=gw.past).count(),
    ),
]

# Lists whose query count grows with the rows (none measured).
GROWS: dict[str, str] = {}


def _check_today(listing: Listing, response: Any, gw: Any) -> None:
    if listing.shown is not None:
        shown = listing.shown(response)
    elif response["Content-Type"].startswith("text/calendar"):
        shown = response.content.count(b"BEGIN:VEVENT")
    else:
        body = response.json()
        shown = len(body) if isinstance(body, list) else body["count"]
    total = listing.total(gw)
    assert shown == total, (listing.name, shown, total)


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("listing", [qc.param(x.name, x, GROWS) for x in LISTINGS])
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    accepted: Any,
    client_for: Any,
    api_for: Any,
    settings: Any,
    listing: Listing,
    cache_seconds: int,
) -> None:
    settings.LIST_CACHE_SECONDS = cache_seconds
    gw = accepted
    who = gw.w.coordinator if listing.who == "coordinator" else gw.w.facilitator
    # A token speaks for one organisation: the group's.
    if listing.who == "anyone":
        client = Client()
    else:
        client = client_for(who) if listing.session else api_for(who, gw.w.org_a)
    url = listing.url(gw)
    filling, reading = qc.measure(
        lambda: client.get(url),
        qc.growing(lambda new: listing.grow(gw, new)),
        lambda response, n: _check_today(listing, response, gw),
        audited=(lambda n: min(listing.total(gw), PAGE)) if listing.audited else None,
    )
    qc.assert_flat(listing.name, filling, reading)
