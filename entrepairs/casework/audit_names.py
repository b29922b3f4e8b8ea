"""How the audit trail names casework's records (issue 15 §7, core.audit.register_names). A
child's case, and every record about one, is named by the child's initials ("Z. C.") only for a
reader who may see the case (`selectors.cases_for`, the access layer); for any other reader the
trail keeps its neutral reference. An audit is named by its title (never about one child)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from entrepairs.core import audit
from entrepairs.core.dates import shown_date

initials = audit.initials  # "Zainab Chaoui" → "Z. C.": how the trail names a child


def _visible_cases(reader: Any) -> Any:
    from entrepairs.organisations.viewer import viewer_for

    from .selectors import cases_for

    return cases_for(viewer_for(reader))


def within(
    visible: Callable[[Any], Any],
    text: Callable[[Any], str] = str,
    *,
    related: tuple[str, ...] = (),
) -> audit.Namer:
    """A namer for a record confidential to a core team: named (by `text`) only among the
    records the reader may see (`visible`, a selector of the viewer), else left out (the trail
    keeps its neutral reference)."""

    def names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
        if reader is None or not getattr(reader, "is_authenticated", False):
            return {}
        from entrepairs.organisations.viewer import viewer_for

        rows = visible(viewer_for(reader)).filter(pk__in=pks)
        if related:
            rows = rows.select_related(*related)
        return {row.pk: text(row) for row in rows}

    return names


def _placement(placement: Any) -> str:
    return " — ".join(
        (initials(placement.child), placement.get_kind_display(), shown_date(placement.since))
    )


def _care_plan_decision(decision: Any) -> str:
    return f"{initials(decision.plan.case.child)} — {decision}"


def case_names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
    if reader is None or not getattr(reader, "is_authenticated", False):
        return {}
    return {case.pk: initials(case.child) for case in _visible_cases(reader).filter(pk__in=pks)}


def find_cases(text: str, reader: Any = None) -> list[Any]:
    if reader is None or not getattr(reader, "is_authenticated", False):
        return []
    q = Q(child__first_name__icontains=text) | Q(child__last_name__icontains=text)
    return list(_visible_cases(reader).filter(q).values_list("pk", flat=True)[:500])


def about_a_case(model: Any) -> Any:
    """A namer for a record about one case: named by the case's child, on the same rule."""

    def names(pks: list[Any], reader: Any = None) -> dict[Any, str]:
        rows = list(model._default_manager.filter(pk__in=pks).values_list("pk", "case_id"))
        cases = case_names([case for _pk, case in rows], reader)
        return {pk: cases[case] for pk, case in rows if case in cases}

    def find(text: str, reader: Any = None) -> list[Any]:
        cases = find_cases(text, reader)
        if not cases:
            return []
        return list(
            model._default_manager.filter(case_id__in=cases).values_list("pk", flat=True)[:500]
        )

    return names, find


def register() -> None:
    from . import models as m

    audit.register_names(m.Case, case_names, find=find_cases)
    for model in audit.registered_models():
        if model._meta.app_label != "casework" or model is m.Case:
            continue
        fields = {f.name: f for f in model._meta.concrete_fields}
        case = fields.get("case")
        if case is not None and getattr(case, "related_model", None) is m.Case:
            names, find = about_a_case(model)
            audit.register_names(model, names, find=find)
    names, find = audit.by_field(m.Audit)
    audit.register_names(m.Audit, names, find=find)
    _register_the_others(m)


def _register_the_others(m: Any) -> None:
    """Records not about one case: settings by their names, team work by its title or its
    person; a core team's confidential records (a meeting, an incident, a proposal) by their
    kind and date, for a reader who may see them only (never their encrypted text)."""
    from entrepairs.people.models import Placement

    from . import selectors as s

    for model, field in (
        (m.CaseworkSettings, "organisation__name"),
        (m.DecisionType, "name"),
        (m.RiskFactor, "label"),
        (m.ReviewIndicator, "name"),
        (m.Policy, "title"),
        (m.AuditAction, "title"),
        (m.MeetingAction, "title"),
    ):
        names, find = audit.by_field(model, field)
        audit.register_names(model, names, find=find)
    for model, related in (
        (m.MemberProfile, ("person",)),
        (m.Leave, ("person",)),
        (m.PolicyAcknowledgement, ("person", "policy")),
        (m.Attendance, ("person",)),
        (m.PeerRating, ("indicator",)),
    ):
        audit.register_names(model, audit.by_text(model, related=related))
    confidential: list[tuple[Any, audit.Namer]] = [
        (m.AdviceRequest, within(s.advice_requests_for)),
        (m.AllocationProposal, within(s.proposals_for)),
        (
            m.CarePlanDecision,
            within(
                lambda v: m.CarePlanDecision.objects.filter(plan__in=s.care_plans_for(v)),
                _care_plan_decision,
                related=("plan__case__child",),
            ),
        ),
        (m.Incident, within(s.incidents_for)),
        (
            m.IncidentAction,
            within(
                lambda v: m.IncidentAction.objects.filter(incident__in=s.incidents_for(v)),
                related=("owner",),
            ),
        ),
        (m.Meeting, within(s.meetings_for, related=("core_team",))),
        (
            m.TeamTopic,
            within(lambda v: m.TeamTopic.objects.filter(core_team__in=s.core_teams_for(v))),
        ),
        (Placement, within(s.placements_for, _placement, related=("child",))),
    ]
    for model, namer in confidential:
        audit.register_names(model, namer)
