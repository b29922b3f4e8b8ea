"""Judgement calls of the membership and invitation rows (same conventions as known.py, which
imports this module once its `_judge` exists)."""

from __future__ import annotations

from .known import COLLEAGUES, _judge
from .matrix import OUTSIDERS_OF_X

NOT_MANAGING = [
    "manager",
    "manager_other",
    "professional_other",
    "facilitator",
    "facilitator_other",
    "mentor",
    "mentor_other",
    "case_worker",
    "case_worker_other_agency",
    "tutor",
    "newcomer",
    "newcomer_other",
    "expert",
]

# --- Membership ---
_judge(
    [
        "Membership[-].list@api",
        "Membership[-].view@api",
        "Membership[-].view@page via person page",
    ],
    ["manager"],
    "allow",
    "A line manager sees the roles their direct reports hold in an organisation they share "
    "(organisations/rules.py membership_visible_q). The table keeps role assignments to the "
    "coordinator and the person (its judgement call 3). Not confidential content (the manager "
    "knows their staff's job); reviewer to settle.",
)
_judge(
    ["Membership[-].end@api", "Membership[-].end@page"],
    ["manager"],
    "deny_403",
    "Follows from the line manager seeing their report's role: 403 (sees, may not act), not 404.",
)
_judge(
    ["Membership[-].create@api"],
    NOT_MANAGING,
    "deny_403",
    "Giving a role names no existing object: whoever manages no organisation is refused with 403 "
    "before the body is read (the table says 404, 'not visible to them'). Nothing is written and "
    "nothing of the target is told.",
)
_judge(
    ["Membership[-].create@api"],
    ["coordinator_other_org"],
    "refused",
    "A coordinator of another organisation naming organisation A is answered 400 on the field "
    "`organisation` (unknown to them, like a missing one), not 404. Nothing is written.",
)
_judge(
    ["Membership[-].create@api[other-org id]"],
    [r for r in OUTSIDERS_OF_X if r != "coordinator"],
    "deny_403",
    "Giving a role in the twin organisation: refused with 403 before the body is read (they manage "
    "no organisation); nothing of the twin is told.",
)
_judge(
    ["Membership[-].create@api[other-org id]"],
    ["coordinator"],
    "refused",
    "Organisation A's coordinator naming the twin organisation: 400 on the field `organisation` "
    "(unknown to them, like a missing one), not 404. Nothing is written.",
)

# --- Inviting a person to an account ---
_judge(
    ["Person[no_account].invite@api", "Person[no_account].invite@page"],
    [*COLLEAGUES, "professional", "facilitator_other"],
    "deny_404",
    "Colleagues (the professional of the same team, the other facilitator included) do not see "
    "the staff profile at all (as for Person[staff], above): 404 instead of the table's 403.",
)
