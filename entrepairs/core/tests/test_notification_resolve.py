"""core.notifications.resolve, the one home of "what it asked was done" (issue 15, point 2):
keyed by the record (`about`), for every recipient or one; an older notification without its
record is still resolved by its link; a notification done before its e-mail left sends none."""

from typing import Any

import pytest
from django.core import mail

from entrepairs.core.models import Notification
from entrepairs.core.notifications import notification_kind, notify, resolve
from entrepairs.core.tasks import send_notification_email

pytestmark = pytest.mark.django_db

TO_ANSWER = notification_kind("tests.to_answer", "À traiter", actionable=True)


def _ask(world: Any, recipient: Any, about: Any) -> Notification:
    return notify(
        recipient=recipient.user,
        kind=TO_ANSWER,
        subject="Une demande",
        body="Répondez-y.",
        link="/notifications/",
        organisation=world.org_a,
        about=about,
    )


def test_it_resolves_by_record_for_everyone_or_one_reader(world: Any) -> None:
    mine = _ask(world, world.coordinator, world.professional)
    theirs = _ask(world, world.manager, world.professional)
    other = _ask(world, world.coordinator, world.colleague)  # same kind and link, another record
    assert resolve(kind=TO_ANSWER, about=world.professional, recipient=world.coordinator.user) == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert not mine.asks_to_act and theirs.asks_to_act  # the other reader still has to act
    assert resolve(kind=TO_ANSWER, about=world.professional) == 1
    for row in (mine, theirs, other):
        row.refresh_from_db()
    assert mine.done_at and theirs.done_at and other.done_at is None
    assert mine.read_at is None  # done is not read: the reader learns it was handled


def test_an_older_notification_is_resolved_by_its_link(world: Any) -> None:
    older = _ask(world, world.coordinator, world.professional)
    Notification.objects.filter(pk=older.pk).update(about="", link="/people/")
    assert resolve(kind=TO_ANSWER, about=world.colleague, link="/people/") == 1


def test_a_notification_done_before_its_e_mail_sends_none(world: Any) -> None:
    told = _ask(world, world.coordinator, world.professional)
    resolve(kind=TO_ANSWER, about=world.professional)
    assert send_notification_email.call(str(told.pk)) is False
    assert not mail.outbox
