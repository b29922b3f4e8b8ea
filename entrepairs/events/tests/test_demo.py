"""The demo step gives the regional network its events: a full dinner with a waiting list, the
first training of new tutors, a webinar and a past meeting with feedback."""

import pytest


@pytest.mark.django_db
def test_it_builds_the_events_demo(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from entrepairs.demo import generator
    from entrepairs.events import demo_steps
    from entrepairs.events.models import Event, Feedback, Registration
    from entrepairs.networks import demo_steps as network_steps

    steps = [*network_steps.SMALL_STEPS, *demo_steps.SMALL_STEPS]
    monkeypatch.setattr(generator, "_app_steps", lambda attribute: list(steps))
    generator.load_small()
    dinner = Event.objects.get(kind="dinner")
    assert dinner.network is not None
    statuses = sorted(Registration.objects.filter(event=dinner).values_list("status", flat=True))
    assert statuses == ["registered", "registered", "waiting"]
    assert Event.objects.filter(kind="training").exists()
    assert Feedback.objects.count() == 2
