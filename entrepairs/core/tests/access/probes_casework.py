"""Probes of casework (world_casework.py): a child's case and its overlays (covered during a
leave, cover ended, sampled by an audit), safety checks, key decisions and the expert's advice,
incidents and their trends, care plans, peer reviews, leaves, team figures and audits. Same
conventions as probes.py; the actions POST valid data, so an allowed role's cell is a 2xx."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .probes import A, Probe, _fixed, _o
from .world import Side

C = "/casework"
AC = A + "/casework"


def _today() -> str:
    return timezone.localdate().isoformat()


def _contact(side: Side) -> dict[str, Any]:
    return {
        "case": str(side.objects["case"].pk),
        "happened_on": _today(),
        "kind": "visit",
        "note": "",
    }


def _finding(side: Side) -> dict[str, Any]:
    from entrepairs.casework.selectors import indicators_for

    indicator = indicators_for(side.org.pk).first()
    return {
        "case": str(side.objects["audited_case"].pk),
        "indicator": str(indicator.pk),  # type: ignore[union-attr]
        "rating": 3,
        "note": "",
    }


def _case_views(state: str | None, key: str, what: str) -> list[Probe]:
    """A case seen through its page, the API detail and the API list (`key`: the world's case)."""
    return [
        Probe(
            "Case",
            state,
            "view",
            "page",
            "detail",
            _o(C + "/cases/{" + key + "}/"),
            what,
            target_key=key,
        ),
        Probe(
            "Case",
            state,
            "view",
            "api",
            "detail",
            _o(AC + "/cases/{" + key + "}/"),
            "pk",
            target_key=key,
        ),
        Probe(
            "Case",
            state,
            "list",
            "api",
            "present",
            _fixed(AC + "/cases/"),
            "pk",
            with_id=False,
            target_key=key,
        ),
    ]


# fmt: off
CASEWORK_PROBES: list[Probe] = [
    # --- Case: the guardian's case, then the overlays ---
    *_case_views(None, "case", "child"),
    Probe("Case", None, "list", "page", "present", _o(C + "/teams/{core_team}/cases/"), "child", with_id=False, target_key="case"),
    Probe("Case", None, "edit", "page", "detail", _o(C + "/cases/{case}/edit/"), None, target_key="case"),
    Probe("Case", None, "edit", "api", "detail", _o(AC + "/cases/{case}/"), None, "patch", target_key="case",
          data=lambda s: {"summary": "Résumé revu"}),
    Probe("Case", None, "record_contact", "api", "detail", _fixed(AC + "/contacts/"), None, "post", with_id=False,
          target_key="case", data=_contact),
    Probe("Case", None, "close", "api", "detail", _o(AC + "/cases/{case}/close/"), None, "post", target_key="case"),
    *_case_views("during_leave_cover", "covered_case", "coveredchild"),
    *_case_views("after_leave_cover", "after_case", "afterchild"),
    *_case_views("sampled_by_audit", "audited_case", "auditedchild"),
    # --- SafetyCheck ---
    Probe("SafetyCheck", None, "view", "page", "detail", _o(C + "/safety-checks/{safety_check}/"), "child", target_key="safety_check"),
    Probe("SafetyCheck", None, "view", "api", "detail", _o(AC + "/safety-checks/{safety_check}/"), "pk", target_key="safety_check"),
    Probe("SafetyCheck", None, "record", "api", "detail", _o(AC + "/safety-checks/{safety_check}/record/"), None, "post",
          target_key="safety_check", data=lambda s: {"done_on": _today(), "notes": "Rien à signaler", "factors": []}),
    # --- KeyDecision: advice given by another expert; asked of the world's expert; period over ---
    Probe("KeyDecision", None, "view", "page", "detail", _o(C + "/decisions/{decision}/"), "decision", target_key="decision"),
    Probe("KeyDecision", None, "view", "api", "detail", _o(AC + "/decisions/{decision}/"), "pk", target_key="decision"),
    Probe("KeyDecision", None, "decide", "api", "detail", _o(AC + "/decisions/{decision}/decide/"), None, "post",
          target_key="decision", data=lambda s: {"outcome": "Rester dans la famille"}),
    Probe("KeyDecision", "advice_requested", "view", "page", "detail", _o(C + "/decisions/{advised_decision}/"), "adviseddecision",
          target_key="advised_decision"),
    Probe("KeyDecision", "advice_requested", "view", "api", "detail", _o(AC + "/decisions/{advised_decision}/"), "pk",
          target_key="advised_decision"),
    Probe("KeyDecision", "advice_requested", "give_advice", "api", "detail", _o(AC + "/advice/{advice_request}/record/"), None, "post",
          target_key="advised_decision", data=lambda s: {"advice": "Rester, avec un suivi rapproché"}),
    Probe("KeyDecision", "advice_period_over", "view", "page", "detail", _o(C + "/decisions/{over_decision}/"), "overdecision",
          target_key="over_decision"),
    Probe("KeyDecision", "advice_period_over", "view", "api", "detail", _o(AC + "/decisions/{over_decision}/"), "pk",
          target_key="over_decision"),
    # --- Incident and its trends ---
    Probe("Incident", None, "view", "page", "detail", _o(C + "/incidents/{incident}/"), "incident", target_key="incident"),
    Probe("Incident", None, "view", "api", "detail", _o(AC + "/incidents/{incident}/"), "pk", target_key="incident"),
    Probe("Incident", None, "analyse", "api", "detail", _o(AC + "/incidents/{incident}/analyse/"), None, "post",
          target_key="incident", data=lambda s: {"causes": "Rupture de lien", "lessons": "Prévenir plus tôt"}),
    Probe("IncidentTrends", None, "view", "page", "detail", _o(C + "/teams/{core_team}/incident-trends/"), None, target_key="core_team"),
    Probe("IncidentTrends", None, "view", "api", "detail", _o(AC + "/incident-trends/{core_team}/"), None, target_key="core_team"),
    # --- CarePlan (submitted by the guardian) ---
    Probe("CarePlan", None, "view", "page", "detail", _o(C + "/care-plans/{care_plan}/"), "careplan", target_key="care_plan"),
    Probe("CarePlan", None, "view", "api", "detail", _o(AC + "/care-plans/{care_plan}/"), "pk", target_key="care_plan"),
    Probe("CarePlan", None, "approve", "api", "detail", _o(AC + "/care-plans/{care_plan}/approve/"), None, "post",
          target_key="care_plan", data=lambda s: {"comment": ""}),
    # --- PeerReview (given by a core-team colleague on the guardian's case) ---
    Probe("PeerReview", None, "view", "page", "detail", _o(C + "/peer-reviews/{peer_review}/"), "peerreview", target_key="peer_review"),
    Probe("PeerReview", None, "view", "api", "detail", _o(AC + "/peer-reviews/{peer_review}/"), "pk", target_key="peer_review"),
    # --- Leave (the guardian's, waiting for a colleague's approval) ---
    Probe("Leave", None, "view", "page", "detail", _o(C + "/leaves/{pending_leave}/"), None, target_key="pending_leave"),
    Probe("Leave", None, "view", "api", "detail", _o(AC + "/leave-plans/{pending_leave}/"), None, target_key="pending_leave"),
    Probe("Leave", None, "approve", "api", "detail", _o(AC + "/leave-plans/{pending_leave}/approve/"), None, "post",
          target_key="pending_leave"),
    # --- TeamFigures ---
    Probe("TeamFigures", None, "view", "page", "detail", _o(C + "/teams/{core_team}/reports/"), None, target_key="core_team"),
    Probe("TeamFigures", None, "view", "api", "detail", _o(AC + "/core-teams/{core_team}/figures/"), None, target_key="core_team"),
    # --- Audit in progress ---
    Probe("Audit", None, "view", "page", "detail", _o(C + "/audits/{audit}/"), "audit", target_key="audit"),
    Probe("Audit", None, "view", "api", "detail", _o(AC + "/audits/{audit}/"), "pk", target_key="audit"),
    Probe("Audit", None, "record_finding", "api", "detail", _o(AC + "/audits/{audit}/findings/"), None, "post",
          target_key="audit", data=_finding),
]
# fmt: on
