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

from entrepairs.core.services import SYSTEM
from entrepairs.core.tests.parity import (
    HIDDEN_IN_BODY,
    OK,
    Outcome,
    Write,
    assert_same,
    page_as,
    run_both,
)
from entrepairs.mentoring import lifecycle, services
from entrepairs.mentoring.models import Match, Proposal

API = "/api/v1/mentoring"
SCREENS = "Only the programme's coordinators screen and decide on mentors."
DECIDES = "Only the programme's coordinators decide on matching proposals."


@dataclass(frozen=True)
class Forbidden:
    message: str


NOT_FOUND = "not_found"


def _mentor_page(data: dict[str, str]) -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        return page_as(ctx, actor).post(f"/mentoring/mentors/{ctx.m.mentor.pk}/", data)

    return post


def _mentor_api(action: str, data: dict[str, Any]) -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        return ctx.api_for(actor).post(
            f"{API}/mentors/{ctx.m.mentor.pk}/{action}/", data, format="json"
        )

    return post


def _proposal_page(action: str) -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        # confirmed: the page's confirmation step (rejecting asks first) is not the rule tested
        url = f"/mentoring/proposals/{ctx.proposal.pk}/{action}/"
        return page_as(ctx, actor).post(url, {"confirmed": "1"})

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
        # The page asks first (issue 15 §9); the confirmed post is the write.
        _mentor_page({"action": "withdrawn", "confirmed": "1"}),
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
    run = lifecycle.matching_start(by=SYSTEM, programme=mworld.programme)
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


# --- writes on a match: checked by the lifecycle services through rules.MatchRights ----------

MANAGES = "Only the programme's coordinators and the youth's agency manage this match."
FOLLOWS = (
    "Only the programme's coordinators, the youth's agency and the mentors follow up this match."
)
RUNS = "Only the programme's coordinators introduce a match or add a mentor."
# The state each write needs to succeed, set before both channels (the savepoint undoes it).
BEFORE = {"resume": "paused", "reopen": "ended_early", "introduce": "proposed"}


def _open_checkin(match: Match, party: str) -> Any:
    return match.checkins.get(done_on__isnull=True, party=party)


def _match_page(action: str, data: dict[str, str], party: str = "mentor") -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        match, fields = ctx.match, dict(data)
        if action in BEFORE:
            Match.objects.filter(pk=match.pk).update(status=BEFORE[action])
        if action == "checkin":
            checkin = _open_checkin(match, party)
            fields = {
                "checkin": str(checkin.pk),
                f"ci{checkin.pk}-rating": "4",
                f"ci{checkin.pk}-told_by": "au téléphone",  # on a party's behalf: who told
            }
        return page_as(ctx, actor).post(
            f"/mentoring/matches/{match.pk}/", {"action": action, **fields}
        )

    return post


def _match_api(path: str, data: dict[str, Any], party: str = "mentor") -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        match, body = ctx.match, dict(data)
        if path in BEFORE:
            Match.objects.filter(pk=match.pk).update(status=BEFORE[path])
        if path == "checkins":
            body["checkin"] = str(_open_checkin(match, party).pk)
            body["told_by"] = "au téléphone"
        return ctx.api_for(actor).post(f"{API}/matches/{match.pk}/{path}/", body, format="json")

    return post


