"""The national benchmark set holds groups in proportion, built with bulk_create yet within the
rules the services enforce (groups/demo_national.py)."""

import pytest
from django.db.models import Count
from django.utils import timezone

from entrepairs.demo import generator
from entrepairs.people.models import Person

from .. import hierarchy
from ..models import Attendance, Group, GroupMember, Session

pytestmark = pytest.mark.django_db


def test_the_national_set_holds_founded_groups_within_the_rules() -> None:
    world = generator.load_national(people=1200, organisations=12)
    groups = Group.objects.prefetch_related("facilitators", "members").annotate(
        n=Count("members", distinct=True)
    )
    associations = [o for o in world.state["rows"].organisations if o.kind == "association"]
    assert groups.count() >= len(associations)
    assert world.counts["groups"] == groups.count()
    # The benchmark coordinator's organisation (the largest) has several.
    assert groups.filter(organisation=world.organisations["largest"]).count() >= 2
    # The hierarchy is never in the group: the groups module's own check finds no breach.
    assert hierarchy.breaches(groups) == []
    for group in groups:
        assert 6 <= group.n <= 10
        assert group.status == Group.Status.FOUNDED and group.charter.version == 1
        facilitators = group.facilitator_ids()
        assert len(facilitators) == 1
        members = {m.person_id for m in group.members.all()}
        assert not facilitators & members
        assert set(
            Person.objects.filter(pk__in=members).values_list("organisation", flat=True)
        ) == {group.organisation_id}
        assert 6 <= group.sessions.count() <= 24
        assert group.sessions.filter(is_founding=True).count() == 1
    assert not Person.objects.filter(group_memberships__isnull=False, user__isnull=True, email="")
    assert not GroupMember.objects.filter(charter_accepted_at=None).exists()
    now = timezone.now()
    # Attendance only for sessions that started, which are held; every member has a mark.
    assert not Attendance.objects.filter(session__starts_at__gt=now).exists()
    held = Session.objects.filter(starts_at__lte=now)
    assert set(held.values_list("status", flat=True)) == {Session.Status.HELD}
    assert not Session.objects.filter(starts_at__gt=now).exclude(status="planned").exists()
    for session in held.annotate(marks=Count("attendance")).select_related("group")[:50]:
        assert session.marks == session.group.members.count()
    assert Session.objects.filter(starts_at__gt=now).exists()
