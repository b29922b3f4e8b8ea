"""The demo step gives the Association Tutélaire du Nord its coaches, an active pair with a
meeting, a pair proposed by the engine and a flagged new tutor."""

import pytest


@pytest.mark.django_db
def test_it_builds_the_coaching_demo(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from entrepairs.coaching import demo_steps
    from entrepairs.coaching.models import CoachingMeeting, CoachOffer, CoachPairing, CoachRequest
    from entrepairs.demo import generator

    monkeypatch.setattr(generator, "_app_steps", lambda attribute: list(demo_steps.SMALL_STEPS))
    generator.load_small()
    assert CoachOffer.objects.count() == 3
    assert CoachPairing.objects.filter(state="active").count() == 1
    assert CoachPairing.objects.filter(state="proposed").count() == 1
    assert CoachingMeeting.objects.count() == 1
    assert CoachRequest.objects.filter(flagged_on__isnull=False).count() == 1
