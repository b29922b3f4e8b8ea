"""Plan the year: 6 to 24 sessions from a recurrence, holidays and closures skipped, no overlap."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from .. import services
from ..models import Closure, Session
from ..recurrence import Recurrence, occurrences
from .builders import ordinary_day


def _next_year_start() -> date:
    return date(timezone.localdate().year + 1, 1, 1)


def test_it_plans_every_third_tuesday_and_skips_holidays_and_closures(gw) -> None:
    start = _next_year_start()
    Closure.objects.create(
        organisation=gw.w.org_a,
        starts_on=date(start.year, 8, 1),
        ends_on=date(start.year, 8, 31),
        label="Été",
    )
    rule = Recurrence(start=start, weekday=1, nth=3)
    sessions = services.plan_year(group=gw.group, recurrence=rule, site=gw.site, room="Salle B")
    days = [timezone.localtime(s.starts_at).date() for s in sessions]
    assert all(d.weekday() == 1 and 15 <= d.day <= 21 for d in days)
    assert not any(d.month == 8 for d in days)
    assert 6 <= len(days) <= 12
    assert timezone.localtime(sessions[0].starts_at).time() == time(14, 0)
    assert sessions[0].duration == timedelta(minutes=210)
    assert not any(s.is_founding for s in sessions)  # the group already has its founding session


def test_it_skips_french_public_holidays() -> None:
    # 14 July 2026 is a Tuesday (and the second Tuesday of July).
    rule = Recurrence(
        start=date(2026, 7, 1), until=date(2026, 7, 31), weekday=1, frequency="weekly"
    )
    kept, skipped = occurrences(rule)
    assert date(2026, 7, 14) not in kept
    assert skipped[0][0] == date(2026, 7, 14)


def test_it_refuses_a_recurrence_over_24_sessions_a_year(gw) -> None:
    rule = Recurrence(start=_next_year_start(), weekday=3, frequency="weekly", interval_weeks=1)
    before = Session.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.plan_year(group=gw.group, recurrence=rule, site=gw.site, room="B")
    assert "6" in exc.value.messages[0] and "24" in exc.value.messages[0]
    assert Session.objects.count() == before


def test_a_short_recurrence_is_planned_the_year_being_what_counts(gw) -> None:
    """5 sessions: planned; the year's shortfall is a warning (selectors.short_year_warnings)."""
    rule = Recurrence(start=_next_year_start(), weekday=3, frequency="weekly", interval_weeks=12)
    assert len(services.plan_year(group=gw.group, recurrence=rule, site=gw.site, room="B")) == 5


def test_it_refuses_a_session_in_the_past(gw) -> None:
    rule = Recurrence(start=timezone.localdate() - timedelta(days=30), weekday=1, nth=3)
    with pytest.raises(ValidationError):
        services.plan_year(group=gw.group, recurrence=rule, site=gw.site, room="B")


def test_it_refuses_overlapping_sessions_for_the_same_facilitator_and_writes_nothing(gw) -> None:
    rule = Recurrence(start=_next_year_start(), weekday=1, nth=3)
    services.plan_year(group=gw.group, recurrence=rule, site=gw.site, room="Salle B")
    other = services.group_create(
        organisation=gw.w.org_a,
        name="APP 2",
        kind="practice_analysis",
        facilitators=[gw.w.facilitator],
        created_by=gw.w.coordinator,
    )
    with pytest.raises(ValidationError) as exc:
        services.plan_year(group=other, recurrence=rule, offsite_address="3 place Rihour, Lille")
    assert "facilitator" in exc.value.messages[0]
    assert not other.sessions.exists()


def test_it_refuses_overlapping_sessions_in_the_same_room(gw) -> None:
    rule = Recurrence(start=_next_year_start(), weekday=1, nth=3)
    services.plan_year(group=gw.group, recurrence=rule, site=gw.site, room="Salle B")
    with pytest.raises(ValidationError) as exc:
        services.plan_year(group=gw.other_group, recurrence=rule, site=gw.site, room="salle b")
    assert "room" in exc.value.messages[0]


