"""The home page and its API run the same number of SQL queries at 10 and 100 rows (and 1,000 on
SQLite) for a person holding every role: each block reads its first rows and its count, whatever
the data size (core/tests/querycounts.py). The inbox's gathered kinds are counted here too."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.models import Notification
from entrepairs.core.tests import querycounts as qc
from entrepairs.groups.models import Group, GroupMember, Session
from entrepairs.organisations.models import Membership, Role
from entrepairs.organisations.viewer import forget_viewer
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db

QUERY_COUNTED = {"home-blocks", "notification-groups"}

ROLES = (Role.PROFESSIONAL, Role.FACILITATOR, Role.MANAGER, Role.CASE_WORKER, Role.NEWCOMER)


@pytest.fixture
def everyone(world: Any) -> Any:
    """The coordinator of organisation A, also member, facilitator, manager, case worker and
    newcomer: every section of the home page is drawn."""
    Membership.objects.bulk_create(
        Membership(person=world.coordinator, organisation=world.org_a, role=role) for role in ROLES
    )
    forget_viewer(world.coordinator.user)
    return world


def _grow(world: Any, new: range) -> None:
    """Per row: a group below its size that the coordinator facilitates and belongs to, with a
    session ahead and one past still to record; a report of the coordinator in that group; two
    unread notifications, one of a kind gathered in the inbox."""
    me = world.coordinator
    now = timezone.now()
    groups = Group.objects.bulk_create(
        Group(organisation=world.org_a, name=f"Groupe {i:05d}", kind="supervision") for i in new
    )
    Group.facilitators.through.objects.bulk_create(
        Group.facilitators.through(group_id=g.pk, person_id=me.pk) for g in groups
    )
    reports = Person.objects.bulk_create(
        Person(organisation=world.org_a, first_name=f"Agent{i:05d}", last_name="Suivi") for i in new
    )
    Person.objects.filter(pk__in=[p.pk for p in reports]).update(line_manager=me)
    GroupMember.objects.bulk_create(
        [GroupMember(group=g, person=me, status="active") for g in groups]
        + [
            GroupMember(group=g, person=p, status="active")
            for g, p in zip(groups, reports, strict=True)
        ]
    )
    Session.objects.bulk_create(
        Session(group=g, starts_at=now + delta, ends_at=now + delta + timedelta(hours=2))
        for g in groups
        for delta in (timedelta(days=7), -timedelta(days=7))
    )
    Notification.objects.bulk_create(
        Notification(recipient=me.user, subject=f"Sujet {i:05d}", link="/people/", kind=kind)
        for i in new
        for kind in ("mentoring.mentor_application", "")
    )


def _blocks(response: Any) -> dict[str, int]:
    if hasattr(response, "context") and response.context is not None:
        return {b.key: b.count for s in response.context["sections"] for b in s.blocks}
    body = response.json()
    return {b["key"]: b["count"] for s in body["sections"] for b in s["blocks"]}


def _check_home(response: Any, n: int) -> None:
    counts = _blocks(response)
    assert counts["coordinator.groups_below_size"] == n
    assert counts["facilitator.sessions_to_run"] == n
    assert counts["facilitator.attendance_to_record"] == n
    assert counts["member.next_sessions"] == n
    assert counts["manager.staff_attendance"] == n
    assert counts["everyone.notifications"] == 2 * n


def _check_groups(response: Any, n: int) -> None:
    (group,) = response.json()
    assert group["count"] == n


@pytest.mark.parametrize(
    "url,check",
    [
        pytest.param("/", _check_home, id="home page"),
        pytest.param("/api/v1/home/", _check_home, id="home API"),
        pytest.param("/api/v1/notifications/groups/", _check_groups, id="gathered kinds API"),
    ],
)
def test_it_runs_the_same_queries_at_10_100_and_1000_rows(
    everyone: Any, client_for: Any, url: str, check: Any
) -> None:
    client = client_for(everyone.coordinator)
    filling, reading = qc.measure(
        lambda: client.get(url), qc.growing(lambda new: _grow(everyone, new)), check
    )
    qc.assert_flat(url, filling, reading)


def test_the_inbox_page_with_gathered_kinds_runs_the_same_queries(
    everyone: Any, client_for: Any
) -> None:
    client = client_for(everyone.coordinator)

    def check(response: Any, n: int) -> None:
        inbox = response.context["inbox"]
        (group,) = inbox.unread_groups
        others = len(inbox.unread) + response.context["page"].paginator.count
        assert group.count == n and others == n

    filling, reading = qc.measure(
        lambda: client.get("/notifications/"), qc.growing(lambda new: _grow(everyone, new)), check
    )
    qc.assert_flat("inbox", filling, reading)
