"""Owners are reminded of tasks due, overdue tasks go to the coordinator, timed reminders go out:
each once, by e-mail and in the app, with no evaluation content."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from entrepairs.core.models import Notification
from entrepairs.onboarding.reminders import send_due_notifications
from entrepairs.onboarding.tasks import send_onboarding_reminders

pytestmark = pytest.mark.django_db


def test_it_reminds_owners_escalates_overdue_tasks_and_sends_timed_reminders(
    world, onb, start, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    journey = start(
        onb.nina, days=-11
    ).journey  # J+11: pre-arrival tasks overdue, J+10 reminder due
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_due_notifications()
    assert sent.escalated == journey.tasks.late().count() > 0
    assert sent.timed == 1
    escalation = Notification.objects.get(
        recipient=world.coordinator.user, subject__contains="overdue"
    )
    assert "Order the contract" in escalation.body
    timed = Notification.objects.get(
        recipient=world.professional.user, subject__contains="fire procedure"
    )
    assert timed.link.endswith(f"/onboarding/journeys/{journey.pk}/")
    it = Notification.objects.get(recipient=world.colleague.user, subject__contains="task")
    assert "Prepare the computer" in it.body
    assert any("[Entrepairs]" in m.subject for m in mail.outbox)
    again = send_due_notifications()
    assert (again.reminded, again.escalated, again.timed) == (0, 0, 0)


def test_it_reminds_a_task_owner_the_day_before_it_is_due(world, onb, start):
    journey = start(onb.nina, days=2).journey  # the IT task is due at J-1, i.e. tomorrow
    Notification.objects.all().delete()
    sent = send_due_notifications(on=timezone.localdate())
    assert sent.escalated == 1  # the unassigned HR task due at J-3 was due yesterday
    note = Notification.objects.get(recipient=world.colleague.user, subject__contains="task")
    assert "Prepare the computer and accounts" in note.body
    assert journey.tasks.get(title="Prepare the computer and accounts").reminded_at is not None


def test_it_runs_as_a_task_and_a_command(world, onb, start):
    start(onb.nina, days=-11)
    result = send_onboarding_reminders.call()
    assert result["escalated"] > 0
    call_command("onboarding_remind", stdout=__import__("io").StringIO())


def test_it_does_not_remind_about_closed_journeys(world, onb, start):
    journey = start(onb.nina, days=-11).journey
    journey.status = "closed"
    journey.closed_on = timezone.localdate() - datetime.timedelta(days=1)
    journey.save()
    sent = send_due_notifications()
    assert (sent.reminded, sent.escalated, sent.timed) == (0, 0, 0)
