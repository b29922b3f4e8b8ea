"""Personal iCalendar feeds for members and line managers, revocable."""

from icalendar import Calendar
from rest_framework.test import APIClient

from .. import services
from ..models import CalendarFeed


def _events(content: bytes) -> list:  # type: ignore[type-arg]
    return [c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT"]


def test_it_gives_a_member_a_feed_of_their_sessions(gw, client) -> None:
    _feed, secret = services.calendar_feed_create(person=gw.w.professional, scope="member")
    response = client.get(f"/groups/ics/{secret}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert len(events) == 2
    assert "Supervision Lille" in str(events[0]["summary"])


def test_it_gives_a_line_manager_the_sessions_of_their_staff_without_content(
    accepted, client
) -> None:
    _feed, secret = services.calendar_feed_create(person=accepted.w.manager, scope="manager")
    content = client.get(f"/groups/ics/{secret}.ics").content
    events = _events(content)
    assert len(events) == 2
    assert "Paula Pro" in str(events[0]["summary"])
    assert b"refuse la visite" not in content


def test_it_kills_a_revoked_or_replaced_feed(gw, client) -> None:
    feed, secret = services.calendar_feed_create(person=gw.w.professional, scope="member")
    _new, new_secret = services.calendar_feed_create(person=gw.w.professional, scope="member")
    assert client.get(f"/groups/ics/{secret}.ics").status_code == 404
    assert client.get(f"/groups/ics/{new_secret}.ics").status_code == 200
    services.calendar_feed_revoke(feed=_new)
    assert client.get(f"/groups/ics/{new_secret}.ics").status_code == 404
    assert client.get("/groups/ics/guess.ics").status_code == 404


def test_it_manages_feeds_in_the_page_and_the_api(gw, client_for, api_for) -> None:
    page = client_for(gw.w.manager).post("/groups/calendar/", {"scope": "manager"})
    assert "/groups/ics/" in page.content.decode()
    feed = CalendarFeed.objects.get(person=gw.w.manager)
    # A feed spans every organisation: a token (always scoped to one) may not make one, a
    # session may (issue 10, token scope).
    refused = api_for(gw.w.professional).post(
        "/api/v1/groups/calendar-feeds/", {"scope": "member"}, format="json"
    )
    assert refused.status_code == 403
    api = APIClient()
    api.force_login(gw.w.professional.user, backend="django.contrib.auth.backends.ModelBackend")
    created = api.post("/api/v1/groups/calendar-feeds/", {"scope": "member"}, format="json")
    assert created.status_code == 201 and "/groups/ics/" in created.json()["url"]
    assert api.delete(f"/api/v1/groups/calendar-feeds/{feed.pk}/").status_code == 404  # not theirs
    mine = created.json()["id"]
    assert api.delete(f"/api/v1/groups/calendar-feeds/{mine}/").status_code == 204
    assert CalendarFeed.objects.get(pk=mine).revoked_at is not None
