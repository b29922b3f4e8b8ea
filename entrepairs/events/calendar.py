"""Calendars of events: a one-event invitation (.ics) and a person's feed of their events.

The feed's secret address is the person's calendar address of the groups module
(`groups.services.calendar_feed_create`, stored hashed in `groups.CalendarFeed`): one secret per
person, made and revoked in one place; this module only renders what it shows."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as IcsEvent

from entrepairs.core.french import labelled
from entrepairs.core.links import absolute_url

from .models import Event

PRODID = "-//Entrepairs//events//FR"


def _component(event: Event) -> IcsEvent:
    item = IcsEvent()
    item.add("uid", f"event-{event.pk}@entrepairs")
    item.add("dtstamp", event.updated_at or timezone.now())
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", labelled(event.get_kind_display(), event.title))
    if event.place:
        item.add("location", event.place)
    link = absolute_url(reverse("events:detail", args=[event.pk]))
    item.add("url", link)
    description = link if not event.video_link else f"{event.video_link}\n{link}"
    item.add("description", description)
    return item


def invitation(event: Event) -> bytes:
    """One event, to add to one's calendar (RFC 5546 PUBLISH)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add_component(_component(event))
    return bytes(cal.to_ical())


def feed(events: Iterable[Event]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("My events"))
    for event in events:
        cal.add_component(_component(event))
    return bytes(cal.to_ical())
