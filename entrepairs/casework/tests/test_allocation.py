"""Balanced allocation: proposals from the database through the caseload solver, loads before
and after, exclusions (leave, cap, no working time), confirmation with a reason per move, and
two conflicting confirmations (one wins, the other is told)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from entrepairs.casework import selectors, services
from entrepairs.casework.models import AllocationProposal, Case, CaseEvent
from entrepairs.core.services import SYSTEM

pytestmark = pytest.mark.django_db

NEW = AllocationProposal.Kind.NEW_CASES
REBALANCE = AllocationProposal.Kind.REBALANCE
# (age, vulnerability, procedures): weights 9, 5, 4, 3, 2, 1 with a foster family.
PROFILES = [
    (10, "high", ["asylum", "court"]),
    (13, "medium", ["asylum"]),
    (10, "low", ["asylum"]),
    (13, "low", ["court"]),
    (13, "low", []),
    (15, "low", []),
]


@pytest.fixture
def six_cases(cw, open_case):  # type: ignore[no-untyped-def]
    return [
        open_case(child, age=age, vulnerability=v, procedures=p)
        for child, (age, v, p) in zip(cw.children, PROFILES, strict=True)
    ]


def _loads(proposal: AllocationProposal) -> dict[str, dict]:
    return {row["name"]: row for row in proposal.loads}


def test_the_weights_of_the_six_cases_are_as_documented(six_cases):
    assert [c.weight for c in six_cases] == [9, 5, 4, 3, 2, 1]


def test_new_cases_are_spread_so_that_the_highest_load_ratio_is_as_low_as_possible(cw, six_cases):
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    loads = _loads(proposal)
    # 24 points over 2.5 FTE (Sam takes no case); loads are whole points: no ratio below 10.
    assert proposal.bound == pytest.approx(10.0)
    assert proposal.max_ratio_after == pytest.approx(10.0)
    assert proposal.max_ratio_before == 0
    assert loads["Sam Social"]["excluded"] == "no working time or no case allowed"
    assert loads["Sam Social"]["cases_after"] == 0
    assert sum(row["cases_after"] for row in loads.values()) == 6
    assert proposal.moves.count() == 6
    assert all("New case" in m.reason for m in proposal.moves.all())
    assert not Case.objects.exclude(guardian=None).exists()  # nothing changes before confirmation


def test_confirming_applies_every_move_and_records_its_reason_on_the_timeline(cw, six_cases):
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    services.allocation_confirm(proposal=proposal, note="Réunion du lundi", by=cw.gina)
    proposal.refresh_from_db()
    assert proposal.status == AllocationProposal.Status.CONFIRMED
    assert proposal.decided_by == cw.gina
    for move in proposal.moves.all():
        case = Case.objects.get(pk=move.case_id)
        assert case.guardian_id == move.to_person_id
        assert case.status == Case.Status.OPEN
        event = case.events.get(kind=CaseEvent.Kind.GUARDIAN)
        assert move.reason in event.text and event.by == cw.gina


def test_a_member_on_leave_takes_no_new_case(cw, six_cases):
    today = timezone.localdate()
    services.leave_record(
        person=cw.w.colleague,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=10),
        by=SYSTEM,
    )
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    colin = _loads(proposal)["Colin Collegue"]
    assert colin["excluded"] == "on leave" and colin["cases_after"] == 0
    assert not proposal.moves.filter(to_person=cw.w.colleague).exists()


def test_a_member_takes_no_more_cases_than_their_cap(cw, six_cases):
    services.member_profile_save(person=cw.gina, fte=Decimal(1), max_caseload=1, by=SYSTEM)
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    assert _loads(proposal)["Gina Gardienne"]["cases_after"] == 1
    assert proposal.moves.filter(to_person=cw.gina).count() == 1


def test_a_member_at_their_cap_is_excluded_with_the_reason(cw, six_cases, open_case):
    services.member_profile_save(person=cw.gina, fte=Decimal(1), max_caseload=1, by=SYSTEM)
    services.case_assign(
        case=six_cases[5], guardian=cw.gina, reason="Connaît la famille", by=SYSTEM
    )
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    assert _loads(proposal)["Gina Gardienne"]["excluded"] == "at the maximum caseload (1 cases)"


def test_assigning_by_hand_to_a_member_on_leave_or_at_cap_is_refused(cw, six_cases):
    today = timezone.localdate()
    services.leave_record(person=cw.w.colleague, starts_on=today, ends_on=today, by=SYSTEM)
    with pytest.raises(ValidationError, match="Colin Collegue is on leave"):
        services.case_assign(case=six_cases[0], guardian=cw.w.colleague, reason="x", by=cw.gina)
    with pytest.raises(ValidationError, match="Sam Social has no working time or maximum caseload"):
        services.case_assign(case=six_cases[0], guardian=cw.sam, reason="x", by=cw.gina)
    with pytest.raises(ValidationError, match="not a member of this core team"):
        services.case_assign(case=six_cases[0], guardian=cw.olga, reason="x", by=cw.gina)
    case = services.case_assign(
        case=six_cases[0], guardian=cw.gina, reason="Parle dari", by=cw.gina
    )
    assert case.guardian == cw.gina


def test_a_rebalance_keeps_children_with_their_guardian_and_moves_only_what_helps(cw, six_cases):
    for case in six_cases[:4]:
        services.case_assign(case=case, guardian=cw.w.professional, reason="Historique", by=SYSTEM)
    services.case_assign(case=six_cases[4], guardian=cw.w.colleague, reason="Historique", by=SYSTEM)
    services.case_assign(case=six_cases[5], guardian=cw.gina, reason="Historique", by=SYSTEM)
    proposal = services.allocation_propose(team=cw.w.core, kind=REBALANCE, by=cw.w.colleague)
    assert proposal.max_ratio_before == pytest.approx(21.0)  # Paula holds 9+5+4+3
    assert proposal.max_ratio_after < proposal.max_ratio_before
    assert proposal.max_ratio_after == pytest.approx(10.0) == proposal.bound
    moves = list(proposal.moves.all())
    assert all("Rebalance" in m.reason for m in moves)
    # Paula must shed 11 points of 5, 4 and 3 to reach 10: three moves, no more.
    assert len(moves) == 3
    assert sum(1 for m in moves if m.from_person_id == cw.w.professional.pk) >= 2


def test_a_new_case_allocation_moves_no_case_already_held(cw, six_cases):
    for case in six_cases[:3]:
        services.case_assign(case=case, guardian=cw.w.professional, reason="Historique", by=SYSTEM)
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    assert {m.case_id for m in proposal.moves.all()} == {c.pk for c in six_cases[3:]}
    assert not proposal.moves.exclude(from_person=None).exists()


def test_with_no_new_case_there_is_nothing_to_allocate(cw):
    with pytest.raises(ValidationError, match="no new case waiting"):
        services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)


def test_when_every_member_is_away_the_refusal_says_so(cw, six_cases):
    today = timezone.localdate()
    for person in (cw.w.professional, cw.w.colleague, cw.gina):
        services.leave_record(person=person, starts_on=today, ends_on=today, by=SYSTEM)
    with pytest.raises(ValidationError, match="No member can take a case"):
        services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)


def test_only_members_of_the_core_team_propose_and_confirm(cw, six_cases):
    for outsider in (cw.w.coordinator, cw.olga, cw.w.worker_b):
        with pytest.raises(PermissionDenied):
            services.allocation_propose(team=cw.w.core, kind=NEW, by=outsider)
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.gina)
    with pytest.raises(PermissionDenied):
        services.allocation_confirm(proposal=proposal, by=cw.olga)


def test_of_two_conflicting_confirmations_one_wins_and_the_other_is_told_who_confirmed(
    cw, six_cases
):
    first = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    second = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.gina)
    services.allocation_confirm(proposal=first, by=cw.w.professional)
    guardians = dict(Case.objects.values_list("pk", "guardian_id"))
    with pytest.raises(ValidationError) as exc:
        services.allocation_confirm(proposal=second, by=cw.gina)
    assert "confirmed by Paula Pro" in exc.value.messages[0]
    second.refresh_from_db()
    assert second.status == AllocationProposal.Status.SUPERSEDED
    assert dict(Case.objects.values_list("pk", "guardian_id")) == guardians  # nothing half-written


def test_a_proposal_overtaken_by_a_hand_assignment_is_refused_and_changes_nothing(cw, six_cases):
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    services.case_assign(case=six_cases[0], guardian=cw.gina, reason="Urgence", by=cw.gina)
    with pytest.raises(ValidationError, match="changed since this proposal"):
        services.allocation_confirm(proposal=proposal, by=cw.w.professional)
    assert Case.objects.exclude(guardian=None).count() == 1


def test_a_member_who_went_on_leave_since_the_proposal_makes_the_confirmation_refused(
    cw, six_cases
):
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    receiver = proposal.moves.all()[0].to_person
    today = timezone.localdate()
    services.leave_record(person=receiver, starts_on=today, ends_on=today, by=SYSTEM)
    with pytest.raises(ValidationError, match="is on leave. Make a new proposal"):
        services.allocation_confirm(proposal=proposal, by=cw.w.professional)


def test_a_discarded_proposal_cannot_be_confirmed(cw, six_cases):
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    services.allocation_discard(proposal=proposal, by=cw.gina)
    with pytest.raises(ValidationError, match="was discarded"):
        services.allocation_confirm(proposal=proposal, by=cw.w.professional)


def test_the_coordinator_is_warned_of_a_core_team_outside_six_to_eight_or_without_social_worker(cw):
    overview = selectors.team_overview(cw.w.core)
    assert overview.warnings == ["This core team has 4 members: a core team works with 6 to 8."]
    warnings = selectors.team_warnings([cw.core2])[cw.core2.pk]
    assert "This core team has no social worker." in warnings


def test_working_time_is_set_by_a_coordinator_only_and_within_bounds(cw):
    with pytest.raises(PermissionDenied):
        services.member_profile_save(
            person=cw.gina, fte=Decimal(1), max_caseload=5, by=cw.w.professional
        )
    with pytest.raises(ValidationError, match="between 0 and 1 FTE"):
        services.member_profile_save(
            person=cw.gina, fte=Decimal(2), max_caseload=5, by=cw.w.coordinator
        )
    with pytest.raises(ValidationError, match="not a member of a core team"):
        services.member_profile_save(
            person=cw.w.manager, fte=Decimal(1), max_caseload=5, by=cw.w.coordinator
        )
    profile = services.member_profile_save(
        person=cw.gina, fte=Decimal("0.8"), max_caseload=9, by=cw.w.coordinator
    )
    assert profile.max_caseload == 9


def test_a_new_case_allocation_bounds_the_ratio_by_todays_highest_since_held_cases_stay(
    cw, six_cases
):
    for case in six_cases[:2]:
        services.case_assign(case=case, guardian=cw.gina, reason="Historique", by=SYSTEM)
    proposal = services.allocation_propose(team=cw.w.core, kind=NEW, by=cw.w.professional)
    # Gina holds 9 + 5 points on 0.5 FTE: 28 today, whatever happens to the new cases.
    assert proposal.max_ratio_before == pytest.approx(28.0) == proposal.bound
    assert proposal.max_ratio_after == pytest.approx(28.0)
    assert proposal.solver_status == "optimal"
