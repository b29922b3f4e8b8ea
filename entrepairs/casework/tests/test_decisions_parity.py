"""Safety-check and key-decision writes give the same answer on the page and in the API
(core/tests/parity.py): deciding a gated type without the advice is refused with the same reason
on both channels; an expert may not decide (403); another core team or organisation: 404."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.casework import services
from entrepairs.core.tests.parity import (
    FORBIDDEN,
    HIDDEN,
    OK,
    Refused,
    Write,
    assert_same,
    run_both,
)

from .decisions_fixtures import *  # noqa: F403 - the `dw` fixture

pytestmark = pytest.mark.django_db
API = "/api/v1/casework"
S = "entrepairs.casework.services."
TODAY = timezone.localdate()


def _page(ctx: Any, actor: Any) -> Any:
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    return ctx.client


def _schedule_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:safety_schedule", args=[ctx.dw.case.pk]), {"due_on": a["due_on"]}
    )


def _schedule_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/safety-checks/",
        {"case": str(ctx.dw.case.pk), "due_on": str(a["due_on"])},
        format="json",
    )


def _record_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:safety_check", args=[ctx.check.pk]),
        {"done_on": TODAY, "notes": a["notes"], "factors": [str(f) for f in ctx.factors]},
    )


def _record_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/safety-checks/{ctx.check.pk}/record/",
        {"done_on": str(TODAY), "notes": a["notes"], "factors": [str(f) for f in ctx.factors]},
        format="json",
    )


def _prepare_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:decision_new", args=[ctx.dw.case.pk]),
        {"decision_type": ctx.dw.gated_type.pk, "title": "Orientation", "options": a["options"]},
    )


def _prepare_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/decisions/",
        {
            "case": str(ctx.dw.case.pk),
            "decision_type": str(ctx.dw.gated_type.pk),
            "title": "Orientation",
            "options": a["options"],
        },
        format="json",
    )


def _move_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:placement_change", args=[ctx.dw.case.pk]),
        {"kind": "small_unit", "concerns": a["concerns"]},
    )


def _move_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/decisions/placement-change/",
        {"case": str(ctx.dw.case.pk), "kind": "small_unit", "concerns": a["concerns"]},
        format="json",
    )


def _ask_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:advice_ask", args=[ctx.dw.gated.pk]), {"expert": a["expert"](ctx).pk}
    )


def _ask_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/decisions/{ctx.dw.gated.pk}/request-advice/",
        {"expert": str(a["expert"](ctx).pk)},
        format="json",
    )


def _advise_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:advice_give", args=[ctx.request.pk]), {"advice": a["advice"]}
    )


def _advise_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/advice/{ctx.request.pk}/record/", {"advice": a["advice"]}, format="json"
    )


def _decide_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:decision_decide", args=[a["decision"](ctx).pk]), {"outcome": "Oui"}
    )


def _decide_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/decisions/{a['decision'](ctx).pk}/decide/", {"outcome": "Oui"}, format="json"
    )


def _factor_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:decision_settings"),
        {"form": "factor", "factor-kind": "risk", "factor-label": "Grossesse", "factor-weight": a["weight"]},
    )  # fmt: skip


def _factor_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/risk-factors/",
        {"organisation": str(ctx.dw.w.org_a.pk), "kind": "risk", "label": "Grossesse", "weight": a["weight"]},
        format="json",
    )  # fmt: skip


def _type_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:decision_settings"),
        {"form": "type", "type-name": a["name"], "type-required_advice": ["psychologist"]},
    )


def _type_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/decision-types/",
        {"organisation": str(ctx.dw.w.org_a.pk), "name": a["name"], "required_advice": ["psychologist"]},
        format="json",
    )  # fmt: skip


SCHEDULE = Write(_schedule_page, _schedule_api, S + "safety_check_schedule")
RECORD = Write(_record_page, _record_api, S + "safety_check_record", api_ok=200)
PREPARE = Write(_prepare_page, _prepare_api, S + "decision_prepare")
MOVE = Write(_move_page, _move_api, S + "placement_change_propose")
ASK = Write(_ask_page, _ask_api, S + "advice_request")
ADVISE = Write(_advise_page, _advise_api, S + "advice_record", api_ok=200)
DECIDE = Write(_decide_page, _decide_api, S + "decision_take", api_ok=200)
FACTOR = Write(_factor_page, _factor_api, S + "risk_factor_save")
TYPE = Write(_type_page, _type_api, S + "decision_type_save")


@dataclass(frozen=True)
class Case:
    name: str
    actor: str
    write: Write
    args: dict[str, Any]
    expected: Any


def gated(ctx: Any) -> Any:
    return ctx.dw.gated


def advised(ctx: Any) -> Any:
    return ctx.advised


def expert(name: str) -> Any:
    return lambda ctx: getattr(ctx.dw, name, None) or getattr(ctx.dw.cw, name)


GATE = "This decision needs the advice of: Psychologist. Submit it to the expert"
CASES = [
    Case("a member schedules a check", "professional", SCHEDULE, {"due_on": TODAY}, OK),
    Case(
        "a check due in two years",
        "professional",
        SCHEDULE,
        {"due_on": TODAY.replace(year=TODAY.year + 2)},
        Refused("A safety check is due within a year of today."),
    ),
    Case("the coordinator schedules a check", "coordinator", SCHEDULE, {"due_on": TODAY}, HIDDEN),
    Case("another core team schedules a check", "olga", SCHEDULE, {"due_on": TODAY}, HIDDEN),
    Case("an expert schedules a check", "psy", SCHEDULE, {"due_on": TODAY}, HIDDEN),
    Case("a member records the results", "gina", RECORD, {"notes": "Vu au foyer"}, OK),
    Case(
        "results without notes",
        "gina",
        RECORD,
        {"notes": ""},
        Refused("Write what the check found."),
    ),
    Case("another organisation records", "worker_b", RECORD, {"notes": "Vu"}, HIDDEN),
    Case("a member prepares a decision", "professional", PREPARE, {"options": "A ; B"}, OK),
    Case(
        "a decision without options",
        "professional",
        PREPARE,
        {"options": ""},
        Refused("Write the options considered."),
    ),
    Case("an expert prepares a decision", "psy", PREPARE, {"options": "A"}, HIDDEN),
    Case("a member proposes a move", "gina", MOVE, {"concerns": "Retard scolaire"}, OK),
    Case(
        "a move without the concerns",
        "gina",
        MOVE,
        {"concerns": ""},
        Refused("Describe the concerns about the child's development."),
    ),
    Case("another core team proposes a move", "olga", MOVE, {"concerns": "x"}, HIDDEN),
    Case("a member asks the psychologist", "professional", ASK, {"expert": expert("jur")}, OK),
    Case(
        "asking a colleague who is no expert",
        "professional",
        ASK,
        {"expert": expert("gina")},
        Refused("Choose one of the organisation's experts."),
    ),
    Case("the expert asks another expert", "psy", ASK, {"expert": expert("jur")}, FORBIDDEN),
    Case("the expert records advice", "psy", ADVISE, {"advice": "Mise à l'abri"}, OK),
    Case("the expert's empty advice", "psy", ADVISE, {"advice": ""}, Refused("Write your advice.")),
    Case("a member records the expert's advice", "professional", ADVISE, {"advice": "x"}, FORBIDDEN),
    Case("another expert records the advice", "jur", ADVISE, {"advice": "x"}, HIDDEN),
    Case("deciding a gated type without advice", "professional", DECIDE, {"decision": gated}, Refused(GATE)),
    Case("deciding once advised", "professional", DECIDE, {"decision": advised}, OK),
    Case("the expert decides", "psy", DECIDE, {"decision": gated}, FORBIDDEN),
    Case("another core team decides", "olga", DECIDE, {"decision": gated}, HIDDEN),
    Case("the coordinator decides", "coordinator", DECIDE, {"decision": gated}, HIDDEN),
    Case("the coordinator adds a factor", "coordinator", FACTOR, {"weight": 3}, OK),
    Case(
        "a factor of weight 9",
        "coordinator",
        FACTOR,
        {"weight": 9},
        Refused("A factor weighs 1 to 5."),
    ),
    Case("a member adds a factor", "professional", FACTOR, {"weight": 3}, FORBIDDEN),
    Case("the coordinator adds a type", "coordinator", TYPE, {"name": "Retour au pays"}, OK),
    Case(
        "a type that exists",
        "coordinator",
        TYPE,
        {"name": "Autre décision clé"},
        Refused("This decision type already exists."),
    ),
]  # fmt: skip


@pytest.fixture
def ctx(dw, client, api_for):  # type: ignore[no-untyped-def]
    from entrepairs.casework.models import RiskFactor

    check = services.safety_check_schedule(case=dw.case, due_on=TODAY, by=dw.w.professional)
    factors = list(
        RiskFactor.objects.filter(organisation=dw.w.org_a, kind="protective").values_list(
            "pk", flat=True
        )[:2]
    )
    request = services.advice_request(decision=dw.gated, expert=dw.psy, by=dw.w.professional)
    # "advised": a second gated decision whose psychologist's advice is on file.
    advised = services.decision_prepare(
        case=dw.case, decision_type=dw.gated_type, title="Hébergement", options="A ; B",
        arguments="", child_view="", by=dw.w.professional,
    )  # fmt: skip
    given = services.advice_request(decision=advised, expert=dw.psy, by=dw.w.professional)
    services.advice_record(request=given, advice="D'accord", by=dw.psy)
    return SimpleNamespace(
        dw=dw, check=check, factors=factors, request=request, advised=advised,
        client=client, api_for=api_for,
    )  # fmt: skip


def _actor(ctx: Any, name: str) -> Any:
    return getattr(ctx.dw, name, None) or getattr(ctx.dw.cw, name, None) or getattr(ctx.dw.w, name)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, _actor(ctx, case.actor), case.args)
    assert_same(case.expected, page, api, case.write)
