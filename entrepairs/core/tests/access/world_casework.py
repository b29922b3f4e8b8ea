"""Casework of a side: a core team holding children's cases, a second core team, and everything
the casework rows of docs/access-expected.yaml name (a case, one covered while its guardian is on
leave today, one whose cover ended yesterday, one sampled by an audit in progress, a safety
check, key decisions with and without the expert's advice asked, an incident, a submitted care
plan, a peer review, a leave waiting for approval). Built with the services, as the demo is;
dates that must lie in the past are moved afterwards (a leave or a decision cannot be recorded
in the past)."""

from __future__ import annotations

import datetime
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from entrepairs.core.services import SYSTEM

from .world import Side, _person, marker

# The extra roles of the casework rows (docs/access-expected.yaml `meta.roles`).
CASEWORK_ROLES = [
    "guardian",
    "core_team_member",
    "core_team_other",
    "leave_replacement",
    "auditor",
]


def _child(org: Any, first: str, last: str) -> Any:
    from entrepairs.people.models import Person

    return Person.objects.create(organisation=org, first_name=first, last_name=last)


def _open(team: Any, child: Any, by: Any) -> Any:
    from entrepairs.casework import services

    today = timezone.localdate()
    return services.case_open(
        team=team,
        child=child,
        birth_date=today.replace(year=today.year - 12) - timedelta(days=40),
        vulnerability="medium",
        procedures=["court"],
        placement_kind="foster_family",
        summary="Suivi régulier.",
        by=by,
    )


def _sampling_seed(case_ids: list[str], wanted: str) -> int:
    """A seed whose one-case sample is `wanted` (the audit draws at random; the world must know
    which case it samples)."""
    from entrepairs.casework.services import draw_sample

    return next(s for s in range(10_000) if draw_sample(case_ids, 1, s) == [wanted])


