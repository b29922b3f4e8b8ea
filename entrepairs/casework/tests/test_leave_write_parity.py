"""Leave-cover and continuity writes give the same answer on the page and in the API, from one
table of cases (entrepairs/core/tests/parity.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepairs.casework import services
from entrepairs.casework.models import LeaveCover
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
TODAY = timezone.localdate()


def _page(ctx: Any, actor: Any) -> Any:
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    return ctx.client


def _leave(ctx: Any, args: dict[str, Any]) -> Any:
    return ctx.leaves[args.get("leave", "covered")]


def _plan_page(ctx, actor, args):  # type: ignore[no-untyped-def]
    return _page(ctx, actor).post(reverse("casework:leave_plan", args=[_leave(ctx, args).pk]))


def _plan_api(ctx, actor, args):  # type: ignore[no-untyped-def]
    return ctx.api_for(actor).post(f"{API}/leave-plans/{_leave(ctx, args).pk}/plan/")


def _replacement_page(ctx, actor, args):  # type: ignore[no-untyped-def]
    leave = _leave(ctx, args)
    prefix = str(ctx.case.pk)
    return _page(ctx, actor).post(
        reverse("casework:leave_replacement", args=[leave.pk]),
        {
            "prefix": prefix,
            f"{prefix}-case": ctx.case.pk,
            f"{prefix}-replacement": args["replacement"](ctx).pk,
        },
    )


def _replacement_api(ctx, actor, args):  # type: ignore[no-untyped-def]
    return ctx.api_for(actor).post(
        f"{API}/leave-plans/{_leave(ctx, args).pk}/replacement/",
        {"case": str(ctx.case.pk), "replacement": str(args["replacement"](ctx).pk)},
        format="json",
    )


def _approve_page(ctx, actor, args):  # type: ignore[no-untyped-def]
    return _page(ctx, actor).post(reverse("casework:leave_approve", args=[_leave(ctx, args).pk]))


def _approve_api(ctx, actor, args):  # type: ignore[no-untyped-def]
    return ctx.api_for(actor).post(f"{API}/leave-plans/{_leave(ctx, args).pk}/approve/")


def _contact_page(ctx, actor, args):  # type: ignore[no-untyped-def]
    return _page(ctx, actor).post(
        reverse("casework:contact_add", args=[ctx.case.pk]),
        {"happened_on": args["on"].isoformat(), "kind": "visit"},
    )


def _contact_api(ctx, actor, args):  # type: ignore[no-untyped-def]
    return ctx.api_for(actor).post(
        f"{API}/contacts/",
        {"case": str(ctx.case.pk), "happened_on": args["on"].isoformat(), "kind": "visit"},
        format="json",
    )


def _threshold_page(ctx, actor, args):  # type: ignore[no-untyped-def]
    return _page(ctx, actor).post(
        reverse("casework:threshold") + f"?organisation={ctx.cw.w.org_a.pk}",
        {"contact_threshold_days": args["days"]},
    )


def _threshold_api(ctx, actor, args):  # type: ignore[no-untyped-def]
    return ctx.api_for(actor).post(
        f"{API}/settings/",
        {"organisation": str(ctx.cw.w.org_a.pk), "contact_threshold_days": args["days"]},
        format="json",
    )


PLAN = Write(_plan_page, _plan_api, S + "leave_cover_plan", api_ok=200)
REPLACEMENT = Write(_replacement_page, _replacement_api, S + "leave_cover_set", api_ok=200)
APPROVE = Write(_approve_page, _approve_api, S + "leave_approve", api_ok=200)
CONTACT = Write(_contact_page, _contact_api, S + "contact_record")
THRESHOLD = Write(_threshold_page, _threshold_api, S + "casework_settings_save")


def member(name: str) -> Any:
    return lambda ctx: getattr(ctx.cw, name, None) or getattr(ctx.cw.w, name)


@dataclass(frozen=True)
class Case:
    name: str
    actor: str
    write: Write
    args: dict[str, Any]
    expected: Any


CASES = [
    Case("a colleague recalculates the cover", "gina", PLAN, {}, OK),
    Case("the coordinator recalculates the cover", "coordinator", PLAN, {}, HIDDEN),
    Case("another core team recalculates the cover", "olga", PLAN, {}, HIDDEN),
    Case(
        "a colleague names a replacement",
        "gina",
        REPLACEMENT,
        {"replacement": member("professional")},
        OK,
    ),
    Case(
        "a replacement outside the core team",
        "gina",
        REPLACEMENT,
        {"replacement": member("olga")},
        Refused("Olga Autre is not a member of this core team"),
    ),
    Case(
        "another organisation names a replacement",
        "worker_b",
        REPLACEMENT,
        {"replacement": member("professional")},
        HIDDEN,
    ),
    Case("a colleague approves the leave", "gina", APPROVE, {}, OK),
    Case("the member approves their own leave", "colleague", APPROVE, {}, FORBIDDEN),
    Case(
        "approving a leave that leaves a case uncovered",
        "professional",
        APPROVE,
        {"leave": "uncovered"},
        Refused("This leave would leave 1 case without a replacement"),
    ),
    Case("another core team approves the leave", "olga", APPROVE, {}, HIDDEN),
    Case("a member records a contact", "gina", CONTACT, {"on": TODAY}, OK),
    Case(
        "a contact dated ahead",
        "gina",
        CONTACT,
        {"on": TODAY + datetime.timedelta(days=2)},
        Refused("A contact is recorded once it has happened"),
    ),
    Case("another core team records a contact", "olga", CONTACT, {"on": TODAY}, HIDDEN),
    Case("the coordinator sets the threshold", "coordinator", THRESHOLD, {"days": 30}, OK),
    Case(
        "a threshold of three days",
        "coordinator",
        THRESHOLD,
        {"days": 3},
        Refused("Give a number of days between 7 and 365."),
    ),
    Case("a member sets the threshold", "professional", THRESHOLD, {"days": 30}, FORBIDDEN),
    Case(
        "another organisation's coordinator sets the threshold",
        "coordinator_b",
        THRESHOLD,
        {"days": 30},
        HIDDEN,
    ),
]


@pytest.fixture
def ctx(cw, open_case, client, api_for):  # type: ignore[no-untyped-def]
    case = open_case(cw.children[0])
    services.case_assign(case=case, guardian=cw.w.colleague, reason="r", by=SYSTEM)
    covered = services.leave_record(
        person=cw.w.colleague, starts_on=TODAY, ends_on=TODAY + datetime.timedelta(5), by=SYSTEM
    )
    # Gina's own leave later on, whose one case the plan could not cover (no room, say).
    other = open_case(cw.children[1])
    services.case_assign(case=other, guardian=cw.gina, reason="r", by=SYSTEM)
    uncovered = services.leave_record(
        person=cw.gina,
        starts_on=TODAY + datetime.timedelta(20),
        ends_on=TODAY + datetime.timedelta(25),
        by=SYSTEM,
    )
    LeaveCover.objects.filter(leave=uncovered).update(replacement=None, uncovered="capacity")
    return SimpleNamespace(
        cw=cw,
        case=case,
        leaves={"covered": covered, "uncovered": uncovered},
        client=client,
        api_for=api_for,
    )


def _actor(ctx: Any, name: str) -> Any:
    return getattr(ctx.cw, name, None) or getattr(ctx.cw.w, name)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, _actor(ctx, case.actor), case.args)
    assert_same(case.expected, page, api, case.write)
