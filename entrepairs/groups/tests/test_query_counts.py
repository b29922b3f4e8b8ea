"""Group pages and API lists keep a bounded number of SQL queries as sessions and members grow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entrepairs.core.tests import querycounts as qc
from entrepairs.people.models import Person

from .. import services
from ..models import Session


def _grow(gw, members: int, sessions: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(members):
        person = Person.objects.create(
            organisation=gw.w.org_a, first_name=f"N{i}", last_name=f"Grow{i}", profession="nurse"
        )
        services.member_add(group=gw.group, person=person, by=gw.w.facilitator)
    base = timezone.now() + timedelta(days=60)
    Session.objects.bulk_create(
        Session(
            group=gw.group,
            number=10 + i,
            starts_at=base + timedelta(days=7 * i),
            ends_at=base + timedelta(days=7 * i, hours=3),
            room="R",
        )
        for i in range(sessions)
    )
    for i in range(3):
        services.group_create(
            organisation=gw.w.org_a,
            name=f"Extra {members}-{i}",
            kind="supervision",
            facilitators=[gw.w.facilitator],
            created_by=gw.w.coordinator,
        )


URLS = [
    "/groups/",
    "/groups/{group}/",
    "/groups/sessions/{past}/",
    "/groups/sessions/{past}/attendance/",
    "/groups/dashboard/",
    "/groups/staff/",
    "/api/v1/groups/",
    "/api/v1/groups/sessions/",
    "/api/v1/groups/members/",
    "/api/v1/groups/attendance/",
    "/api/v1/groups/situations/",
]


@pytest.mark.parametrize("url", URLS)
def test_it_keeps_queries_bounded_as_groups_grow(accepted, client_for, url) -> None:
    gw = accepted
    services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )
    client = client_for(gw.w.facilitator)
    target = url.format(group=gw.group.pk, past=gw.past.pk)
    small = qc.count(lambda: client.get(target))[0]
    _grow(gw, members=4, sessions=20)
    services.attendance_record(
        session=gw.past,
        marks={m.pk: "present" for m in gw.group.members.all()},
        by=gw.w.facilitator,
    )
    large = qc.count(lambda: client.get(target))[0]
    assert large <= small, (target, small, large)


QUERY_COUNTED = {
    "groups:list",
    "groups:detail",
    "groups:attendance",
    "groups-group-list",
    "groups-session-list",
    "groups-member-list",
    "groups-attendance-list",
}
LISTS = [
    "/groups/",
    "/groups/{group}/",
    "/groups/sessions/{past}/attendance/",
    "/api/v1/groups/",
    "/api/v1/groups/sessions/",
    "/api/v1/groups/members/",
    "/api/v1/groups/attendance/",
]


def _grow_to(gw, n: int) -> None:  # type: ignore[no-untyped-def]
    """n groups facilitated by the facilitator, and in the fixture's group n members, n sessions
    and n attendance marks at the past session. Bulk writes: no list cache in groups to
    invalidate (core.listcache watches people, teams, memberships and organisations only)."""
    from ..models import Attendance, Group, GroupMember

    w = gw.w
    have = Group.objects.filter(name__startswith="Bulk ").count()
    groups = Group.objects.bulk_create(
        Group(organisation=w.org_a, name=f"Bulk {i:04d}", kind="supervision")
        for i in range(have, n)
    )
    Group.facilitators.through.objects.bulk_create(
        Group.facilitators.through(group_id=g.pk, person_id=w.facilitator.pk) for g in groups
    )
    Group.organisations.through.objects.bulk_create(
        Group.organisations.through(group_id=g.pk, organisation_id=w.org_a.pk) for g in groups
    )
    have = Person.objects.filter(last_name__startswith="Bulk").count()
    people = Person.objects.bulk_create(
        Person(organisation=w.org_a, first_name=f"B{i}", last_name=f"Bulk{i:04d}")
        for i in range(have, n)
    )
    members = GroupMember.objects.bulk_create(
        GroupMember(group=gw.group, person=p, status="active") for p in people
    )
    Attendance.objects.bulk_create(
        Attendance(session=gw.past, member=m, status="present") for m in members
    )
    have = Session.objects.filter(room="Bulk").count()
    base = timezone.now() + timedelta(days=60)
    Session.objects.bulk_create(
        Session(
            group=gw.group,
            number=100 + i,
            starts_at=base + timedelta(days=i),
            ends_at=base + timedelta(days=i, hours=3),
            room="Bulk",
        )
        for i in range(have, n)
    )


@pytest.mark.parametrize("url", LISTS)
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(accepted, client_for, url) -> None:
    gw = accepted
    client = client_for(gw.w.facilitator)
    target = url.format(group=gw.group.pk, past=gw.past.pk)
    counts = []
    for n in qc.SIZES:
        _grow_to(gw, n)
        client.get(target)  # the token's first use, content types
        counts.append(qc.count(lambda: client.get(target))[0])
    assert counts == [counts[0]] * len(qc.SIZES), (target, counts)
