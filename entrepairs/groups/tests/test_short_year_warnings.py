"""A programme year under the minimum of sessions (6) is shown, not refused, after every change of
the group's sessions: adding one, moving one, cancelling one — on the page (a warning message) and
in the API (`warnings` in the answer), in the same sentences (selectors.short_year_warnings)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .builders import ordinary_day
from .test_programme_year import _at, _fill, _next_year

API = "/api/v1/groups"
MINIMUM = "a group has 6 to 24 sessions a year"


def _warned(page: Any) -> list[str]:
    assert page.status_code == 200
    return [str(m) for m in page.context["messages"] if MINIMUM in str(m)]


def _body(gw: Any, day: Any) -> dict[str, Any]:
    return {
        "group": str(gw.group.pk),
        "starts_at": _at(day, 9).isoformat(),
        "ends_at": _at(day, 12).isoformat(),
        "site": str(gw.site.pk),
        "room": "Salle calme",
    }


def _day_in_next_year(gw: Any, offset: int = 200) -> Any:
    year = _next_year(gw.group)
    return year, ordinary_day(gw.group, _at(year.start + timedelta(days=offset))).date()


def test_the_api_names_the_short_year_after_an_add_a_move_and_a_cancellation(
    gw, api_for, english_messages
) -> None:
    api = api_for(gw.w.facilitator)
    year, day = _day_in_next_year(gw)
    added = api.post(f"{API}/sessions/", _body(gw, day), format="json")
    assert added.status_code == 201, added.content
    (warning,) = [w for w in added.json()["warnings"] if year.label in w]
    assert MINIMUM in warning and "has 1 session" in warning
    later = ordinary_day(gw.group, _at(day + timedelta(days=7))).date()
    moved = api.patch(
        f"{API}/sessions/{added.json()['id']}/",
        {"starts_at": _at(later, 9).isoformat(), "ends_at": _at(later, 12).isoformat()},
        format="json",
    )
    assert moved.status_code == 200, moved.content
    assert any(year.label in w for w in moved.json()["warnings"])
    cancelled = api.post(
        f"{API}/sessions/{added.json()['id']}/cancel/", {"reason": "Salle indisponible"}
    )
    assert cancelled.status_code == 200, cancelled.content
    # The year now holds no session: warned too, as 6 → 5 is (outside test).
    (warning,) = [w for w in cancelled.json()["warnings"] if year.label in w]
    assert "has 0 session" in warning
    # A read says nothing: the warnings answer a change.
    assert api.get(f"{API}/sessions/{gw.future.pk}/").json()["warnings"] == []


def test_a_full_enough_year_is_not_warned(gw, api_for, english_messages) -> None:
    year, day = _day_in_next_year(gw, offset=250)
    _fill(gw.group, year, 6, gw.site)
    added = api_for(gw.w.facilitator).post(f"{API}/sessions/", _body(gw, day), format="json")
    assert added.status_code == 201, added.content
    assert not any(year.label in w for w in added.json()["warnings"])


def test_the_pages_warn_after_an_add_a_move_and_a_cancellation(
    gw, client_for, english_messages
) -> None:
    client = client_for(gw.w.facilitator)
    _, day = _day_in_next_year(gw)
    form = {"day": day.isoformat(), "start_time": "09:00", "duration_minutes": "180"}
    form |= {"site": str(gw.site.pk), "room": "Salle calme"}
    added = client.post(f"/groups/{gw.group.pk}/sessions/new/", form, follow=True)
    assert _warned(added), [str(m) for m in added.context["messages"]]
    later = ordinary_day(gw.group, _at(day + timedelta(days=7))).date()
    moved = client.post(
        f"/groups/sessions/{gw.future.pk}/move/", {**form, "day": later.isoformat()}, follow=True
    )
    assert _warned(moved), [str(m) for m in moved.context["messages"]]
    cancelled = client.post(
        f"/groups/sessions/{gw.future.pk}/cancel/", {"reason": "Salle indisponible"}, follow=True
    )
    assert _warned(cancelled), [str(m) for m in cancelled.context["messages"]]
