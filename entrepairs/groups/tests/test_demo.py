"""The small demo world includes three groups with a year of sessions, half of them past."""

from django.utils import timezone


def test_it_builds_the_groups_demo_data(db) -> None:
    from entrepairs.demo.tests.replay import load_small

    from ..models import Attendance, AttendanceSignature, Group, Session, Situation

    load_small()
    groups = Group.objects.filter(organisation__slug="atn")
    assert set(groups.values_list("kind", flat=True)) == {
        "supervision",
        "practice_analysis",
        "peer_support",
    }
    for group in groups:
        sessions = Session.objects.filter(group=group)
        assert 6 <= sessions.count() <= 24
        assert sessions.filter(starts_at__lt=timezone.now()).exists()
        assert sessions.filter(starts_at__gt=timezone.now()).exists()
        assert group.status == "founded"
    assert Attendance.objects.count() > 50
    assert Situation.objects.count() >= 6
    # The last held session of the supervision group is signed, drawn and typed.
    signed = AttendanceSignature.objects.filter(attendance__session__group__kind="supervision")
    assert signed.exclude(drawing=b"").exists() and signed.exclude(typed_name="").exists()


def test_the_demo_shows_a_group_with_its_programme_year(db) -> None:
    """Issue 13: a session kept on a public holiday with its reason, one cancelled with its
    reason, numbers by date within each programme year, and a group with its own year."""
    from entrepairs.demo.tests.replay import load_small

    from ..models import Group
    from ..selectors import programme_years

    load_small()
    supervision = Group.objects.get(organisation__slug="atn", kind="supervision")
    assert supervision.sessions.exclude(holiday_reason="").exists()
    assert supervision.sessions.filter(status="cancelled").exclude(cancel_reason="").exists()
    years = programme_years(supervision)
    assert years and all(y["count"] <= 24 for y in years)
    first = supervision.sessions.exclude(status="cancelled").order_by("starts_at").first()
    assert first is not None and first.is_founding and first.number == 1
    assert Group.objects.get(kind="practice_analysis").programme_year_start_month == 1
