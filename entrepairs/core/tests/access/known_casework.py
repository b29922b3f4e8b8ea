"""Casework cells where the code differs from the expected table (see known.py for the two kinds).
Each reason is the product's answer, for the reviewer to confirm or overturn."""

from __future__ import annotations

from .known import _judge

TEAM = ["core_team_member", "leave_replacement"]

_judge(
    ["Case[-].edit@page", "Case[-].edit@api", "Case[-].record_contact@api"],
    TEAM,
    "allow",
    "Core teams share casework (seed 000, the Nidos model; PRODUCT §5): a colleague who sees the "
    "child keeps the file true and records the contact — continuity counts contacts by anyone of "
    "the team (issue 12 point 4). The table gives these writes to the guardian only (its "
    "judgement call 4). The replacement is a member of the same core team (the cover solver "
    "names one), so the team's answer is theirs.",
)
_judge(
    ["SafetyCheck[-].record@api"],
    TEAM,
    "allow",
    "A safety check is often carried out by a colleague (a joint visit, a leave): any member of "
    "the core team records its result; the risk rules are in the service. The table gives it "
    "to the guardian only (its judgement call 7).",
)
_judge(
    ["Audit[-].view@page", "Audit[-].view@api"],
    ["coordinator"],
    "allow",
    "The coordinator opens the audit (names the auditors, draws the sample) and reads its frame "
    "and the counts per indicator — never the sampled cases nor the findings "
    "(casework.rules.audit_visible_q, may_read_audit_findings). The table: 404 (its judgement "
    "call 11). The marker probed is the audit's title.",
)
_judge(
    ["Audit[-].record_finding@api"],
    ["coordinator"],
    "deny_403",
    "Follows from the coordinator seeing the audit they opened: 403 (sees it, may not act).",
)
