"""Group pages and API lists keep a bounded number of SQL queries as sessions and members grow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entrepairs.core.tests import querycounts as qc
from entrepairs.people.models import Person

from .. import services
from ..models import GroupMember, Session


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
    "groups:dashboard",
    "groups-group-list",
    "groups-session-list",
    "groups-member-list",
    "groups-attendance-list",
}


def _visible(gw):  # type: ignore[no-untyped-def]
    from ..selectors import groups_visible_to

    return groups_visible_to(gw.w.facilitator.user)


def _counted(total):  # type: ignore[no-untyped-def]
    """The API's count is every row the facilitator sees today (`total(gw)`)."""
    return lambda gw, response, n: response.json()["count"] == total(gw)


def _named(gw, response, n: int) -> bool:  # type: ignore[no-untyped-def]
    """The newest member grown is on the page."""
    return f"Bulk{n - 1:04d}" in response.content.decode()


def _attendance(gw):  # type: ignore[no-untyped-def]
    from entrepairs.organisations.viewer import viewer_for

    from ..models import Attendance
    from ..rules import attendance_visible_q

    return Attendance.objects.filter(attendance_visible_q(viewer_for(gw.w.facilitator.user)))


# Each list, and how its answer is checked to be about today's rows.
LISTS = {
    "/groups/": lambda gw, r, n: r.context["page"].paginator.count == _visible(gw).count(),
    "/groups/{group}/": _named,
    "/groups/sessions/{past}/attendance/": _named,
    # Every group the facilitator runs (unpaginated): the newest grown one is on it.
    "/groups/dashboard/": lambda gw, r, n: f"Bulk {n - 1:04d}" in r.content.decode(),
    "/api/v1/groups/": _counted(lambda gw: _visible(gw).count()),
    "/api/v1/groups/sessions/": _counted(
        lambda gw: Session.objects.filter(group__in=_visible(gw)).count()
    ),
    "/api/v1/groups/members/": _counted(
        lambda gw: (
            gw.group.members.model.objects.filter(group__in=_visible(gw))
            .exclude(status="left")
            .count()
        )
    ),
    "/api/v1/groups/attendance/": _counted(lambda gw: _attendance(gw).count()),
}


def _grow_to(gw, n: int) -> None:  # type: ignore[no-untyped-def]
    """n groups facilitated by the facilitator, and in the fixture's group n members, n sessions
    and n attendance marks at the past session. Bulk writes: no list cache in groups to
    invalidate (core.listcache watches people, teams, memberships and organisations only)."""
    from ..models import Attendance, Group

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


@pytest.mark.parametrize("cache_seconds", [0, 600], ids=["uncached", "cached"])
@pytest.mark.parametrize("url", LISTS)
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    accepted, client_for, settings, url, cache_seconds
) -> None:  # type: ignore[no-untyped-def]
    settings.LIST_CACHE_SECONDS = cache_seconds
    gw = accepted
    client = client_for(gw.w.facilitator)
    target = url.format(group=gw.group.pk, past=gw.past.pk)

    def check(response, n: int) -> None:  # type: ignore[no-untyped-def]
        assert LISTS[url](gw, response, n), (target, n)

    filling, reading = qc.measure(lambda: client.get(target), lambda n: _grow_to(gw, n), check)
    qc.assert_flat(target, filling, reading)
