"""The reminder the day before (once per registration, however often the job runs), the
event's calendar invitation and the personal feed of one's events."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.models import Notification
from entrepairs.core.tests.notifying import worded
from entrepairs.events import services
from entrepairs.groups import services as group_services

pytestmark = pytest.mark.django_db


def test_it_reminds_the_registered_the_day_before_once(world: Any, make_event: Any) -> None:
    event = make_event(capacity=1, in_days=3)
    services.register(event=event, by=world.professional)
    services.register(event=event, by=world.colleague)  # waiting: not reminded
    day_before = event.starts_at - timedelta(days=1)
    assert services.reminders_send(now=day_before - timedelta(days=1)) == 0
    assert services.reminders_send(now=day_before) == 1
    assert services.reminders_send(now=day_before) == 0
    note = Notification.objects.get(kind="events.tomorrow")
    assert note.recipient == world.professional.user
    assert "Dîner des tuteurs" in note.subject and note.link == f"/events/{event.pk}/"
    texts = worded(note, "shown_body")  # in the reader's language, whatever the sender's
    assert texts["fr"].startswith("Rappel : « Dîner des tuteurs » a lieu demain, ")
    assert texts["en"].startswith("Reminder: Dîner des tuteurs is tomorrow, ")


def test_the_task_runs_the_service(world: Any, make_event: Any) -> None:
    from entrepairs.events.tasks import send_event_reminders

    assert send_event_reminders.call() == 0


def test_the_invitation_and_the_feed_carry_the_event(
    world: Any, make_event: Any, client_for: Any, client: Any
) -> None:
    event = make_event(video_link="https://visio.example.org/diner")
    services.register(event=event, by=world.professional)
    ics = client_for(world.professional).get(f"/events/{event.pk}/invitation.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert f"UID:event-{event.pk}@entrepairs" in ics.content.decode()
    assert (
        client_for(world.coordinator_b).get(f"/events/{event.pk}/invitation.ics").status_code == 404
    )
    page = client_for(world.professional).post("/events/calendar/")
    assert page.status_code == 200
    _feed, secret = group_services.calendar_feed_create(person=world.professional, scope="member")
    client.logout()
    feed = client.get(f"/events/ics/{secret}.ics")
    assert feed.status_code == 200 and "Dîner des tuteurs" in feed.content.decode()
    assert client.get("/events/ics/not-a-secret.ics").status_code == 404
    assert timezone.now() < event.starts_at
