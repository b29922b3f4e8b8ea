"""« Votre avis est demandé » stops asking once the expert gave their advice or the decision was
decided (outside test of issue 15, point 2): resolved by the services, keyed by the expert's
request (not the decision's link), whichever channel; the inbox, the home page and the API
show it done, in French and in English."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from entrepairs.casework import services
from entrepairs.core.models import Notification

from .decisions_fixtures import *  # noqa: F403 - the `dw` fixture

pytestmark = pytest.mark.django_db
API = "/api/v1/casework"
ASKED = "casework.advice_requested"


def _told(expert: Any, request: Any) -> Notification:
    return Notification.objects.get(
        recipient=expert.user, kind=ASKED, about=f"casework.advicerequest:{request.pk}"
    )


def test_the_advice_given_and_the_decision_taken_resolve_the_experts_notifications(
    dw: Any, api_for: Any
) -> None:
    psy = services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional)
    jur = services.advice_request(decision=dw.gated, expert=dw.jur, by=dw.w.professional)
    other = services.decision_prepare(
        case=dw.case, decision_type=dw.gated_type, title="Hébergement", options="A ; B",
        arguments="", child_view="", by=dw.w.professional,
    )  # fmt: skip
    elsewhere = services.advice_request(decision=other, expert=dw.psy, by=dw.w.professional)
    assert _told(dw.psy, psy).asks_to_act and _told(dw.jur, jur).asks_to_act

    # The psychologist gives their advice through the API: theirs is done, the jurist's not.
    given = api_for(dw.psy).post(
        f"{API}/advice/{psy.pk}/record/", {"advice": "D'accord"}, format="json"
    )
    assert given.status_code == 200, given.content
    assert _told(dw.psy, psy).done_at is not None
    assert _told(dw.jur, jur).done_at is None
    assert _told(dw.psy, elsewhere).done_at is None  # another decision's request stays open

    # The core team decides through the API: nobody is asked any more about this decision.
    decided = api_for(dw.w.professional).post(
        f"{API}/decisions/{dw.gated.pk}/decide/", {"outcome": "Oui"}, format="json"
    )
    assert decided.status_code == 200, decided.content
    assert _told(dw.jur, jur).done_at is not None
    assert _told(dw.psy, elsewhere).asks_to_act

    # The API says it no longer asks to act.
    rows = api_for(dw.jur).get("/api/v1/notifications/").json()["results"]
    row = next(r for r in rows if r["kind"] == ASKED)
    assert row["asks_to_act"] is False and row["done_at"]


def test_a_decision_opened_by_the_platform_no_longer_asks_to_prepare_it_once_decided(
    dw: Any,
) -> None:
    from django.utils import timezone

    from entrepairs.casework.models import Decision

    today = timezone.localdate()
    check = services.safety_check_schedule(case=dw.case, due_on=today, by=dw.w.professional)
    services.safety_check_record(
        check=check, done_on=today, factor_ids=[], notes="Peur du retour",
        insecurity_signs=True, by=dw.w.professional,
    )  # fmt: skip
    opened = Decision.objects.get(safety_check=check)
    prepared = Notification.objects.filter(
        kind="casework.decision_to_prepare", about=f"casework.decision:{opened.pk}"
    )
    assert prepared.exists() and all(n.asks_to_act for n in prepared)
    request = services.advice_request(decision=opened, expert=dw.psy, by=dw.w.professional)
    services.advice_record(request=request, advice="D'accord", by=dw.psy)
    services.decision_take(decision=opened, outcome="Oui", by=dw.w.professional)
    assert not any(n.asks_to_act for n in prepared.all())


def test_the_inbox_shows_it_done_and_home_no_longer_lists_it(dw: Any, client_for: Any) -> None:
    jur = services.advice_request(decision=dw.gated, expert=dw.jur, by=dw.w.professional)
    services.advice_record(
        request=services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional),
        advice="D'accord",
        by=dw.psy,
    )
    services.decision_take(decision=dw.gated, outcome="Oui", by=dw.w.professional)
    assert _told(dw.jur, jur).done_at is not None
    client = client_for(dw.jur)
    for language, done, asks in (
        ("fr", "Traité", "demande votre avis"),
        ("en", "Done", "asks for your advice"),
    ):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get("/notifications/").content.decode()
        home = client.get("/")
        assert "notification-item done" in page and done in page, language
        assert asks not in page, language
        # Home lists what still waits for the reader: a notification done elsewhere is not there.
        assert asks not in home.content.decode(), language
