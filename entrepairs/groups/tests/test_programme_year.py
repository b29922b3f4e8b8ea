"""A year that holds (issue 13 §3): the group's programme year, 6 to 24 sessions per group and
programme year across series and single sessions, public holidays and closure days only with a
reason, the founding session and the numbering by date."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from .. import planning, services
from ..models import Closure, GroupSettings, Session
from ..planning import programme_year_of
from ..recurrence import Recurrence
from .builders import ordinary_day


@pytest.fixture
def immediate_tasks(settings):  # type: ignore[no-untyped-def]
    """E-mails are sent by a task: run it at once (as core/tests/test_email_bodies.py does)."""
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    task_backends._settings = None  # type: ignore[attr-defined]  # reload from the setting
    yield
    task_backends._settings = None  # type: ignore[attr-defined]


def _at(day: date, hour: int = 14) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _next_year(group: Any) -> planning.ProgrammeYear:
    """The group's programme year after the current one: wholly in the future, whatever today."""
    current = planning.group_year_of(group, timezone.localdate())
    return planning.group_year_of(group, current.end + timedelta(days=1))


def _fill(group: Any, year: planning.ProgrammeYear, n: int, site: Any) -> list[Session]:
    """`n` sessions a week apart from the year's first Monday (test data, written directly)."""
    day = year.start + timedelta(days=(0 - year.start.weekday()) % 7)
    sessions = [
        Session(
            group=group,
            starts_at=_at(day + timedelta(weeks=k)),
            ends_at=_at(day + timedelta(weeks=k), 17),
            site=site,
            room="Salle calme",
        )
        for k in range(n)
    ]
    created = Session.objects.bulk_create(sessions)
    planning.renumber(group)
    return created


def _add(gw: Any, day: date, **extra: Any) -> Session:
    return services.session_add(
        group=gw.group,
        starts_at=_at(day, 9),
        ends_at=_at(day, 12),
        site=gw.site,
        room="Salle calme",
        **extra,
    )


# --- the programme year ----------------------------------------------------------------------------


def test_it_runs_a_programme_year_from_september_to_august_by_default() -> None:
    year = programme_year_of(date(2027, 3, 10))
    assert (year.start, year.end, year.label) == (date(2026, 9, 1), date(2027, 8, 31), "2026-2027")
    assert programme_year_of(date(2027, 9, 1)).label == "2027-2028"
    assert programme_year_of(date(2027, 3, 10), 1).label == "2027"
    assert programme_year_of(date(2027, 3, 10), 4).start == date(2026, 4, 1)


def test_the_group_follows_its_organisation_unless_it_has_its_own_year(gw) -> None:
    assert planning.year_start_month(gw.group) == 9
    GroupSettings.objects.update_or_create(
        organisation=gw.w.org_a, defaults={"programme_year_start_month": 1}
    )
    assert planning.year_start_month(gw.group) == 1
    services.group_set_programme_year(group=gw.group, start_month=6)
    gw.group.refresh_from_db()
    assert planning.year_start_month(gw.group) == 6
    services.group_set_programme_year(group=gw.group, start_month=None)
    gw.group.refresh_from_db()
    assert planning.year_start_month(gw.group) == 1


# --- 6 to 24 sessions a programme year ---------------------------------------------------------------


def test_a_25th_session_added_one_at_a_time_is_refused_naming_the_year(gw) -> None:
    year = _next_year(gw.group)
    _fill(gw.group, year, 24, gw.site)
    before = Session.objects.count()
    with pytest.raises(ValidationError) as exc:
        _add(gw, ordinary_day(gw.group, _at(year.end - timedelta(days=20))).date())
    assert exc.value.message_dict["starts_at"] == [
        f"The group's {year.label} year already holds 24 sessions: a group has 6 to 24 "
        "sessions a programme year."
    ]
    assert Session.objects.count() == before


