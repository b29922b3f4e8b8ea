"""Leave planning and cover (issue 12, point 5): a leave is requested, its cover planned with
the engine's leave-cover solver, uncovered cases shown with the reason before approval, approval
by a colleague refused while a case is uncovered; the replacement sees the case for the leave's
dates only, and each of their reads logs the reason."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from entrepairs.casework import selectors, services
from entrepairs.casework.models import Leave, LeaveCover
from entrepairs.core.models import Notification
from entrepairs.core.services import SYSTEM

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def colin_cases(cw, open_case):  # type: ignore[no-untyped-def]
    """Colin holds three cases (weights 9, 5, 3); Paula one (weight 1)."""
    cases = [
        open_case(cw.children[0], age=10, vulnerability="high", procedures=["asylum", "court"]),
        open_case(cw.children[1], age=13, vulnerability="medium", procedures=["asylum"]),
        open_case(cw.children[2], age=13, procedures=["court"]),
        open_case(cw.children[3], age=15),
    ]
    for case in cases[:3]:
        services.case_assign(case=case, guardian=cw.w.colleague, reason="r", by=SYSTEM)
    services.case_assign(case=cases[3], guardian=cw.w.professional, reason="r", by=SYSTEM)
    return cases


def _leave(cw, days=(0, 10), by=None):  # type: ignore[no-untyped-def]
    return services.leave_record(
        person=cw.w.colleague,
        starts_on=TODAY + datetime.timedelta(days=days[0]),
        ends_on=TODAY + datetime.timedelta(days=days[1]),
        by=by or cw.w.colleague,
    )


def test_a_leave_is_requested_and_its_cover_names_a_colleague_of_the_core_team_for_each_case(
    cw, colin_cases
):
    leave = _leave(cw)
    assert leave.status == Leave.Status.REQUESTED
    covers = list(LeaveCover.objects.filter(leave=leave))
    assert {c.case_id for c in covers} == {c.pk for c in colin_cases[:3]}
    team = {cw.w.professional.pk, cw.gina.pk}
    assert all(c.replacement_id in team and not c.uncovered for c in covers)
    view = selectors.leave_cover_view(leave)
    # Nobody ends above the ceiling: 1.2 × the fair ratio (18 points over 1.5 FTE = 12 → 14.4)
    # or the highest ratio carried today if higher (Colin's 17 points over 1 FTE).
    assert view.max_ratio == pytest.approx(17.0)
    assert all(m.ratio_after <= view.max_ratio + 1e-9 for m in view.loads if not m.away)
    assert not view.uncovered


def test_a_colleague_approves_the_leave_and_each_replacement_is_told(cw, colin_cases):
    leave = _leave(cw)
    with pytest.raises(PermissionDenied, match="A colleague approves a leave"):
        services.leave_approve(leave=leave, by=cw.w.colleague)
    with pytest.raises(PermissionDenied):
        services.leave_approve(leave=leave, by=cw.olga)  # another core team
    services.leave_approve(leave=leave, by=cw.w.professional)
    leave.refresh_from_db()
    assert leave.status == Leave.Status.APPROVED and leave.approved_by == cw.w.professional
    told = Notification.objects.filter(subject="You replace a colleague on leave")
    assert told.exists()
    assert all("Lina" not in n.body and "Malo" not in n.body for n in told)
    with pytest.raises(ValidationError, match="already approved"):
        services.leave_approve(leave=leave, by=cw.gina)


def test_a_leave_that_leaves_a_case_uncovered_is_refused_approval_and_says_which_and_why(
    cw, colin_cases
):
    # Paula and Gina are away too: nobody present can replace Colin.
    for who in (cw.w.professional, cw.gina):
        services.leave_record(person=who, starts_on=TODAY, ends_on=TODAY, by=SYSTEM)
    leave = _leave(cw, by=cw.w.coordinator)
    view = selectors.leave_cover_view(leave)
    assert len(view.uncovered) == 3
    assert {r.uncovered for r in view.uncovered} == {LeaveCover.Uncovered.NO_COLLEAGUE}
    with pytest.raises(ValidationError) as refused:
        services.leave_approve(leave=leave, by=cw.w.professional)
    message = " ".join(refused.value.messages)
    assert "3 cases without a replacement" in message
    assert "Lina Enfant (nobody else in the core team is present)" in message
    leave.refresh_from_db()
    assert leave.status == Leave.Status.REQUESTED and leave.approved_by is None


def test_caps_leave_a_case_uncovered_with_the_reason(cw, colin_cases):
    from entrepairs.casework.models import MemberProfile

    # Gina is away; Paula holds one case and may hold two: she covers the heaviest only.
    services.leave_record(person=cw.gina, starts_on=TODAY, ends_on=TODAY, by=SYSTEM)
    MemberProfile.objects.filter(person=cw.w.professional).update(max_caseload=2)
    leave = _leave(cw)
    view = selectors.leave_cover_view(leave)
    assert [(r.case.weight, r.replacement) for r in view.rows if r.replacement_id] == [
        (9, cw.w.professional)
    ]
    assert [r.uncovered for r in view.uncovered] == [LeaveCover.Uncovered.CAP] * 2
    assert view.uncovered[0].get_uncovered_display() == (
        "every colleague with room is at their maximum number of cases"
    )


def test_a_replacement_outside_the_core_team_is_refused_and_one_inside_is_kept_on_replanning(
    cw, colin_cases
):
    leave = _leave(cw)
    case = colin_cases[0]
    with pytest.raises(ValidationError) as refused:
        services.leave_cover_set(leave=leave, case=case, replacement=cw.olga, by=cw.gina)
    assert "Olga Autre is not a member of this core team" in " ".join(refused.value.messages)
    assert LeaveCover.objects.get(leave=leave, case=case).named_by_hand is False
    with pytest.raises(ValidationError, match="cannot replace themself"):
        services.leave_cover_set(leave=leave, case=case, replacement=cw.w.colleague, by=cw.gina)
    services.leave_cover_set(leave=leave, case=case, replacement=cw.gina, by=cw.w.professional)
    services.leave_cover_plan(leave=leave, by=cw.w.professional)
    row = LeaveCover.objects.get(leave=leave, case=case)
    assert row.replacement == cw.gina and row.named_by_hand


def test_the_replacement_sees_the_case_for_the_leave_only_and_each_read_logs_the_reason(
    cw, colin_cases
):
    from entrepairs.casework.models import Case
    from entrepairs.casework.rules import cover_q
    from entrepairs.organisations.viewer import viewer_for

    leave = _leave(cw)
    row = LeaveCover.objects.filter(leave=leave, replacement=cw.w.professional).first()
    assert row is not None
    user = cw.w.professional.user
    # Before approval: not a cover (Paula sees it as a member of the team, without a reason).
    assert not Case.objects.filter(cover_q(viewer_for(user))).exists()
    services.leave_approve(leave=leave, by=cw.gina)
    assert Case.objects.filter(cover_q(viewer_for(user)), pk=row.case_id).exists()
    # Paula moves to another core team during the leave: she still sees the case she covers,
    # and her read is logged with the reason.
    cw.w.professional.team = cw.core2
    cw.w.professional.save()
    case = selectors.get_case_for(user, row.case_id)
    reason = selectors.case_access_reason(user, case)
    assert reason == "replacement during the leave of Colin Collegue"
    from entrepairs.core.audit import record_access

    record_access(case, reason=reason)
    entry = LogEntry.objects.filter(object_pk=str(case.pk), action=LogEntry.Action.ACCESS).last()
    assert entry.additional_data["reason"] == "replacement during the leave of Colin Collegue"
    # The leave ends: the access ends by itself (nothing revoked it).
    Leave.objects.filter(pk=leave.pk).update(
        starts_on=TODAY - datetime.timedelta(days=10), ends_on=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(Http404):
        selectors.get_case_for(user, row.case_id)
    # Another case of Colin's, not covered by Paula: never seen.
    other = LeaveCover.objects.filter(leave=leave).exclude(replacement=cw.w.professional).first()
    if other is not None:
        with pytest.raises(Http404):
            selectors.get_case_for(user, other.case_id)


def test_the_coordinator_records_a_leave_but_neither_plans_nor_approves_it(cw, colin_cases):
    leave = _leave(cw, by=cw.w.coordinator)
    with pytest.raises(PermissionDenied):
        services.leave_approve(leave=leave, by=cw.w.coordinator)
    with pytest.raises(PermissionDenied):
        services.leave_cover_plan(leave=leave, by=cw.w.coordinator)