def test_it_marks_the_first_session_of_a_new_group_as_founding(gw) -> None:
    sessions = services.plan_year(
        group=gw.other_group,
        recurrence=Recurrence(start=_next_year_start(), weekday=4, nth=1),
        offsite_address="Maison des associations",
    )
    assert [s.is_founding for s in sessions[:2]] == [True, False]


def test_it_moves_a_session_and_tells_members(gw, django_capture_on_commit_callbacks) -> None:
    from entrepairs.core.models import Notification

    new_start = ordinary_day(gw.group, gw.future.starts_at + timedelta(days=2))
    services.session_move(
        session=gw.future,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=3),
        site=gw.site,
        room="Salle calme",
    )
    gw.future.refresh_from_db()
    assert gw.future.moved_from is not None
    assert Notification.objects.filter(
        recipient=gw.w.professional.user, subject__icontains="moved"
    ).exists()


def test_it_refuses_moving_a_session_into_the_past(gw) -> None:
    past = timezone.now() - timedelta(days=1)
    with pytest.raises(ValidationError):
        services.session_move(
            session=gw.future, starts_at=past, ends_at=past + timedelta(hours=3), site=gw.site
        )


def test_it_cancels_a_session_in_the_page(gw, client_for) -> None:
    # Issue 13 §7 changed this on purpose: the button opens a confirmation asking for a reason.
    client = client_for(gw.w.facilitator)
    url = f"/groups/sessions/{gw.future.pk}/cancel/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200  # no reason: the form again
    gw.future.refresh_from_db()
    assert gw.future.status == "planned"
    assert client.post(url, {"reason": "Animatrice malade"}).status_code == 302
    gw.future.refresh_from_db()
    assert (gw.future.status, gw.future.cancel_reason) == ("cancelled", "Animatrice malade")


def test_it_plans_through_the_page_with_a_preview(gw, client_for) -> None:
    client = client_for(gw.w.facilitator)
    start = _next_year_start()
    data = {
        "start": start.isoformat(),
        "frequency": "monthly",
        "nth": "3",
        "weekday": "1",
        "interval_weeks": "1",
        "start_time": "14:00",
        "duration_minutes": "210",
        "site": gw.site.pk,
        "room": "Salle B",
    }
    preview = client.post(f"/groups/{gw.group.pk}/plan/", {**data, "preview": "1"})
    assert preview.status_code == 200 and "preview-dates" in preview.content.decode()
    assert not gw.group.sessions.filter(starts_at__year=start.year).exists()
    done = client.post(f"/groups/{gw.group.pk}/plan/", {**data, "confirm": "1"})
    assert done.status_code == 302
    assert gw.group.sessions.filter(starts_at__year=start.year).count() >= 6


def test_it_plans_through_the_api_and_reports_errors_in_one_body(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    start = _next_year_start()
    body = {
        "start": start.isoformat(),
        "weekday": 1,
        "nth": 3,
        "site": str(gw.site.pk),
        "room": "B",
    }
    dry = api.post(f"/api/v1/groups/{gw.group.pk}/plan/", {**body, "dry_run": True}, format="json")
    assert dry.status_code == 200 and len(dry.json()["dates"]) >= 6
    ok = api.post(f"/api/v1/groups/{gw.group.pk}/plan/", body, format="json")
    assert ok.status_code == 201
    bad = api.post(
        f"/api/v1/groups/{gw.group.pk}/plan/",
        {
            **body,
            "frequency": "weekly",
            "interval_weeks": 1,
            "start": date(start.year + 1, 1, 1).isoformat(),
        },
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid"


def test_it_refuses_planning_by_a_member(gw, api_for) -> None:
    api = api_for(gw.w.professional)
    body = {"start": _next_year_start().isoformat(), "weekday": 1, "offsite_address": "x"}
    assert api.post(f"/api/v1/groups/{gw.group.pk}/plan/", body, format="json").status_code == 403