CLOSE = {
    "reason": "mentor_moving",
    "conversation_on": "2026-11-01",
    "conversation": "we talked",
    "youth_view": "she agrees",
}
MATCH_WRITES = {
    "pause": Write(
        _match_page("pause", {"p-reason": "Holidays", "p-kind": "holidays"}),
        _match_api("pause", {"reason": "Holidays", "kind": "holidays"}),
        LIFECYCLE + "match_pause",
        api_ok=200,
    ),
    "resume": Write(
        _match_page("resume", {}), _match_api("resume", {}), LIFECYCLE + "match_resume", 200
    ),
    "close": Write(
        _match_page("close", {f"c-{k}": v for k, v in CLOSE.items()}),
        _match_api("close", CLOSE),
        LIFECYCLE + "match_close",
        api_ok=200,
    ),
    "reopen": Write(
        _match_page("reopen", {}), _match_api("reopen", {}), LIFECYCLE + "match_reopen", 200
    ),
    "introduce": Write(
        _match_page("introduce", {}),
        _match_api("introduce", {}),
        LIFECYCLE + "match_introduce",
        api_ok=200,
    ),
    "contact": Write(
        _match_page("contact", {"k-kind": "meeting", "k-happened_on": "2026-11-01"}),
        _match_api("contacts", {"kind": "meeting", "happened_on": "2026-11-01"}),
        LIFECYCLE + "contact_record",
    ),
    "note": Write(
        _match_page("note", {"n-text": "Going well"}),
        _match_api("notes", {"text": "Going well"}),
        LIFECYCLE + "progress_note_add",
    ),
    "checkin": Write(
        _match_page("checkin", {}),
        _match_api("checkins", {"rating": 4}),
        LIFECYCLE + "checkin_record",
        api_ok=200,
    ),
    **{
        f"checkin_{party}": Write(
            _match_page("checkin", {}, party=party),
            _match_api("checkins", {"rating": 1, "meets_regularly": False}, party=party),
            LIFECYCLE + "checkin_record",
            api_ok=200,
        )
        for party in ("youth", "guardian")
    },
}
MANAGED = ("pause", "resume", "close", "reopen")
FOLLOWED = ("contact", "note", "checkin")
# Each party records its own check-in; those who manage the match record any on a party's behalf.
OTHER_PARTIES = ("checkin_youth", "checkin_guardian")
OWN_CHECKIN = (
    "A mentor records the mentor's check-in only; the programme's coordinators and "
    "the youth's agency record the youth's and the guardian's."
)
MATCH_CASES = [
    *[(w, "mentor_self", Forbidden(MANAGES)) for w in MANAGED],
    *[(w, "guardian", Forbidden(FOLLOWS)) for w in FOLLOWED],
    *[(w, "case_worker", Forbidden(RUNS)) for w in ("introduce",)],
    *[(w, "outsider", NOT_FOUND) for w in (*MANAGED, *FOLLOWED, "introduce")],
    *[(w, "case_worker", OK) for w in MANAGED],
    *[(w, "mentor_self", OK) for w in FOLLOWED],
    *[(w, "coordinator", OK) for w in (*MANAGED, *FOLLOWED, "introduce")],
    *[(w, "mentor_self", Forbidden(OWN_CHECKIN)) for w in OTHER_PARTIES],
    *[(w, "guardian", Forbidden(FOLLOWS)) for w in OTHER_PARTIES],
    *[(w, who, OK) for w in OTHER_PARTIES for who in ("coordinator", "case_worker")],
]


@pytest.fixture
def mctx(mworld, active_match, client, api_for):  # type: ignore[no-untyped-def]
    from entrepairs.accounts.models import User

    guardian = mworld.youth.guardian
    guardian.user = User.objects.create_user("gina@x.test", mworld.world.password)
    guardian.save()

    def api_as(who: Any) -> Any:
        # A guardian's token is scoped to the programme's organisation, where the meetings are.
        return api_for(who, active_match.organisation) if who == guardian else api_for(who)

    return SimpleNamespace(
        m=mworld,
        match=active_match,
        client=client,
        api_for=api_as,
        coordinator=mworld.world.coordinator,
        outsider=mworld.world.professional,  # same organisation, no part in the match
        case_worker=mworld.world.worker_b,
        mentor_self=mworld.mentor.person,
        guardian=guardian,
    )


@pytest.mark.parametrize(
    ("write", "actor", "expected"), MATCH_CASES, ids=[f"{w}-{a}" for w, a, _e in MATCH_CASES]
)
def test_a_match_write_gets_the_same_answer_on_the_page_and_the_api(
    mctx, write: str, actor: str, expected: Any
) -> None:
    page, api = run_both(mctx, MATCH_WRITES[write], getattr(mctx, actor), {})
    _assert(expected, page, api, MATCH_WRITES[write])