def test_the_refusal_reads_in_french(gw) -> None:
    year = _next_year(gw.group)
    _fill(gw.group, year, 24, gw.site)
    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        _add(gw, ordinary_day(gw.group, _at(year.end - timedelta(days=20))).date())
    assert f"L’année {year.label} du groupe compte déjà 24 séances" in exc.value.messages[0]


def test_a_cancelled_session_does_not_count(gw) -> None:
    year = _next_year(gw.group)
    sessions = _fill(gw.group, year, 24, gw.site)
    services.session_cancel(session=sessions[3], reason="Salle indisponible")
    added = _add(gw, ordinary_day(gw.group, _at(year.end - timedelta(days=20))).date())
    assert added.number == 24


def test_a_series_counts_with_the_single_sessions_of_its_year(gw) -> None:
    year = _next_year(gw.group)
    _fill(gw.group, year, 20, gw.site)
    rule = Recurrence(start=year.start, until=year.end, weekday=3, nth=2)
    before = Session.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.plan_year(group=gw.group, recurrence=rule, site=gw.site, room="Salle B")
    assert f"the group's {year.label} year would hold" in exc.value.messages[0]
    assert Session.objects.count() == before


def test_a_series_that_leaves_a_whole_year_under_6_is_planned_and_the_year_warned(gw) -> None:
    """The year, not the series, holds 6 to 24: a short year is shown, not refused (outside
    test: three sessions next to three single ones were refused)."""
    from .. import selectors

    year = _next_year(gw.group)
    rule = Recurrence(
        start=year.start,
        until=year.start.replace(year=year.start.year + 2) - timedelta(days=1),
        weekday=1,
        frequency="weekly",
        interval_weeks=12,
    )
    sessions = services.plan_year(group=gw.group, recurrence=rule, site=gw.site, room="Salle B")
    assert sessions
    assert any(year.label in w for w in selectors.short_year_warnings(gw.group))


def test_moving_a_session_into_a_full_year_is_refused_but_within_it_is_not(gw) -> None:
    year = _next_year(gw.group)
    sessions = _fill(gw.group, year, 24, gw.site)
    with pytest.raises(ValidationError) as exc:
        services.session_move(
            session=gw.future,
            starts_at=_at(year.end - timedelta(days=3)),
            ends_at=_at(year.end - timedelta(days=3), 17),
            site=gw.site,
            room="Salle calme",
        )
    assert year.label in exc.value.message_dict["starts_at"][0]
    target = ordinary_day(gw.group, sessions[0].starts_at + timedelta(days=1))
    moved = services.session_move(
        session=sessions[0],
        starts_at=target,
        ends_at=target + timedelta(hours=3),
        site=gw.site,
        room="Salle calme",
    )
    assert moved.starts_at == target


def test_a_new_start_month_that_would_crowd_a_year_is_refused(gw) -> None:
    year = _next_year(gw.group)
    _fill(gw.group, year, 24, gw.site)
    # Five sessions in the month before: with a year starting that month, it would hold 29.
    before = planning.group_year_of(gw.group, year.start - timedelta(days=1))
    last_month = (year.start - timedelta(days=1)).replace(day=1)
    _fill(gw.group, planning.ProgrammeYear(start=last_month, end=before.end), 4, gw.site)
    with pytest.raises(ValidationError) as exc:
        services.group_set_programme_year(group=gw.group, start_month=last_month.month)
    assert "start_month" in exc.value.message_dict
    gw.group.refresh_from_db()
    assert gw.group.programme_year_start_month is None


# --- public holidays and closure days ------------------------------------------------------------------


def _may_day() -> date:
    today = timezone.localdate()
    return date(today.year + 1, 5, 1)


