"""Moving a session (issue 13, outside test): only a real change of date, time or place tells the
members — a page save or an API PATCH that changes nothing tells nobody; the members' message is
written the French way ("d’Atelier", "1er"); a move onto 1 May without a reason is refused in
the page and the API, next to the field, with nothing written."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone, translation

from entrepairs.core.models import Notification
from entrepairs.core.tests.notifying import worded

from ..models import Group
from .builders import ordinary_day

API = "/api/v1/groups"


@pytest.fixture
def french(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        yield


def _at(day: date, hour: int = 14) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _moved_messages(gw) -> int:  # type: ignore[no-untyped-def]
    return Notification.objects.filter(
        recipient=gw.w.professional.user, link=f"/groups/{gw.group.pk}/"
    ).count()


def _form(session, **changes):  # type: ignore[no-untyped-def]
    local = timezone.localtime(session.starts_at)
    return {
        "day": local.date().isoformat(),
        "start_time": local.strftime("%H:%M"),
        "duration_minutes": int(session.duration.total_seconds() // 60),
        "site": session.site_id,
        "room": session.room,
        "offsite_address": session.offsite_address,
        "holiday_reason": session.holiday_reason,
        **changes,
    }


def test_a_page_save_that_changes_nothing_tells_nobody(gw, client_for) -> None:
    client = client_for(gw.w.facilitator)
    url = f"/groups/sessions/{gw.future.pk}/move/"
    before = _moved_messages(gw)
    saved = client.post(url, _form(gw.future), follow=True)
    assert saved.status_code == 200
    assert "Nothing changed" in saved.content.decode()
    assert _moved_messages(gw) == before
    # Positive control: another room is a real change; each member is told once.
    client.post(url, _form(gw.future, room="Salle du fond"))
    assert _moved_messages(gw) == before + 1


def test_an_api_patch_that_changes_nothing_tells_nobody(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    url = f"{API}/sessions/{gw.future.pk}/"
    before = _moved_messages(gw)
    same = {
        "starts_at": gw.future.starts_at.isoformat(),
        "ends_at": gw.future.ends_at.isoformat(),
        "room": gw.future.room,
    }
    for body in ({}, same):
        answer = api.patch(url, body, format="json")
        assert answer.status_code == 200, answer.content
    assert _moved_messages(gw) == before
    later = ordinary_day(gw.group, gw.future.starts_at + timedelta(days=2))
    moved = api.patch(
        url,
        {"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=3)).isoformat()},
        format="json",
    )
    assert moved.status_code == 200
    assert _moved_messages(gw) == before + 1


def test_the_members_message_is_written_the_french_way(gw, api_for, french) -> None:
    Group.objects.filter(pk=gw.group.pk).update(name="Atelier Lille")
    later = ordinary_day(gw.group, gw.future.starts_at + timedelta(days=2))
    api_for(gw.w.facilitator).patch(
        f"{API}/sessions/{gw.future.pk}/",
        {"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=3)).isoformat()},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    body = Notification.objects.filter(recipient=gw.w.professional.user).latest("created_at").body
    assert body.startswith("La séance d’Atelier Lille du ")
    assert "de Atelier" not in body
    # Worded when read, in the reader's language, whatever the sender's (issue 15 F6/F17).
    note = Notification.objects.filter(recipient=gw.w.professional.user).latest("created_at")
    texts = worded(note, "shown_body")
    assert texts["fr"].startswith("La séance d’Atelier Lille du ")
    assert (
        texts["en"].startswith("The session of Atelier Lille on ") and " moved to " in texts["en"]
    )


def _may_day() -> date:
    return date(timezone.localdate().year + 1, 5, 1)


def test_a_move_onto_1_may_without_a_reason_is_refused_on_the_page(gw, client_for, french) -> None:
    client = client_for(gw.w.facilitator)
    url = f"/groups/sessions/{gw.future.pk}/move/"
    before = (gw.future.starts_at, _moved_messages(gw))
    refused = client.post(
        url, _form(gw.future, day=_may_day().isoformat()), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert refused.status_code == 200
    said = refused.context["form"].errors["day"][0]
    assert said.startswith(f"Le 1 mai {_may_day().year} est un jour férié") or said.startswith(
        f"Le 1er mai {_may_day().year} est un jour férié"
    )
    page = refused.content.decode()
    assert f"Le 1er mai {_may_day().year} est un jour férié" in page  # as the reader sees it
    no_reason = client.post(url, _form(gw.future, day=_may_day().isoformat(), confirm_holiday="on"))
    assert "holiday_reason" in no_reason.context["form"].errors
    gw.future.refresh_from_db()
    assert (gw.future.starts_at, _moved_messages(gw)) == before


def test_a_move_onto_1_may_without_a_reason_is_refused_in_the_api(gw, api_for, french) -> None:
    day = _may_day()
    answer = api_for(gw.w.facilitator).patch(
        f"{API}/sessions/{gw.future.pk}/",
        {"starts_at": _at(day).isoformat(), "ends_at": _at(day, 17).isoformat()},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert answer.status_code == 400
    said = answer.json()["error"]["fields"]["starts_at"][0]
    assert said.startswith(f"Le 1er mai {day.year} est un jour férié (Fête du Travail)")
    gw.future.refresh_from_db()
    assert gw.future.starts_at.date() != day