@pytest.mark.parametrize("by", ["outsider", "guardian", None])
def test_a_match_write_is_refused_in_the_service_whoever_calls_it(mctx, by: str | None) -> None:
    actor = getattr(mctx, by) if by else None
    match, youth = mctx.match, mctx.m.youth
    checkin = match.checkins.filter(done_on__isnull=True).first()
    calls = [
        (
            MANAGES,
            lambda: lifecycle.match_pause(
                match=match, reason="Holidays", kind="holidays", by=actor
            ),
        ),
        (MANAGES, lambda: lifecycle.match_resume(match=match, by=actor)),
        (MANAGES, lambda: lifecycle.match_close(match=match, by=actor, **_close_args())),
        (MANAGES, lambda: lifecycle.match_reopen(match=match, by=actor)),
        (RUNS, lambda: lifecycle.match_introduce(match=match, by=actor)),
        (RUNS, lambda: lifecycle.match_add_mentor(match=match, mentor=mctx.m.mentor, by=actor)),
        (FOLLOWS, lambda: lifecycle.contact_record(match=match, **_contact_args(), by=actor)),
        (
            FOLLOWS,
            lambda: lifecycle.progress_note_add(match=match, youth=youth, text="x", by=actor),
        ),
        (
            FOLLOWS,
            lambda: lifecycle.checkin_record(
                checkin=checkin, rating=4, meets_regularly=None, by=actor
            ),
        ),
    ]
    for message, call in calls:
        with pytest.raises(PermissionDenied, match=message):
            call()
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE and not match.contacts.exists()
    assert not match.progress_notes.exists()


def _close_args() -> dict[str, Any]:
    from datetime import date

    return {
        "reason": "mentor_moving",
        "conversation_on": date(2026, 11, 1),
        "conversation": "x",
        "youth_view": "y",
    }


def _contact_args() -> dict[str, Any]:
    from datetime import date

    return {"kind": "meeting", "happened_on": date(2026, 11, 1)}


# --- writes on a youth's file: checked by the services through rules.looks_after_youth --------

FILE = "Only the programme's coordinators and the youth's agency update the youth's file."


def _youth_page(action: str, data: dict[str, str]) -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        fields = {k: (v.format(**ctx.ids) if isinstance(v, str) else v) for k, v in data.items()}
        return page_as(ctx, actor).post(
            f"/mentoring/youths/{ctx.youth.pk}/", {"action": action, **fields}
        )

    return post


