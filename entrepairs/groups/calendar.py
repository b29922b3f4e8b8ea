"""iCalendar feeds: a member's sessions, or a line manager's staff sessions (dates and places only,
seed 004: managers free their staff's time)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from entrepairs.core.links import absolute_url

from .models import CalendarFeed, GroupMember, Session


def feed_sessions(feed: CalendarFeed) -> Any:
    person_id = feed.person_id
    if feed.scope == CalendarFeed.Scope.MANAGER:
        who = Q(
            group__members__person__line_manager_id=person_id,
            group__members__status=GroupMember.Status.ACTIVE,
        )
    else:
        who = Q(
            group__members__person_id=person_id, group__members__status=GroupMember.Status.ACTIVE
        ) | Q(group__facilitators=person_id)
    return (
        Session.objects.filter(who)
        .filter(starts_at__gte=timezone.now() - timedelta(days=60))
        .select_related("group", "site")
        .distinct()
        .order_by("starts_at")
    )


def render_feed(feed: CalendarFeed) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Entrepairs//groups//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Group sessions"))
    staff: dict[Any, list[str]] = {}
    if feed.scope == CalendarFeed.Scope.MANAGER:
        for group_id, first, last in GroupMember.objects.filter(
            person__line_manager_id=feed.person_id, status=GroupMember.Status.ACTIVE
        ).values_list("group_id", "person__first_name", "person__last_name"):
            staff.setdefault(group_id, []).append(f"{first} {last}")
    for session in feed_sessions(feed):
        event = Event()
        event.add("uid", f"{session.pk}@entrepairs")
        event.add("dtstamp", session.updated_at)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        summary = session.group.name
        if feed.scope == CalendarFeed.Scope.MANAGER:
            summary = f"{summary} — {', '.join(staff.get(session.group_id, []))}"
        event.add("summary", summary)
        event.add("location", session.place)
        event.add(
            "status", "CANCELLED" if session.status == Session.Status.CANCELLED else "CONFIRMED"
        )
        event.add("url", absolute_url(f"/groups/sessions/{session.pk}/"))
        cal.add_component(event)
    return cal.to_ical()
