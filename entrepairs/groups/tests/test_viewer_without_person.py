"""An account without a person record is nobody in the groups rules: not the line manager of
every member without one, not a facilitator of every group without facilitators (issue 10)."""

import pytest

from entrepairs.accounts.models import User
from entrepairs.core.permissions import check
from entrepairs.organisations.viewer import viewer_for

from ..models import Attendance
from ..rules import attendance_visible_q

pytestmark = pytest.mark.django_db


def test_it_shows_no_attendance_or_certificate_to_an_account_without_a_person(gw):
    bob = next(m for m in gw.members if m.person.first_name == "Bob")
    assert bob.person.line_manager_id is None
    row = Attendance.objects.create(session=gw.past, member=bob, status="present")
    lonely = User.objects.create_user("lonely@nowhere.test", gw.w.password)
    assert not Attendance.objects.filter(attendance_visible_q(viewer_for(lonely))).exists()
    assert not check(lonely, "groups.view_attendance", row)
    assert not check(lonely, "groups.view_certificate", bob)
    # Positive control: Bob sees his own attendance and certificate.
    assert Attendance.objects.filter(attendance_visible_q(viewer_for(bob.person.user))).exists()
    assert check(bob.person.user, "groups.view_attendance", row)
    assert check(bob.person.user, "groups.view_certificate", bob)
