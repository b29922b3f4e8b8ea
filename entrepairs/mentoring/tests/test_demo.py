"""The demo step builds the mentoring story on the small demo world."""

import pytest


@pytest.mark.django_db
def test_it_builds_the_mentoring_demo(monkeypatch) -> None:
    from entrepairs.demo import generator
    from entrepairs.mentoring import demo_steps
    from entrepairs.mentoring.models import Match, Mentor, Transfer, Youth

    # Only this module's step after the built-in ones: other modules' steps have their own tests.
    monkeypatch.setattr(generator, "_app_steps", lambda attribute: list(demo_steps.SMALL_STEPS))
    generator.load_small()
    assert Mentor.objects.count() >= 30
    assert set(Mentor.objects.values_list("status", flat=True)) >= {
        "applied",
        "screening",
        "training",
        "approved",
        "rejected",
        "withdrawn",
    }
    assert Youth.objects.count() == 42  # 40, and the two youths of the group across agencies
    assert Youth.objects.values("agency").distinct().count() == 2
    assert Match.objects.filter(status="active").exists()
    assert Match.objects.filter(status="ended_early").count() == 1
    assert Transfer.objects.count() == 1
    across = [
        m
        for m in Match.objects.filter(mode="group", status="active").prefetch_related("youths")
        if len({y.agency_id for y in m.youths.all()}) == 2
    ]
    assert across, "a group match across the two agencies"
    notes = across[0].progress_notes.all()
    assert notes.filter(youth__isnull=True, shared_with__isnull=False).count() == 1
