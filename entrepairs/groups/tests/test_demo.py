"""The small demo world includes three groups with a year of sessions, half of them past."""

from django.utils import timezone


def test_it_builds_the_groups_demo_data(db) -> None:
    from entrepairs.demo.generator import load_small

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
