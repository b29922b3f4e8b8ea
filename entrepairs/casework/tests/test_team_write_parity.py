"""Team writes (meetings, peer review, policies, audits) give the same answer on the page and in
the API, from one table of cases (entrepairs/core/tests/parity.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from entrepairs.casework import selectors, services
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


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def _page(url: Any, data: Any, *, follow: bool = False) -> Any:
    def run(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
        return ctx.client.post(url(ctx, args), data(ctx, args), follow=follow)

    return run


def _api(url: Any, data: Any) -> Any:
    def run(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        return ctx.api_for(actor).post(f"{API}/{url(ctx, args)}", data(ctx, args), format="json")

    return run


def _write(page_url: Any, api_url: Any, page_data: Any, api_data: Any, service: str, **kw: Any):  # type: ignore[no-untyped-def]
    follow = kw.pop("follow", False)
    return Write(
        _page(page_url, page_data, follow=follow),
        _api(api_url, api_data),
        S + service,
        page_refused=200,
        **kw,
    )


def _core(ctx: Any, args: Any) -> str:
    return str(ctx.cw.w.core.pk)


def _meeting(ctx: Any, args: Any) -> Any:
    return ctx.meetings[args.get("meeting", "open")]


def _rating_page(ctx: Any, args: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"feedback": args.get("feedback", "Suivi précis.")}
    for i in ctx.indicators:
        data[f"rating_{i.pk}"] = "3"
    return data


def _rating_api(ctx: Any, args: Any) -> dict[str, Any]:
    return {
        "case": str(ctx.case.pk),
        "ratings": [{"indicator": str(i.pk), "rating": 3} for i in ctx.indicators],
        "feedback": args.get("feedback", "Suivi précis."),
    }


def _audit_page(ctx: Any, args: Any) -> dict[str, Any]:
    return {
        "title": "Audit",
        "starts_on": TODAY,
        "ends_on": _days(10),
        "sample_size": args["size"],
        "seed": 3,
        "auditors": [ctx.cw.w.manager.pk],
    }


def _audit_api(ctx: Any, args: Any) -> dict[str, Any]:
    return {
        "core_team": str(ctx.cw.w.core.pk),
        "title": "Audit",
        "starts_on": str(TODAY),
        "ends_on": str(_days(10)),
        "sample_size": args["size"],
        "seed": 3,
        "auditors": [str(ctx.cw.w.manager.pk)],
    }


def _finding(ctx: Any, args: Any) -> dict[str, Any]:
    case = ctx.sampled if args.get("sampled", True) else ctx.unsampled
    return {"case": str(case.pk), "indicator": str(ctx.indicators[0].pk), "rating": 2}


def _person(name: str) -> Any:
    return lambda ctx: getattr(ctx.cw, name, None) or getattr(ctx.cw.w, name)


MEETING = _write(
    lambda c, a: f"/casework/teams/{c.cw.w.core.pk}/meetings/",
    lambda c, a: "meetings/",
    lambda c, a: {"held_on": a["day"], "place": "Salle 2"},
    lambda c, a: {"core_team": _core(c, a), "held_on": str(a["day"]), "place": "Salle 2"},
    "meeting_create",
)
TOPIC = _write(
    lambda c, a: f"/casework/teams/{c.cw.w.core.pk}/topics/",
    lambda c, a: "topics/",
    lambda c, a: {"title": a["title"]},
    lambda c, a: {"core_team": _core(c, a), "title": a["title"]},
    "topic_add",
)
MINUTES = _write(
    lambda c, a: f"/casework/meetings/{_meeting(c, a).pk}/minutes/",
    lambda c, a: f"meetings/{_meeting(c, a).pk}/minutes/",
    lambda c, a: {"minutes": a["minutes"]},
    lambda c, a: {"minutes": a["minutes"]},
    "meeting_minutes_save",
    api_ok=200,
)
REFRESH_ARGS: tuple[Any, ...] = (
    lambda c, a: f"/casework/meetings/{_meeting(c, a).pk}/agenda/",
    lambda c, a: f"meetings/{_meeting(c, a).pk}/agenda/",
    lambda c, a: {},
    lambda c, a: {},
    "meeting_agenda_refresh",
)
REFRESH = _write(*REFRESH_ARGS, api_ok=200)
REFRESH_SEEN = _write(*REFRESH_ARGS, api_ok=200, follow=True)
ATTENDANCE = _write(
    lambda c, a: f"/casework/meetings/{_meeting(c, a).pk}/attendance/",
    lambda c, a: f"meetings/{_meeting(c, a).pk}/attendance/",
    lambda c, a: {"person": a["person"](c).pk, "status": "present"},
    lambda c, a: {"person": str(a["person"](c).pk), "status": "present"},
    "meeting_attendance_record",
    api_ok=200,
)
ACTION = _write(
    lambda c, a: f"/casework/meetings/{_meeting(c, a).pk}/actions/",
    lambda c, a: f"meetings/{_meeting(c, a).pk}/actions/",
    lambda c, a: {"title": "Relancer l'ASE", "owner": c.cw.gina.pk, "due_on": a["due"]},
    lambda c, a: {"title": "Relancer l'ASE", "owner": str(c.cw.gina.pk), "due_on": str(a["due"])},
    "meeting_action_add",
)
REVIEW = _write(
    lambda c, a: f"/casework/cases/{c.case.pk}/peer-review/",
    lambda c, a: "peer-reviews/",
    _rating_page,
    _rating_api,
    "peer_review_give",
)
ANSWER = _write(
    lambda c, a: f"/casework/peer-reviews/{c.review.pk}/answer/",
    lambda c, a: f"peer-reviews/{c.review.pk}/answer/",
    lambda c, a: {"answer": a["answer"]},
    lambda c, a: {"answer": a["answer"]},
    "peer_review_answer",
    api_ok=200,
)
INDICATOR = _write(
    lambda c, a: "/casework/indicators/",
    lambda c, a: "indicators/",
    lambda c, a: {"name": a["name"], "position": 9},
    lambda c, a: {"name": a["name"], "position": 9},
    "indicator_save",
)
POLICY = _write(
    lambda c, a: "/casework/policies/",
    lambda c, a: "policies/",
    lambda c, a: {"title": a["title"], "text": "Texte", "effective_on": TODAY},
    lambda c, a: {"title": a["title"], "text": "Texte", "effective_on": str(TODAY)},
    "policy_publish",
)
ACK_ARGS: tuple[Any, ...] = (
    lambda c, a: f"/casework/policies/{c.policy.pk}/acknowledge/",
    lambda c, a: f"policies/{c.policy.pk}/acknowledge/",
    lambda c, a: {},
    lambda c, a: {},
    "policy_acknowledge",
)
ACK = _write(*ACK_ARGS, api_ok=200)
ACK_SEEN = _write(*ACK_ARGS, api_ok=200, follow=True)
AUDIT = _write(
    lambda c, a: f"/casework/teams/{c.cw.w.core.pk}/audits/",
    lambda c, a: "audits/",
    _audit_page,
    _audit_api,
    "audit_open",
)
FINDING = _write(
    lambda c, a: f"/casework/audits/{c.audit.pk}/findings/",
    lambda c, a: f"audits/{c.audit.pk}/findings/",
    _finding,
    _finding,
    "audit_finding_record",
)
AUDIT_ACTION = _write(
    lambda c, a: f"/casework/audits/{c.audit.pk}/actions/",
    lambda c, a: f"audits/{c.audit.pk}/actions/",
    lambda c, a: {"title": "Signer les PPE", "owner": a["owner"](c).pk, "due_on": _days(20)},
    lambda c, a: {
        "title": "Signer les PPE",
        "owner": str(a["owner"](c).pk),
        "due_on": str(_days(20)),
    },
    "audit_action_add",
)


@dataclass(frozen=True)
class Case:
    name: str
    actor: str
    write: Write
    args: dict[str, Any]
    expected: Any


NOT_MEMBER = "Olga Autre is not a member of this core team."
CASES = [
    Case("a member plans a meeting", "professional", MEETING, {"day": _days(3)}, OK),
    Case(
        "a meeting two years back",
        "professional",
        MEETING,
        {"day": _days(-800)},
        Refused("A meeting is recorded at most a year back."),
    ),
    Case("the coordinator plans a meeting", "coordinator", MEETING, {"day": TODAY}, FORBIDDEN),
    Case("another core team plans a meeting", "olga", MEETING, {"day": TODAY}, HIDDEN),
    Case("a member adds a topic", "gina", TOPIC, {"title": "Astreintes"}, OK),
    Case(
        "a topic without a title", "gina", TOPIC, {"title": ""}, Refused("Give the topic a title.")
    ),
    Case("the coordinator adds a topic", "coordinator", TOPIC, {"title": "X"}, FORBIDDEN),
    Case("a member writes the minutes", "gina", MINUTES, {"minutes": "Vu."}, OK),
    Case("empty minutes", "gina", MINUTES, {"minutes": " "}, Refused("Write the minutes.")),
    Case("the coordinator writes minutes", "coordinator", MINUTES, {"minutes": "X"}, HIDDEN),
    Case("another organisation writes minutes", "worker_b", MINUTES, {"minutes": "X"}, HIDDEN),
    Case("a member builds the agenda again", "professional", REFRESH, {}, OK),
    Case(
        "rebuilding the agenda of a meeting with minutes",
        "professional",
        REFRESH_SEEN,
        {"meeting": "written"},
        Refused("The minutes are written: the agenda stays as it was discussed."),
    ),
    Case("a member records attendance", "gina", ATTENDANCE, {"person": _person("sam")}, OK),
    Case(
        "attendance of another team's member",
        "gina",
        ATTENDANCE,
        {"person": _person("olga")},
        Refused(NOT_MEMBER),
    ),
    Case(
        "another core team records attendance",
        "olga",
        ATTENDANCE,
        {"person": _person("olga")},
        HIDDEN,
    ),
    Case("a member adds an action", "gina", ACTION, {"due": _days(7)}, OK),
    Case(
        "an action due before the meeting",
        "gina",
        ACTION,
        {"due": _days(-7)},
        Refused("The due date is before the meeting."),
    ),
    Case("a member reviews a colleague's case work", "professional", REVIEW, {}, OK),
    Case(
        "the guardian reviews their own case work",
        "colleague",
        REVIEW,
        {},
        Refused("Nobody reviews their own case work."),
    ),
    Case(
        "a review without feedback",
        "professional",
        REVIEW,
        {"feedback": " "},
        Refused("Give targeted feedback."),
    ),
    Case("another core team reviews", "olga", REVIEW, {}, HIDDEN),
    Case("another organisation reviews", "worker_b", REVIEW, {}, HIDDEN),
    Case("the reviewed person answers", "colleague", ANSWER, {"answer": "Merci."}, OK),
    Case("an empty answer", "colleague", ANSWER, {"answer": ""}, Refused("Write your answer.")),
    Case("the reviewer answers", "professional", ANSWER, {"answer": "X"}, FORBIDDEN),
    Case("a team member outside the review answers", "gina", ANSWER, {"answer": "X"}, HIDDEN),
    Case("the manager answers", "manager", ANSWER, {"answer": "X"}, HIDDEN),
    Case(
        "the coordinator adds an indicator", "coordinator", INDICATOR, {"name": "Traçabilité"}, OK
    ),
    Case(
        "an indicator twice",
        "coordinator",
        INDICATOR,
        {"name": "Protocoles"},
        Refused("The framework already has an indicator of this name."),
    ),
    Case("a member adds an indicator", "professional", INDICATOR, {"name": "X"}, FORBIDDEN),
    Case("the coordinator rolls out a policy", "coordinator", POLICY, {"title": "Charte"}, OK),
    Case(
        "a policy without a title",
        "coordinator",
        POLICY,
        {"title": ""},
        Refused("Give the policy a title."),
    ),
    Case("a member rolls out a policy", "professional", POLICY, {"title": "X"}, FORBIDDEN),
    Case("a member acknowledges the policy", "gina", ACK, {}, OK),
    Case(
        "acknowledging twice",
        "sam",
        ACK_SEEN,
        {},
        Refused("You have already acknowledged this policy."),
    ),
    Case("the coordinator acknowledges", "coordinator", ACK, {}, FORBIDDEN),
    Case("another core team acknowledges", "olga", ACK, {}, HIDDEN),
    Case("the coordinator opens an audit", "coordinator", AUDIT, {"size": 2}, OK),
    Case(
        "a sample larger than the team's cases",
        "coordinator",
        AUDIT,
        {"size": 9},
        Refused("The team has 3 active cases: the sample cannot be larger."),
    ),
    Case("a member opens an audit", "professional", AUDIT, {"size": 2}, FORBIDDEN),
    Case("another organisation opens an audit", "coordinator_b", AUDIT, {"size": 2}, HIDDEN),
    Case("the auditor records a finding", "manager", FINDING, {}, OK),
    Case(
        "a finding on a case outside the sample",
        "manager",
        FINDING,
        {"sampled": False},
        Refused("This case is not in the audit's sample."),
    ),
    Case("a member records a finding", "professional", FINDING, {}, FORBIDDEN),
    Case("another core team records a finding", "olga", FINDING, {}, HIDDEN),
    Case("the team adds an action", "gina", AUDIT_ACTION, {"owner": _person("gina")}, OK),
    Case(
        "an action owned outside the team",
        "gina",
        AUDIT_ACTION,
        {"owner": _person("olga")},
        Refused(NOT_MEMBER),
    ),
    Case(
        "the auditor adds the team's action",
        "manager",
        AUDIT_ACTION,
        {"owner": _person("gina")},
        FORBIDDEN,
    ),
]


@pytest.fixture
def ctx(cw, open_case, client, api_for):  # type: ignore[no-untyped-def]
    cases = [open_case(child) for child in cw.children[:3]]
    case = services.case_assign(case=cases[0], guardian=cw.w.colleague, reason="Suivi", by=SYSTEM)
    services.indicators_ensure_defaults(organisation_id=cw.w.org_a.pk, by=SYSTEM)
    indicators = list(selectors.indicators_for(cw.w.org_a.pk))
    review = services.peer_review_give(
        case=case,
        ratings={i.pk: (3, "") for i in indicators},
        feedback="Bien.",
        by=cw.w.professional,
    )
    meetings = {
        "open": services.meeting_create(team=cw.w.core, held_on=TODAY, by=cw.w.professional),
        "written": services.meeting_create(team=cw.w.core, held_on=TODAY, by=cw.w.professional),
    }
    services.meeting_minutes_save(meeting=meetings["written"], minutes="Vu.", by=cw.gina)
    policy = services.policy_publish(
        organisation_id=cw.w.org_a.pk,
        core_team=cw.w.core,
        title="Secret partagé",
        text="…",
        effective_on=TODAY,
        by=cw.w.coordinator,
    )
    services.policy_acknowledge(policy=policy, by=cw.sam)
    audit = services.audit_open(
        team=cw.w.core,
        title="Audit",
        starts_on=TODAY,
        ends_on=_days(10),
        sample_size=2,
        auditors=[cw.w.manager],
        seed=11,
        by=cw.w.coordinator,
    )
    sampled = set(audit.sampled_cases.values_list("pk", flat=True))
    return SimpleNamespace(
        cw=cw,
        case=case,
        indicators=indicators,
        review=review,
        meetings=meetings,
        policy=policy,
        audit=audit,
        sampled=next(c for c in cases if c.pk in sampled),
        unsampled=next(c for c in cases if c.pk not in sampled),
        client=client,
        api_for=api_for,
    )


def _actor(ctx: Any, name: str) -> Any:
    return getattr(ctx.cw, name, None) or getattr(ctx.cw.w, name)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, _actor(ctx, case.actor), case.args)
    assert_same(case.expected, page, api, case.write)