def add_casework(side: Side) -> None:  # noqa: PLR0915 - one linear story
    from entrepairs.casework import services
    from entrepairs.casework.models import Case, DecisionType, Leave
    from entrepairs.organisations.models import Role, Team

    tag, t, org, P = side.tag, side.tag.lower(), side.org, side.people
    today = timezone.localdate()
    region = Team.objects.create(organisation=org, name=f"Region {tag}", kind=Team.Kind.REGIONAL)
    team = Team.objects.create(
        organisation=org, name=f"Noyau {tag}", kind=Team.Kind.CORE, parent=region
    )
    team2 = Team.objects.create(
        organisation=org, name=f"Noyau deux {tag}", kind=Team.Kind.CORE, parent=region
    )

    def member(key: str, first: str, core: Any, **fields: Any) -> Any:
        p = _person(
            org, first, f"{key.capitalize()}{t}", role=Role.PROFESSIONAL, team=core, **fields
        )
        services.member_profile_save(person=p, fte=Decimal("1.00"), max_caseload=12, by=SYSTEM)
        return p

    P["guardian"] = member("gardien", "Gaspard", team, line_manager=P["manager"])
    P["core_team_member"] = member("equipier", "Elsa", team)
    P["leave_replacement"] = member("remplacante", "Rita", team)
    away = member("absente", "Agathe", team)
    for first in ("Hugo", "Iris"):
        member("membre", first, team)
    P["core_team_other"] = member("autrenoyau", "Olivier", team2)
    P["auditor"] = member("auditrice", "Aude", team2)
    P["expert"].profession = "psychologist"
    P["expert"].save(update_fields=["profession"])

    case = _open(team, _child(org, marker(tag, "child"), "Enfant"), SYSTEM)
    audited = _open(team, _child(org, marker(tag, "auditedchild"), "Enfant"), SYSTEM)
    covered = _open(team, _child(org, marker(tag, "coveredchild"), "Enfant"), SYSTEM)
    after = _open(team, _child(org, marker(tag, "afterchild"), "Enfant"), SYSTEM)
    for c in (case, audited):
        services.case_assign(case=c, guardian=P["guardian"], reason="Référente", by=SYSTEM)
    for c in (covered, after):
        services.case_assign(case=c, guardian=away, reason="Référente", by=SYSTEM)
    for c in (case, audited, covered, after):
        c.refresh_from_db()

    # A leave of `away` that ended yesterday, `after` covered by the replacement: recorded for
    # the coming days, approved, then moved back (a past leave cannot be recorded).
    past = services.leave_record(
        person=away, starts_on=today + timedelta(days=1), ends_on=today + timedelta(days=5), by=away
    )
    services.leave_cover_set(leave=past, case=after, replacement=P["leave_replacement"], by=away)
    services.leave_cover_set(leave=past, case=covered, replacement=P["core_team_member"], by=away)
    services.leave_approve(leave=past, by=P["core_team_member"])
    Leave.objects.filter(pk=past.pk).update(
        starts_on=today - timedelta(days=10), ends_on=today - timedelta(days=1)
    )
    # Today's leave of `away`: `covered` by the replacement.
    leave = services.leave_record(
        person=away, starts_on=today, ends_on=today + timedelta(days=10), by=away
    )
    services.leave_cover_set(leave=leave, case=covered, replacement=P["leave_replacement"], by=away)
    services.leave_cover_set(leave=leave, case=after, replacement=P["core_team_member"], by=away)
    services.leave_approve(leave=leave, by=P["core_team_member"])
    # The guardian's own leave next month, waiting for a colleague's approval.
    pending = services.leave_record(
        person=P["guardian"],
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=34),
        by=P["guardian"],
    )
    for c in (case, audited):
        services.leave_cover_set(
            leave=pending, case=c, replacement=P["core_team_member"], by=P["guardian"]
        )

    # --- the audit in progress samples `audited` only ---
    active = [str(pk) for pk in Case.objects.filter(core_team=team).values_list("pk", flat=True)]
    audit = services.audit_open(
        team=team,
        title=marker(tag, "audit"),
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=20),
        sample_size=1,
        auditors=[P["auditor"]],
        seed=_sampling_seed(active, str(audited.pk)),
        by=P["coordinator"],
    )

    # --- safety check, key decisions, expert advice ---
    check = services.safety_check_schedule(
        case=case, due_on=today + timedelta(days=7), by=P["guardian"]
    )
    gated = DecisionType.objects.get(organisation=org, trigger="insecurity")

    def prepare(what: str) -> Any:
        return services.decision_prepare(
            case=case,
            decision_type=gated,
            title=marker(tag, what),
            options="Rester ; changer de lieu",
            arguments="Menaces rapportées",
            child_view="Veut rester près de son école",
            by=P["guardian"],
        )

    # The base decision is submitted to another psychologist, who has not answered yet: the
    # world's expert was not asked, and nobody may take it before the advice.
    colleague_expert = _person(org, "Paul", f"Psy{t}", role=Role.EXPERT, profession="psychologist")
    decision = prepare("decision")
    services.advice_request(
        decision=decision, expert=colleague_expert, question="Votre avis ?", by=P["guardian"]
    )
    advised = prepare("adviseddecision")
    request = services.advice_request(
        decision=advised, expert=P["expert"], question="Votre avis ?", by=P["guardian"]
    )
    over = prepare("overdecision")
    over_request = services.advice_request(
        decision=over, expert=P["expert"], question="Votre avis ?", by=P["guardian"]
    )
    services.advice_record(request=over_request, advice="Rester", by=P["expert"])
    services.decision_take(decision=over, outcome="Rester", by=P["guardian"])
    type(over).objects.filter(pk=over.pk).update(decided_at=timezone.now() - timedelta(days=40))

    # --- incident, care plan, peer review ---
    incident = services.incident_record(
        team=team,
        cases=[case],
        kind="runaway",
        occurred_on=today - timedelta(days=3),
        facts=marker(tag, "incident"),
        by=P["guardian"],
    )
    plan = services.care_plan_save(
        case=case,
        needs="Stabilité",
        objectives=marker(tag, "careplan"),
        actions="Rendez-vous mensuels",
        by=P["guardian"],
    )
    plan = services.care_plan_submit(plan=plan, by=P["guardian"])
    services.indicators_ensure_defaults(organisation_id=org.pk, by=SYSTEM)
    from entrepairs.casework.selectors import indicators_for

    review = services.peer_review_give(
        case=case,
        ratings={i.pk: (3, "") for i in indicators_for(org.pk)},
        feedback=marker(tag, "peerreview"),
        by=P["core_team_member"],
    )
    side.objects.update(
        core_team=team,
        case=case,
        audited_case=audited,
        covered_case=covered,
        after_case=after,
        leave=leave,
        pending_leave=pending,
        audit=audit,
        safety_check=check,
        decision=decision,
        advised_decision=advised,
        advice_request=request,
        over_decision=over,
        incident=incident,
        care_plan=plan,
        peer_review=review,
    )
    side.objects["casework_born"] = datetime.date(today.year - 12, 1, 1)