def test_a_session_moved_to_the_1st_of_may_needs_a_confirmed_reason(gw) -> None:
    day = _may_day()
    move = {
        "session": gw.future,
        "starts_at": _at(day),
        "ends_at": _at(day, 17),
        "site": gw.site,
        "room": "Salle calme",
    }
    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        services.session_move(**move)
    assert exc.value.message_dict["starts_at"][0].startswith(
        f"Le 1er mai {day.year} est un jour férié (Fête du Travail)"
    )
    with pytest.raises(ValidationError) as exc:
        services.session_move(**move, confirm_holiday=True, holiday_reason="  \u200b ")
    assert "holiday_reason" in exc.value.message_dict
    gw.future.refresh_from_db()
    assert gw.future.starts_at != _at(day)
    moved = services.session_move(
        **move, confirm_holiday=True, holiday_reason="Seule date commune avant l'été"
    )
    assert moved.holiday_reason == "Seule date commune avant l'été"
    # Back on an ordinary day, the reason goes.
    other = ordinary_day(gw.group, _at(day + timedelta(days=3)))
    moved = services.session_move(
        session=moved,
        starts_at=other,
        ends_at=other + timedelta(hours=3),
        site=gw.site,
        room="Salle calme",
    )
    assert moved.holiday_reason == ""


def test_a_session_added_on_a_closure_day_needs_a_reason_too(gw) -> None:
    day = ordinary_day(gw.group, _at(timezone.localdate() + timedelta(days=40))).date()
    Closure.objects.create(organisation=gw.w.org_a, starts_on=day, ends_on=day, label="Inventaire")
    with pytest.raises(ValidationError) as exc:
        _add(gw, day)
    assert "closure day of the organisation (Inventaire)" in exc.value.message_dict["starts_at"][0]
    added = _add(gw, day, confirm_holiday=True, holiday_reason="Salle prêtée par la mairie")
    assert added.holiday_reason == "Salle prêtée par la mairie"


def test_the_region_decides_which_days_are_public_holidays(gw) -> None:
    # 26 December is a public holiday in Alsace-Moselle (57), not elsewhere.
    day = date(timezone.localdate().year + 1, 12, 26)
    assert planning.day_off(gw.group, day) is None
    GroupSettings.objects.update_or_create(
        organisation=gw.w.org_a, defaults={"holiday_region": "57"}
    )
    assert planning.day_off(gw.group, day) is not None


# --- the founding session and the numbering ------------------------------------------------------------


def test_the_founding_session_and_the_numbers_follow_the_dates_not_the_planning_order(gw) -> None:
    group = gw.other_group  # no session yet
    year = _next_year(group)
    later = Recurrence(start=year.start + timedelta(days=60), until=year.end, weekday=2, nth=1)
    earlier = Recurrence(
        start=year.start, until=year.start + timedelta(days=59), weekday=4, frequency="weekly"
    )
    services.plan_year(group=group, recurrence=later, offsite_address="Maison des associations")
    services.plan_year(group=group, recurrence=earlier, offsite_address="Maison des associations")
    sessions = list(group.sessions.order_by("starts_at"))
    assert [s.number for s in sessions] == list(range(1, len(sessions) + 1))
    assert [s.is_founding for s in sessions] == [True] + [False] * (len(sessions) - 1)
    assert timezone.localtime(sessions[0].starts_at).weekday() == 4  # the earlier series
    services.session_cancel(session=sessions[0], reason="Report à la demande du groupe")
    sessions = list(group.sessions.order_by("starts_at"))
    assert (sessions[0].number, sessions[0].is_founding) == (None, False)
    assert (sessions[1].number, sessions[1].is_founding) == (1, True)


def test_numbers_start_again_with_each_programme_year(gw) -> None:
    year = _next_year(gw.group)
    following = planning.group_year_of(gw.group, year.end + timedelta(days=1))
    _fill(gw.group, year, 3, gw.site)
    _fill(gw.group, following, 2, gw.site)
    numbers = list(
        gw.group.sessions.filter(starts_at__gte=_at(year.start))
        .order_by("starts_at")
        .values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3, 1, 2]


# --- cancelling with a reason --------------------------------------------------------------------------


