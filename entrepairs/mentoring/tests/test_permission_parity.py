"""Who may screen and decide on mentors, and decide on matching proposals, is checked by the
services (`by=`), not by the views: the page and the API reach the same service and give the same
answer — 403 with the service's sentence to someone who sees the record but may not act, 404 to
someone who may not see it, success to the programme's coordinator (the positive control)."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from entrepairs.core.tests.parity import OK, Outcome, Write, assert_same, run_both
from entrepairs.mentoring import lifecycle, services
from entrepairs.mentoring.models import Proposal

API = "/api/v1/mentoring"
SCREENS = "Only the programme's coordinators screen and decide on mentors."
DECIDES = "Only the programme's coordinators decide on matching proposals."


@dataclass(frozen=True)
class Forbidden:
    message: str


NOT_FOUND = "not_found"


def _login(ctx: Any, actor: Any) -> Any:
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    return ctx.client


def _mentor_page(data: dict[str, str]) -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        return _login(ctx, actor).post(f"/mentoring/mentors/{ctx.m.mentor.pk}/", data)

    return post


def _mentor_api(action: str, data: dict[str, Any]) -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        return ctx.api_for(actor).post(
            f"{API}/mentors/{ctx.m.mentor.pk}/{action}/", data, format="json"
        )

    return post


def _proposal_page(action: str) -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        return _login(ctx, actor).post(f"/mentoring/proposals/{ctx.proposal.pk}/{action}/")

    return post


def _proposal_api(action: str) -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        return ctx.api_for(actor).post(f"{API}/proposals/{ctx.proposal.pk}/{action}/")

    return post


SERVICES = "entrepairs.mentoring.services."
LIFECYCLE = "entrepairs.mentoring.lifecycle."
WRITES = {
    "screening": Write(
        _mentor_page(
            {
                "action": "screening",
                "s-kind": "interview",
                "s-outcome": "passed",
                "s-done_on": "2026-01-05",
            }
        ),
        _mentor_api(
            "screening", {"kind": "interview", "outcome": "passed", "done_on": "2026-01-05"}
        ),
        SERVICES + "screening_record",
        api_ok=200,
    ),
    "flag": Write(
        _mentor_page({"action": "flag", "f-flagged": "on", "f-flag_reason": "to check"}),
        _mentor_api("flag", {"flagged": True, "flag_reason": "to check"}),
        SERVICES + "mentor_flag",
        api_ok=200,
    ),
    "decide": Write(
        _mentor_page({"action": "withdrawn"}),
        _mentor_api("decide", {"status": "withdrawn"}),
        SERVICES + "mentor_decide",
        api_ok=200,
    ),
    "accept": Write(
        _proposal_page("accept"), _proposal_api("accept"), LIFECYCLE + "proposal_accept"
    ),
    "reject": Write(
        _proposal_page("reject"), _proposal_api("reject"), LIFECYCLE + "proposal_reject", 200
    ),
    "pin": Write(_proposal_page("pin"), _proposal_api("pin"), LIFECYCLE + "proposal_pin", 200),
}

CASES = [
    *[(w, "mentor_self", Forbidden(SCREENS)) for w in ("screening", "flag", "decide")],
    *[(w, "coordinator_b", NOT_FOUND) for w in ("screening", "flag", "decide")],
    *[(w, "coordinator", OK) for w in ("screening", "flag", "decide")],
    *[(w, "coordinator_b", NOT_FOUND) for w in ("accept", "reject", "pin")],
    *[(w, "mentor_self", NOT_FOUND) for w in ("accept", "reject", "pin")],
    *[(w, "coordinator", OK) for w in ("accept", "reject", "pin")],
]


@pytest.fixture
def ctx(mworld, client, api_for):  # type: ignore[no-untyped-def]
    run = lifecycle.matching_start(programme=mworld.programme)
    return SimpleNamespace(
        m=mworld,
        client=client,
        api_for=api_for,
        proposal=Proposal.objects.get(run=run),
        coordinator=mworld.world.coordinator,
        coordinator_b=mworld.world.coordinator_b,
        mentor_self=mworld.mentor.person,
    )


def _assert(expected: Any, page: Outcome, api: Outcome, write: Write) -> None:
    if isinstance(expected, Forbidden):
        assert page.status == 403 and expected.message in page.text, page.text[:2000]
        assert api.status == 403 and expected.message in api.text, api.text
        assert write.service in page.services and write.service in api.services
    elif expected == NOT_FOUND:
        assert (page.status, api.status) == (404, 404)
        assert write.service not in page.services + api.services
    else:
        assert_same(expected, page, api, write)


@pytest.mark.parametrize(
    ("write", "actor", "expected"), CASES, ids=[f"{w}-{a}" for w, a, _e in CASES]
)
def test_it_gives_the_page_and_the_api_the_same_answer(
    ctx, write: str, actor: str, expected: Any
) -> None:
    page, api = run_both(ctx, WRITES[write], getattr(ctx, actor), {})
    _assert(expected, page, api, WRITES[write])


@pytest.mark.parametrize("by", ["coordinator_b", "mentor_self", None])
def test_it_refuses_in_the_services_whoever_calls_them(ctx, by: str | None) -> None:
    """Commands, tasks and future channels get the same refusal: it lives in the services."""
    actor = getattr(ctx, by) if by else None
    mentor, proposal = ctx.m.mentor, ctx.proposal
    calls = [
        (
            SCREENS,
            lambda: services.screening_record(
                mentor=mentor, kind="interview", outcome="passed", by=actor
            ),
        ),
        (SCREENS, lambda: services.mentor_flag(mentor=mentor, flagged=True, reason="x", by=actor)),
        (SCREENS, lambda: services.mentor_decide(mentor=mentor, status="withdrawn", by=actor)),
        (DECIDES, lambda: lifecycle.proposal_accept(proposal=proposal, by=actor)),
        (DECIDES, lambda: lifecycle.proposal_reject(proposal=proposal, by=actor)),
        (DECIDES, lambda: lifecycle.proposal_pin(proposal=proposal, pinned=True, by=actor)),
        (DECIDES, lambda: lifecycle.proposal_swap(first=proposal, second=proposal, by=actor)),
    ]
    for message, call in calls:
        with pytest.raises(PermissionDenied, match=message):
            call()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PROPOSED and not proposal.pinned
