"""The year's refusals (issue 13 §3, §7) give the page and the API the same answer: a 25th session
added one at a time, a session moved to 1 May without a confirmed reason, a cancellation without a
reason, a series that would crowd a year. Each case runs through both channels from the same data
(entrepairs/core/tests/parity.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.core.tests.parity import OK, Refused, Write, assert_same, page_as, run_both

from .. import planning
from .test_programme_year import _at, _fill, _next_year

API = "/api/v1/groups"
ADD = "entrepairs.groups.services.session_add"
MOVE = "entrepairs.groups.services.session_move"
CANCEL = "entrepairs.groups.services.session_cancel"
PLAN = "entrepairs.groups.services.plan_year"
FULL = "year already holds 24 sessions: a group has 6 to 24 sessions a programme year."
HOLIDAY = "is a public holiday (Labor Day). To hold the session on that day, tick “I confirm”"
NO_REASON = "Give the reason for a session on that day."
CANCEL_REASON = "Give the reason: members and facilitators read it."


def _page_slot(ctx: Any, day: date, args: dict[str, Any]) -> dict[str, Any]:
    data = {
        "day": day.isoformat(),
        "start_time": "09:00",
        "duration_minutes": "180",
        "site": ctx.site.pk,
        "room": "Salle calme",
    }
    if args.get("confirm"):
        data["confirm_holiday"] = "on"
    data["holiday_reason"] = args.get("reason", "")
    return data


def _api_slot(ctx: Any, day: date, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "starts_at": _at(day, 9).isoformat(),
        "ends_at": _at(day, 12).isoformat(),
        "site": str(ctx.site.pk),
        "room": "Salle calme",
        "confirm_holiday": bool(args.get("confirm")),
        "holiday_reason": args.get("reason", ""),
    }


def _add_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    day = args["day"](ctx)
    return page_as(ctx, actor).post(
        f"/groups/{ctx.group.pk}/sessions/new/", _page_slot(ctx, day, args)
    )


def _add_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    day = args["day"](ctx)
    body = {"group": str(ctx.group.pk), **_api_slot(ctx, day, args)}
    return ctx.api_for(actor).post(f"{API}/sessions/", body, format="json")


def _move_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    day = args["day"](ctx)
    return page_as(ctx, actor).post(
        f"/groups/sessions/{ctx.future.pk}/move/", _page_slot(ctx, day, args)
    )


def _move_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    day = args["day"](ctx)
    return ctx.api_for(actor).patch(
        f"{API}/sessions/{ctx.future.pk}/", _api_slot(ctx, day, args), format="json"
    )


def _cancel_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        f"/groups/sessions/{ctx.future.pk}/cancel/", {"reason": args["reason"]}
    )


def _cancel_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/sessions/{ctx.future.pk}/cancel/", {"reason": args["reason"]}, format="json"
    )


def _plan_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        f"/groups/{ctx.group.pk}/plan/",
        {
            "start": ctx.year.start.isoformat(),
            "until": ctx.year.end.isoformat(),
            "frequency": "monthly",
            "nth": "2",
            "weekday": "3",
            "interval_weeks": "1",
            "start_time": "14:00",
            "duration_minutes": "210",
            "site": ctx.site.pk,
            "room": "Salle B",
            "confirm": "1",
        },
    )


def _plan_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/{ctx.group.pk}/plan/",
        {
            "start": ctx.year.start.isoformat(),
            "until": ctx.year.end.isoformat(),
            "weekday": 3,
            "nth": 2,
            "site": str(ctx.site.pk),
            "room": "Salle B",
        },
        format="json",
    )


def _may_day(ctx: Any) -> date:
    return date(timezone.localdate().year + 1, 5, 1)


def _in_full_year(ctx: Any) -> date:
    day = ctx.year.end - timedelta(days=10)
    while planning.day_off(ctx.group, day) is not None:
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Case:
    name: str
    write: Write
    args: dict[str, Any]
    expected: Any


ADD_WRITE = Write(_add_page, _add_api, ADD)
MOVE_WRITE = Write(_move_page, _move_api, MOVE, api_ok=200)
CANCEL_WRITE = Write(_cancel_page, _cancel_api, CANCEL, api_ok=200)
PLAN_WRITE = Write(_plan_page, _plan_api, PLAN)

CASES = [
    Case("a 25th session added one at a time", ADD_WRITE, {"day": _in_full_year}, Refused(FULL)),
    Case("a session added on 1 May", ADD_WRITE, {"day": _may_day}, Refused(HOLIDAY)),
    Case("a session moved to 1 May", MOVE_WRITE, {"day": _may_day}, Refused(HOLIDAY)),
    Case(
        "a session moved to 1 May, confirmed without a reason",
        MOVE_WRITE,
        {"day": _may_day, "confirm": True, "reason": " "},
        Refused(NO_REASON),
    ),
    Case(
        "a session moved to 1 May with a reason",
        MOVE_WRITE,
        {"day": _may_day, "confirm": True, "reason": "Seule date commune"},
        OK,
    ),
    Case("a cancellation without a reason", CANCEL_WRITE, {"reason": ""}, Refused(CANCEL_REASON)),
    Case("a cancellation with a reason", CANCEL_WRITE, {"reason": "Grève"}, OK),
    Case("a series that crowds a year", PLAN_WRITE, {}, Refused("year would hold")),
]


@pytest.fixture
def ctx(gw, client, api_for):  # type: ignore[no-untyped-def]
    year = _next_year(gw.group)
    _fill(gw.group, year, 24, gw.site)
    return SimpleNamespace(
        gw=gw,
        client=client,
        api_for=api_for,
        group=gw.group,
        future=gw.future,
        site=gw.site,
        year=year,
        facilitator=gw.w.facilitator,
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, ctx.facilitator, case.args)
    assert_same(case.expected, page, api, case.write)
