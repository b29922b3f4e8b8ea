"""A job run twice (a retry, a second delivery, a worker that died after its work) has the effect
of one: each e-mail is sent once (core.jobs.once). The import's own tests are in
people/tests/test_import_runs.py; the reminders' in each app's tests (events, groups, onboarding,
training: each claims its row before sending)."""

from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult

from entrepairs.core.jobs.once import send_once, was_sent
from entrepairs.core.models import Notification
from entrepairs.core.notifications import notify
from entrepairs.core.tasks import send_notification_email
from entrepairs.core.tests.notifying import EXAMPLE, LINK

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_a_notification_email_run_twice_is_sent_once(world: Any, settings: Any, mailoutbox: Any):
    settings.TASKS = DUMMY
    notification = notify(
        kind=EXAMPLE,
        link=LINK,
        recipient=world.professional.user,
        subject="Séance demain",
        body="Salle 2",
        organisation=world.org_a,
    )
    assert send_notification_email.call(str(notification.pk)) is True
    # Even had emailed_at not been written (the worker died just after sending), no second mail.
    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
    assert send_notification_email.call(str(notification.pk)) is False
    assert len(mailoutbox) == 1


def test_a_checkin_link_job_run_twice_sends_each_address_once(mailoutbox: Any) -> None:
    from django.tasks import TaskContext

    from entrepairs.mentoring.tasks import send_checkin_link

    addresses = ["a@example.test", "b@example.test"]
    job = DBTaskResult.objects.get(
        pk=send_checkin_link.enqueue(addresses, "https://example.test/c/abc", 7).id
    )
    context: Any = TaskContext(task_result=job.task_result)
    send_checkin_link.call(context, addresses, "https://example.test/c/abc", 7)
    send_checkin_link.call(context, addresses, "https://example.test/c/abc", 7)  # a retry
    assert sorted(m.to[0] for m in mailoutbox) == addresses


def test_a_message_whose_sending_failed_is_sent_by_the_retry() -> None:
    with pytest.raises(ConnectionRefusedError), send_once("k") as due:
        assert due
        raise ConnectionRefusedError  # the mail server refused: nothing recorded
    assert not was_sent("k")
    with send_once("k") as due:
        assert due
    with send_once("k") as due:
        assert not due
    assert was_sent("k")