def test_cancelling_needs_a_reason_sent_to_members_never_in_the_subject(
    gw, django_capture_on_commit_callbacks, mailoutbox, immediate_tasks
) -> None:
    from entrepairs.core.models import Notification

    with pytest.raises(ValidationError) as exc:
        services.session_cancel(session=gw.future, reason=" \u200b")
    assert "reason" in exc.value.message_dict
    gw.future.refresh_from_db()
    assert gw.future.status == "planned"
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=gw.future, reason="Animatrice malade")
    notes = Notification.objects.filter(subject="A group session was cancelled")
    recipients = {n.recipient_id for n in notes}
    assert gw.w.professional.user.pk in recipients and gw.w.facilitator.user.pk in recipients
    assert all("Animatrice malade" in n.body for n in notes)
    assert mailoutbox and all("Animatrice malade" not in m.subject for m in mailoutbox)
    assert any("Animatrice malade" in m.body for m in mailoutbox)


# --- charter changes ------------------------------------------------------------------------------------


def test_a_charter_change_asks_every_member_again_and_tells_them(
    accepted, client_for, django_capture_on_commit_callbacks, mailoutbox, immediate_tasks
) -> None:
    from entrepairs.core.models import Notification

    secret_rule = "Nous ne parlons jamais du dossier Dupont"
    with django_capture_on_commit_callbacks(execute=True):
        charter = services.charter_update(group=accepted.group, own_rules=secret_rule)
    assert charter.version == 2 and charter.changed_at is not None
    told = Notification.objects.filter(subject="Your group's charter changed")
    assert {n.recipient_id for n in told} == {
        m.person.user_id for m in accepted.members if m.person.user_id
    }
    assert len(mailoutbox) == told.count()
    assert not any(secret_rule in m.subject + m.body for m in mailoutbox)
    page = client_for(accepted.w.professional).get(f"/groups/sessions/{accepted.past.pk}/")
    text = page.content.decode()
    assert "The charter changed on" in text and "accept it to see the situations" in text
    assert "Un refus de visite" not in text
    services.charter_accept(member=accepted.members[0])
    page = client_for(accepted.w.professional).get(f"/groups/sessions/{accepted.past.pk}/")
    assert "Un refus de visite" in page.content.decode()
    assert "charter-waiting" not in page.content.decode()


# --- the API ------------------------------------------------------------------------------------------------


API = "/api/v1/groups"