def _youth_api(path: str, data: dict[str, Any]) -> Any:
    def post(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        body = {k: (v.format(**ctx.ids) if isinstance(v, str) else v) for k, v in data.items()}
        return ctx.api_for(actor).post(f"{API}/youths/{ctx.youth.pk}/{path}/", body, format="json")

    return post


YOUTH_WRITES = {
    "consent": Write(
        _youth_page(
            "consent", {"c-party": "youth", "c-given_by": "La jeune", "c-given_on": "2026-11-01"}
        ),
        _youth_api("consent", {"party": "youth", "given_by": "La jeune"}),
        SERVICES + "consent_record",
        api_ok=200,
    ),
    "readiness": Write(
        _youth_page(
            "readiness", {"r-readiness": "ready", "r-mode": "individual", "r-note": "Prête"}
        ),
        _youth_api("readiness", {"readiness": "ready", "mode": "individual", "note": "Prête"}),
        SERVICES + "readiness_record",
        api_ok=200,
    ),
    "situation": Write(
        _youth_page("situation", {"s-kind": "placement", "s-happened_on": "2026-11-01"}),
        _youth_api("situation", {"kind": "placement", "happened_on": "2026-11-01"}),
        LIFECYCLE + "situation_change_record",
    ),
    "transfer": Write(
        _youth_page("transfer", {"x-to_agency": "{org_c}", "confirmed": "1"}),
        _youth_api("transfer", {"to_agency": "{org_c}"}),
        LIFECYCLE + "youth_transfer",
        api_ok=200,
    ),
    "case_worker": Write(
        _youth_page("case_worker", {"w-case_worker": "{worker}"}),
        _youth_api("case-worker", {"case_worker": "{worker}"}),
        LIFECYCLE + "youth_assign_case_worker",
        api_ok=200,
    ),
}
YOUTH_CASES = [
    *[(w, who, NOT_FOUND) for w in YOUTH_WRITES for who in ("outsider", "mentor_self")],
    *[(w, who, OK) for w in YOUTH_WRITES for who in ("case_worker", "coordinator")],
]


@pytest.fixture
def yctx(mworld, client, api_for):  # type: ignore[no-untyped-def]
    return SimpleNamespace(
        m=mworld,
        youth=mworld.youth,
        client=client,
        api_for=api_for,
        ids={"org_c": str(mworld.org_c.pk), "worker": str(mworld.world.worker_b.pk)},
        coordinator=mworld.world.coordinator,
        outsider=mworld.world.professional,
        case_worker=mworld.world.worker_b,
        mentor_self=mworld.mentor.person,
    )


@pytest.mark.parametrize(
    ("write", "actor", "expected"), YOUTH_CASES, ids=[f"{w}-{a}" for w, a, _e in YOUTH_CASES]
)
def test_a_youth_write_gets_the_same_answer_on_the_page_and_the_api(
    yctx, write: str, actor: str, expected: Any
) -> None:
    page, api = run_both(yctx, YOUTH_WRITES[write], getattr(yctx, actor), {})
    _assert(expected, page, api, YOUTH_WRITES[write])


@pytest.mark.parametrize("by", ["outsider", "mentor_self", None])
def test_a_youth_write_is_refused_in_the_service_whoever_calls_it(yctx, by: str | None) -> None:
    from datetime import date

    actor = getattr(yctx, by) if by else None
    youth = yctx.youth
    calls = [
        lambda: services.consent_record(youth=youth, party="youth", given_by="x", by=actor),
        lambda: services.readiness_record(
            youth=youth, readiness="ready", note="x", mode="individual", by=actor
        ),
        lambda: lifecycle.situation_change_record(
            youth=youth, kind="placement", happened_on=date(2026, 11, 1), by=actor
        ),
        lambda: lifecycle.youth_transfer(youth=youth, to_agency=yctx.m.org_c, by=actor),
        lambda: lifecycle.youth_assign_case_worker(youth=youth, case_worker=None, by=actor),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied, match=FILE):
            call()
    youth.refresh_from_db()
    assert youth.case_worker_id == yctx.case_worker.pk and not youth.transfers.exists()


# --- starting a matching run: checked by lifecycle.matching_start --------------------------------

RUNS_MATCHING = "Only the programme's coordinators run matching and make matches."
RUN = Write(
    lambda ctx, actor, args: page_as(ctx, actor).post(
        f"/mentoring/programmes/{ctx.m.programme.pk}/matching/"
    ),
    lambda ctx, actor, args: ctx.api_for(actor).post(
        f"{API}/runs/", {"programme": str(ctx.m.programme.pk)}, format="json"
    ),
    LIFECYCLE + "matching_start",
)
RUN_CASES = [
    ("case_worker", Forbidden(RUNS_MATCHING)),  # a partner agency sees the programme
    # The page names the programme in its address (404); the API in its body, where an unseen
    # programme answers like a missing id (security review F9).
    ("outsider", HIDDEN_IN_BODY),
    ("coordinator", OK),
]


@pytest.mark.parametrize(("actor", "expected"), RUN_CASES, ids=[a for a, _e in RUN_CASES])
def test_starting_matching_gets_the_same_answer_on_the_page_and_the_api(
    yctx, actor: str, expected: Any
) -> None:
    page, api = run_both(yctx, RUN, getattr(yctx, actor), {})
    _assert(expected, page, api, RUN)
