"""Reminders reach people without an account by e-mail (a short subject, no name), people with
one in the app; a kit provider without an account gets a signed link that ticks their one item,
once, before it expires, and shows nothing else of the journey (issue 14 point 5)."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse

from entrepairs.core.models import Notification
from entrepairs.onboarding import kit_links
from entrepairs.onboarding.models import KitCheck
from entrepairs.onboarding.reminders import send_due_notifications
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def fred(world):  # type: ignore[no-untyped-def]
    """Fred of facilities: no account, a known e-mail address."""
    return Person.objects.create(
        organisation=world.org_a, first_name="Fred", last_name="Facilities", email="fred@nord.test"
    )


@pytest.fixture
def keys(start, fred):  # type: ignore[no-untyped-def]
    """Nina starts in five days; her building keys are Fred's to provide."""
    journey = start(days=5).journey
    journey.kit_checks.filter(label="Building keys").update(provider=fred)
    return journey.kit_checks.get(label="Building keys")


def _link(django_capture_on_commit_callbacks) -> str:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        send_due_notifications()
    to_fred = [m for m in mail.outbox if m.to == ["fred@nord.test"]]
    assert len(to_fred) == 1
    found = re.search(r"/onboarding/kit/link/\S+/", str(to_fred[0].body))
    assert found, to_fred[0].body
    return found.group(0)


def test_it_emails_a_provider_without_an_account_a_short_message_without_names(
    world, onb, keys, django_capture_on_commit_callbacks
):
    _link(django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == ["fred@nord.test"])
    assert message.subject == "[Entrepairs] Welcome kit: an item to prepare"
    text = message.subject + message.body
    for name in ("Nina", "Nouvelle", "Paula", "Colin", "Association"):
        assert name not in text
    assert "Building keys" in message.body
    # The provider with an account (Colin, IT) is told in the app instead, once.
    assert Notification.objects.filter(
        recipient=world.colleague.user, subject__startswith="Welcome kit"
    ).exists()
    assert send_due_notifications().kit == 0


def test_the_signed_link_shows_one_item_and_ticks_it_once(
    world, onb, keys, client, django_capture_on_commit_callbacks
):
    url = _link(django_capture_on_commit_callbacks)
    shown = client.get(url)
    assert shown.status_code == 200
    assert "Building keys" in shown.text
    for other in ("Nina", "Laptop", "Paula", "Order the contract"):
        assert other not in shown.text  # nothing else of the journey
    assert 'name="csrfmiddlewaretoken"' in shown.text
    done = client.post(url)
    assert done.status_code == 200 and "marked ready" in done.text
    keys.refresh_from_db()
    assert keys.is_ready
    assert keys.journey.kit_checks.get(label="Laptop").ready_at is None  # only its item
    again = client.post(url)
    assert again.status_code == 410 and "already been used" in again.text
    # Reopened by the coordinator, the old link stays spent.
    KitCheck.objects.filter(pk=keys.pk).update(ready_at=None)
    assert client.post(url).status_code == 410


def test_the_signed_link_needs_a_csrf_token(keys, django_capture_on_commit_callbacks):
    from django.test import Client

    url = _link(django_capture_on_commit_callbacks)
    assert Client(enforce_csrf_checks=True).post(url).status_code == 403
    keys.refresh_from_db()
    assert not keys.is_ready


def test_an_expired_link_is_refused(keys, client, monkeypatch, django_capture_on_commit_callbacks):
    url = _link(django_capture_on_commit_callbacks)
    monkeypatch.setattr(kit_links, "MAX_AGE", datetime.timedelta(seconds=-1))
    answer = client.post(url)
    assert answer.status_code == 410 and "expired" in answer.text
    keys.refresh_from_db()
    assert not keys.is_ready


def test_a_tampered_link_is_not_found_and_cannot_name_another_item(
    keys, client, django_capture_on_commit_callbacks
):
    url = _link(django_capture_on_commit_callbacks)
    token = url.rstrip("/").rsplit("/", 1)[1]
    laptop = keys.journey.kit_checks.get(label="Laptop")
    payload = signing.loads(token, salt=kit_links.SALT)
    # The same signature over another item's payload, and a payload signed with another key.
    forged_payload = signing.dumps({**payload, "k": str(laptop.pk)}, salt=kit_links.SALT)
    other_item = token.split(":", 1)[0][:-2] + "xx:" + token.split(":", 1)[1]
    wrong_key = signing.dumps({**payload, "k": str(laptop.pk)}, salt="another salt")
    mixed = forged_payload.split(":", 1)[0] + ":" + token.split(":", 1)[1]
    for bad in (other_item, wrong_key, mixed, token[:-3] + "abc"):
        answer = client.post(reverse("onboarding:kit_link", args=[bad]))
        assert answer.status_code == 404, bad
    assert KitCheck.objects.filter(ready_at__isnull=False).count() == 0


def test_a_link_of_a_provider_who_no_longer_provides_the_item_is_refused(
    world, keys, client, django_capture_on_commit_callbacks
):
    url = _link(django_capture_on_commit_callbacks)
    KitCheck.objects.filter(pk=keys.pk).update(provider=world.colleague)
    assert client.post(url).status_code == 404
    keys.refresh_from_db()
    assert not keys.is_ready


def test_task_owners_and_coordinators_without_an_account_are_emailed(
    world, onb, start, fred, django_capture_on_commit_callbacks
):
    """An IT task owned by someone without an account, and an escalation to a coordinator with
    none: e-mails with titles and dates, no names; the command runs the same code."""
    from django.utils import timezone

    journey = start(days=-11).journey
    cora = Person.objects.create(
        organisation=world.org_a, first_name="Cora", last_name="Coord", email="cora@nord.test"
    )
    journey.tasks.filter(owner_role="it").update(owner=fred, due_date=timezone.localdate())
    type(journey).objects.filter(pk=journey.pk).update(coordinator=cora)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("onboarding_remind", stdout=__import__("io").StringIO())
    to_fred = [m for m in mail.outbox if m.to == ["fred@nord.test"]]
    assert len(to_fred) == 1
    assert "Prepare the computer and accounts" in to_fred[0].body
    to_cora = [m for m in mail.outbox if m.to == ["cora@nord.test"]]
    assert len(to_cora) == 1 and "overdue" in to_cora[0].subject
    assert "Order the contract" in to_cora[0].body
    for message in (*to_fred, *to_cora):
        assert "Nina" not in f"{message.subject} {message.body}"