def test_the_api_adds_a_single_session_and_refuses_a_25th(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    year = _next_year(gw.group)
    day = ordinary_day(gw.group, _at(year.start + timedelta(days=200))).date()
    body = {
        "group": str(gw.group.pk),
        "starts_at": _at(day, 9).isoformat(),
        "ends_at": _at(day, 12).isoformat(),
        "site": str(gw.site.pk),
        "room": "Salle calme",
    }
    created = api.post(f"{API}/sessions/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["number"] == 1 and created.json()["programme_year"] == year.label
    _fill(gw.group, year, 23, gw.site)
    day = ordinary_day(gw.group, _at(day + timedelta(days=1))).date()
    refused = api.post(
        f"{API}/sessions/",
        {**body, "starts_at": _at(day, 9).isoformat(), "ends_at": _at(day, 12).isoformat()},
        format="json",
    )
    assert refused.status_code == 400
    assert "already holds 24 sessions" in refused.json()["error"]["fields"]["starts_at"][0]
    # A member sees the group but does not plan it.
    assert (
        api_for(gw.w.professional).post(f"{API}/sessions/", body, format="json").status_code == 403
    )
    # A group they may not see is answered like one that does not exist.
    stranger = api_for(gw.outsider).post(f"{API}/sessions/", body, format="json")
    assert stranger.status_code == 400 and "group" in stranger.json()["error"]["fields"]


def test_the_api_moves_to_a_public_holiday_with_confirm_holiday_and_a_reason(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    day = _may_day()
    body = {"starts_at": _at(day).isoformat(), "ends_at": _at(day, 17).isoformat()}
    url = f"{API}/sessions/{gw.future.pk}/"
    refused = api.patch(url, body, format="json")
    assert refused.status_code == 400
    assert "public holiday" in refused.json()["error"]["fields"]["starts_at"][0]
    no_reason = api.patch(url, {**body, "confirm_holiday": True}, format="json")
    assert no_reason.status_code == 400 and "holiday_reason" in no_reason.json()["error"]["fields"]
    ok = api.patch(
        url, {**body, "confirm_holiday": True, "holiday_reason": "Date du groupe"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["holiday_reason"] == "Date du groupe"


def test_the_api_cancel_requires_a_reason(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    url = f"{API}/sessions/{gw.future.pk}/cancel/"
    refused = api.post(url, {}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()["error"]["fields"]
    blank = api.post(url, {"reason": " "}, format="json")
    assert blank.status_code == 400 and "reason" in blank.json()["error"]["fields"]
    ok = api.post(url, {"reason": "Grève des transports"}, format="json")
    assert ok.status_code == 200
    assert (ok.json()["status"], ok.json()["cancel_reason"]) == (
        "cancelled",
        "Grève des transports",
    )


def test_the_api_reads_and_sets_the_programme_year(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    url = f"{API}/{gw.group.pk}/programme-year/"
    read = api.get(url).json()
    assert read["start_month"] == 9 and read["own"] is False
    assert sum(y["sessions"] for y in read["years"]) == 2
    changed = api.put(url, {"start_month": 1}, format="json")
    assert changed.status_code == 200 and changed.json()["own"] is True
    assert api.put(url, {"start_month": 13}, format="json").status_code == 400
    member = api_for(gw.w.professional)
    assert member.get(url).status_code == 200
    assert member.put(url, {"start_month": 2}, format="json").status_code == 403


def test_a_patch_that_does_not_name_the_day_keeps_a_confirmed_holiday(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    day = _may_day()
    url = f"{API}/sessions/{gw.future.pk}/"
    body = {"starts_at": _at(day).isoformat(), "ends_at": _at(day, 17).isoformat()}
    api.patch(
        url, {**body, "confirm_holiday": True, "holiday_reason": "Date du groupe"}, format="json"
    )
    room = api.patch(url, {"room": "Salle bleue"}, format="json")
    assert room.status_code == 200, room.content
    assert (room.json()["room"], room.json()["holiday_reason"]) == ("Salle bleue", "Date du groupe")


# --- outside test of issue 13 (2026-12-02) ---------------------------------------------------------


def test_the_organisations_new_start_month_that_would_crowd_a_groups_year_is_refused(gw) -> None:
    """The organisation's month is checked as a group's own is (the settings page took it)."""
    year = _next_year(gw.group)
    _fill(gw.group, year, 24, gw.site)
    before = planning.group_year_of(gw.group, year.start - timedelta(days=1))
    last_month = (year.start - timedelta(days=1)).replace(day=1)
    _fill(gw.group, planning.ProgrammeYear(start=last_month, end=before.end), 4, gw.site)
    settings = GroupSettings.for_organisation(gw.group.organisation_id)
    settings.programme_year_start_month = last_month.month
    with pytest.raises(ValidationError) as exc:
        services.groups_settings_save(settings=settings)
    assert "programme_year_start_month" in exc.value.message_dict
    assert GroupSettings.for_organisation(gw.group.organisation_id).programme_year_start_month != (
        last_month.month
    )


def test_a_reason_members_read_never_names_anyone(gw) -> None:
    """A cancellation or holiday reason goes through the identifying check, with no override."""
    session = _add(
        gw, ordinary_day(gw.group, _at(timezone.localdate() + timedelta(days=20))).date()
    )
    with pytest.raises(ValidationError) as exc:
        services.session_cancel(
            session=session, reason="Kevin Durand (06 12 34 56 78) est hospitalisé"
        )
    assert "reason" in exc.value.message_dict
    session.refresh_from_db()
    assert session.status == Session.Status.PLANNED
    may = _may_day()
    with pytest.raises(ValidationError) as exc:
        _add(gw, may, confirm_holiday=True, holiday_reason="Appeler Mme Durand au 06 12 34 56 78")
    assert "holiday_reason" in exc.value.message_dict


def test_a_session_lasts_at_most_8_hours_on_every_channel(gw) -> None:
    day = ordinary_day(gw.group, _at(timezone.localdate() + timedelta(days=30))).date()
    with pytest.raises(ValidationError) as exc:
        services.session_add(
            group=gw.group,
            starts_at=_at(day, 9),
            ends_at=_at(day, 9) + timedelta(days=3),
            site=gw.site,
            room="Salle calme",
        )
    assert "ends_at" in exc.value.message_dict


# --- outside test of issue 13 (2026-12-03) ---------------------------------------------------------


def test_a_holiday_confirmed_for_one_day_does_not_carry_to_another_by_patch(gw, api_for) -> None:
    """A PATCH moving a confirmed 1 May session to 14 July without a new confirmation is refused
    (it kept the old reason and answered 200)."""
    api = api_for(gw.w.facilitator)
    may, bastille = _may_day(), _may_day().replace(month=7, day=14)
    url = f"{API}/sessions/{gw.future.pk}/"
    api.patch(
        url,
        {
            "starts_at": _at(may).isoformat(),
            "ends_at": _at(may, 17).isoformat(),
            "confirm_holiday": True,
            "holiday_reason": "Seule date commune",
        },
        format="json",
    )
    moved = api.patch(
        url,
        {"starts_at": _at(bastille).isoformat(), "ends_at": _at(bastille, 17).isoformat()},
        format="json",
    )
    assert moved.status_code == 400 and "starts_at" in moved.json()["error"]["fields"]
    gw.future.refresh_from_db()
    assert timezone.localtime(gw.future.starts_at).date() == may  # nothing half-written


def test_an_evening_session_running_into_the_1st_of_may_needs_a_reason(gw) -> None:
    may = _may_day()
    eve = may - timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.session_add(
            group=gw.group,
            starts_at=_at(eve, 22),
            ends_at=_at(may, 1),
            site=gw.site,
            room="Salle calme",
        )
    assert "starts_at" in exc.value.message_dict
    kept = services.session_add(
        group=gw.group,
        starts_at=_at(eve, 22),
        ends_at=_at(may, 1),
        site=gw.site,
        room="Salle calme",
        confirm_holiday=True,
        holiday_reason="Veillée de fin d'année",
    )
    assert kept.holiday_reason == "Veillée de fin d'année"


def test_the_settings_page_shows_a_crowding_year_month_next_to_the_field(gw, client_for) -> None:
    """It answered 500 (the service's refusal was not caught); nothing is saved."""
    year = _next_year(gw.group)
    _fill(gw.group, year, 24, gw.site)
    before = planning.group_year_of(gw.group, year.start - timedelta(days=1))
    last_month = (year.start - timedelta(days=1)).replace(day=1)
    _fill(gw.group, planning.ProgrammeYear(start=last_month, end=before.end), 4, gw.site)
    org_pk = gw.group.organisation_id
    page = client_for(gw.w.coordinator).post(
        f"/groups/settings/{org_pk}/",
        {
            "action": "settings",
            "s-absence_threshold": 3,
            "s-holiday_region": "",
            "s-programme_year_start_month": last_month.month,
        },
    )
    assert page.status_code == 200
    assert 'id="id_s-programme_year_start_month"' in page.content.decode()
    assert "errorlist" in page.content.decode() or "error" in page.content.decode()
    assert GroupSettings.for_organisation(org_pk).programme_year_start_month != last_month.month
