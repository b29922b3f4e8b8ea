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


@pytest.mark.django_db
def test_it_builds_a_list_on_the_demo_network(monkeypatch) -> None:
    from entrepairs.demo import generator
    from entrepairs.mailing import demo_steps
    from entrepairs.mailing.models import ListMessage, MailingList
    from entrepairs.networks import demo_steps as network_steps

    steps = {
        "SMALL_STEPS": network_steps.SMALL_STEPS,
        "LATE_SMALL_STEPS": demo_steps.LATE_SMALL_STEPS,
    }
    monkeypatch.setattr(generator, "_app_steps", lambda attribute: list(steps.get(attribute, [])))
    generator.load_small()
    mailing_list = MailingList.objects.get()
    assert mailing_list.network.name == "Réseau des tuteurs des Hauts-de-France"
    subs = mailing_list.subscriptions.all()
    assert sum(s.is_active for s in subs) == 4
    assert sum(s.state == "waiting" for s in subs) == 1
    message = ListMessage.objects.get()
    assert (message.total, message.batches) == (4, 1)
