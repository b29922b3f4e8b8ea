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
    assert Youth.objects.count() == 40
    assert Youth.objects.values("agency").distinct().count() == 2
    assert Match.objects.filter(status="active").exists()
    assert Match.objects.filter(status="ended_early").count() == 1
    assert Transfer.objects.count() == 1
