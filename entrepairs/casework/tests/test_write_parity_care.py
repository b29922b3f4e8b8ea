"""Incident and care-plan writes give the same answer on the page and in the API
(entrepairs/core/tests/parity.py): the same refusals with the same message."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.casework import services
from entrepairs.core.services import SYSTEM
from entrepairs.core.tests.parity import (
    FORBIDDEN,
    HIDDEN,
    OK,
    Refused,
    Write,
    assert_same,
    run_both,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/casework"
S = "entrepairs.casework.services."


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _page(ctx: Any, actor: Any) -> Any:
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    return ctx.client


def _api(ctx: Any, actor: Any) -> Any:
    return ctx.api_for(actor)


def _record_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:incident_new", args=[ctx.team.pk]),
        {
            "cases": [ctx.lina.pk],
            "kind": "runaway",
            "occurred_on": _days(-2),
            "facts": a["facts"],
        },
    )


def _record_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(
        f"{API}/incidents/",
        {
            "core_team": str(ctx.team.pk),
            "cases": [str(ctx.lina.pk)],
            "kind": "runaway",
            "occurred_on": str(_days(-2)),
            "facts": a["facts"],
        },
        format="json",
    )


def _analyse_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:incident_analyse", args=[ctx.incident.pk]),
        {"causes": a["causes"], "lessons": "Mieux se coordonner"},
    )


def _analyse_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(
        f"{API}/incidents/{ctx.incident.pk}/analyse/",
        {"causes": a["causes"], "lessons": "Mieux se coordonner"},
        format="json",
    )


def _action_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:incident_action_add", args=[ctx.incident.pk]),
        {"description": "Rencontrer le foyer", "owner": a["owner"](ctx).pk, "due_on": _days(7)},
    )


def _action_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(
        f"{API}/incidents/{ctx.incident.pk}/actions/",
        {
            "description": "Rencontrer le foyer",
            "owner": str(a["owner"](ctx).pk),
            "due_on": str(_days(7)),
        },
        format="json",
    )


def _done_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(reverse("casework:incident_action_done", args=[ctx.action.pk]))


def _done_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(f"{API}/incident-actions/{ctx.action.pk}/done/")


def _concern_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:incident_concern", args=[ctx.incident.pk]),
        {"sent_on": _days(-1), "recipient": a["recipient"]},
    )


def _concern_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(
        f"{API}/incidents/{ctx.incident.pk}/concern/",
        {"sent_on": str(_days(-1)), "recipient": a["recipient"]},
        format="json",
    )


def _close_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(reverse("casework:incident_close", args=[ctx.incident.pk]))


def _close_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(f"{API}/incidents/{ctx.incident.pk}/close/")


def _draft_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(
        reverse("casework:care_plan", args=[ctx.lina.pk]), {"objectives": a["objectives"]}
    )


def _draft_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(
        f"{API}/care-plans/",
        {"case": str(ctx.lina.pk), "objectives": a["objectives"]},
        format="json",
    )


def _submit_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _page(ctx, actor).post(reverse("casework:care_plan_submit", args=[ctx.draft.pk]))


def _submit_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(f"{API}/care-plans/{ctx.draft.pk}/submit/")


def _decide(verdict: str) -> tuple[Any, Any]:
    def page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
        return _page(ctx, actor).post(
            reverse(f"casework:care_plan_{verdict}", args=[ctx.submitted.pk]),
            {"comment": a.get("comment", "")},
        )

    def api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
        return _api(ctx, actor).post(
            f"{API}/care-plans/{ctx.submitted.pk}/{verdict}/",
            {"comment": a.get("comment", "")},
            format="json",
        )

    return page, api


RECORD = Write(_record_page, _record_api, S + "incident_record")
ANALYSE = Write(_analyse_page, _analyse_api, S + "incident_analyse", api_ok=200)
ACTION = Write(_action_page, _action_api, S + "incident_action_add")
DONE = Write(_done_page, _done_api, S + "incident_action_done", api_ok=200)
CONCERN = Write(_concern_page, _concern_api, S + "incident_concern_record", api_ok=200)
CLOSE = Write(_close_page, _close_api, S + "incident_close", api_ok=200)
DRAFT = Write(_draft_page, _draft_api, S + "care_plan_save")
SUBMIT = Write(_submit_page, _submit_api, S + "care_plan_submit", api_ok=200)
APPROVE = Write(*_decide("approve"), S + "care_plan_approve", api_ok=200)
RETURN = Write(*_decide("return"), S + "care_plan_return", api_ok=200)


@dataclass(frozen=True)
class Case:
    name: str
    actor: str
    write: Write
    args: dict[str, Any]
    expected: Any


def member(name: str) -> Any:
    return lambda ctx: getattr(ctx.cw, name, None) or getattr(ctx.cw.w, name)


FACTS = {"facts": "Fugue d'une nuit"}
CASES = [
    Case("a member records an incident", "professional", RECORD, FACTS, OK),
    Case(
        "an incident without facts",
        "professional",
        RECORD,
        {"facts": ""},
        Refused("Describe the facts: an incident cannot be recorded without them."),
    ),
    Case("the coordinator records an incident", "coordinator", RECORD, FACTS, FORBIDDEN),
    Case("another core team records an incident here", "olga", RECORD, FACTS, HIDDEN),
    Case("another organisation records an incident here", "worker_b", RECORD, FACTS, HIDDEN),
    Case("a member analyses the incident", "gina", ANALYSE, {"causes": "Conflit"}, OK),
    Case(
        "an analysis without causes",
        "gina",
        ANALYSE,
        {"causes": ""},
        Refused("Describe the causes."),
    ),
    Case("another core team analyses", "olga", ANALYSE, {"causes": "x"}, HIDDEN),
    Case("a member adds an action", "professional", ACTION, {"owner": member("gina")}, OK),
    Case(
        "an action owned outside the core team",
        "professional",
        ACTION,
        {"owner": member("olga")},
        Refused("Olga Autre is not a member of this core team."),
    ),
    Case(
        "another organisation adds an action", "worker_b", ACTION, {"owner": member("gina")}, HIDDEN
    ),
    Case("the owner marks the action done", "gina", DONE, {}, OK),
    Case(
        "someone else marks the action done",
        "professional",
        DONE,
        {},
        Refused("Only the owner of this action marks it done."),
    ),
    Case("another core team marks the action done", "olga", DONE, {}, HIDDEN),
    Case(
        "a member records an information préoccupante",
        "gina",
        CONCERN,
        {"recipient": "CRIP du Nord"},
        OK,
    ),
    Case(
        "an information préoccupante without recipient",
        "gina",
        CONCERN,
        {"recipient": ""},
        Refused("Name the recipient (the département's CRIP)."),
    ),
    Case(
        "closing an incident not analysed",
        "gina",
        CLOSE,
        {},
        Refused("Analyse the incident (causes, lessons learned) before closing."),
    ),
    Case("the guardian drafts the care plan", "professional", DRAFT, {"objectives": "École"}, OK),
    Case(
        "a member who is not the guardian drafts it",
        "gina",
        DRAFT,
        {"objectives": "École"},
        Refused("Only the case's responsible guardian drafts its care plan."),
    ),
    Case(
        "a draft without objectives",
        "professional",
        DRAFT,
        {"objectives": ""},
        Refused("Write the plan's objectives."),
    ),
    Case("another core team drafts", "olga", DRAFT, {"objectives": "École"}, HIDDEN),
    Case("the coordinator drafts", "coordinator", DRAFT, {"objectives": "École"}, HIDDEN),
    Case("the author submits the draft", "gina", SUBMIT, {}, OK),
    Case(
        "another member submits the draft",
        "professional",
        SUBMIT,
        {},
        Refused("Only the author of this version submits it."),
    ),
    Case("another member approves", "gina", APPROVE, {}, OK),
    Case(
        "the author approves their own plan",
        "professional",
        APPROVE,
        {},
        Refused("The author of a care plan cannot approve it"),
    ),
    Case("another core team approves", "olga", APPROVE, {}, HIDDEN),
    Case("the coordinator approves", "coordinator", APPROVE, {}, HIDDEN),
    Case("another organisation approves", "coordinator_b", APPROVE, {}, HIDDEN),
    Case("another member returns with a comment", "colleague", RETURN, {"comment": "Plus"}, OK),
    Case(
        "a return without comment",
        "colleague",
        RETURN,
        {"comment": ""},
        Refused("Say what the plan needs: a comment is required."),
    ),
    Case(
        "the author returns their own plan",
        "professional",
        RETURN,
        {"comment": "Plus"},
        Refused("The author of a care plan cannot return it"),
    ),
]


@pytest.fixture
def ctx(cw, open_case, client, api_for):  # type: ignore[no-untyped-def]
    w = cw.w
    lina, noe, malo = (
        open_case(cw.children[0]),
        open_case(cw.children[2]),
        open_case(cw.children[1]),
    )
    services.case_assign(case=lina, guardian=w.professional, reason="Suivi", by=SYSTEM)
    services.case_assign(case=noe, guardian=cw.gina, reason="Suivi", by=SYSTEM)
    services.case_assign(case=malo, guardian=w.professional, reason="Suivi", by=SYSTEM)
    incident = services.incident_record(
        team=w.core, cases=[noe], kind="violence", occurred_on=_days(-3),
        facts="Bagarre au foyer", by=w.professional,
    )  # fmt: skip
    action = services.incident_action_add(
        incident=incident, description="Appeler le foyer", owner=cw.gina, due_on=_days(3),
        by=w.professional,
    )  # fmt: skip
    draft = services.care_plan_save(case=noe, needs="", objectives="Santé", actions="", by=cw.gina)
    submitted = services.care_plan_submit(
        plan=services.care_plan_save(
            case=malo, needs="", objectives="École", actions="", by=w.professional
        ),
        by=w.professional,
    )
    lina.refresh_from_db()
    return SimpleNamespace(
        cw=cw,
        team=w.core,
        lina=lina,
        incident=incident,
        action=action,
        draft=draft,
        submitted=submitted,
        client=client,
        api_for=api_for,
    )


def _actor(ctx: Any, name: str) -> Any:
    return getattr(ctx.cw, name, None) or getattr(ctx.cw.w, name)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, _actor(ctx, case.actor), case.args)
    assert_same(case.expected, page, api, case.write)
