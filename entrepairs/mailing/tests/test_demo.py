"""The demo step publishes an announcement with one subscriber."""

import pytest


@pytest.mark.django_db
def test_it_builds_the_mailing_demo(monkeypatch) -> None:
    from entrepairs.demo import generator
    from entrepairs.mailing import demo_steps
    from entrepairs.mailing.models import Announcement, Subscription

    monkeypatch.setattr(generator, "_app_steps", lambda attribute: list(demo_steps.SMALL_STEPS))
    generator.load_small()
    assert Announcement.objects.filter(published_at__isnull=False).count() == 1
    assert Subscription.objects.filter(unsubscribed_at__isnull=True).count() == 1
