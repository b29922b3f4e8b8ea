"""Judgement calls of the coaching rows (same conventions as known.py, which imports this module
once its `_judge` exists). The matrix found no leak in these rows."""

from __future__ import annotations

from .known import _judge

_ASK = ["CoachRequest[-].create@api"]

_judge(
    _ASK,
    [
        "coordinator", "manager", "manager_other", "professional", "professional_other",
        "facilitator", "facilitator_other", "mentor", "mentor_other", "tutor", "expert",
        "guardian", "core_team_member", "core_team_other", "leave_replacement", "auditor",
    ],
    "allow",
    "The table lets only the newcomer role ask for a coach (403 for the others). Decided "
    "otherwise (docs/coaching.md): anyone of the organisation who starts tutoring may ask for a "
    "coach, since « new tutor » is a stage of a person's practice, not a role the software holds "
    "(the table's own open question 11); the request goes to the coordinators, who propose or "
    "not. The asker's own request only: nothing of another person's is read or changed.",
)  # fmt: skip
_judge(
    _ASK,
    ["coordinator_other_org", "coordinator_client_org", "case_worker", "case_worker_other_agency"],
    "allow",
    "A request is always made in the asker's own organisation (the call names no organisation "
    "nor record): these people of other organisations ask in their own scheme, which they may; "
    "the probed side's scheme is not touched nor shown.",
)
_judge(
    _ASK,
    ["platform_admin"],
    "refused",
    "An account without a person record cannot ask for a coach: 400 with a message (who would "
    "be coached?), nothing written; the table's 404 is about another organisation's scheme, "
    "which this call never names.",
)
_judge(
    ["CoachPairing[active].give_feedback@api"],
    ["tutor", "newcomer"],
    "refused",
    "Decided 2026-12-04 by the lead (issue 16 brief): a coordinator of the organisation ends the "
    "pairing with a reason, then each of the pair gives their feedback, once. On an active "
    "pairing the feedback is refused with « Feedback is given once the coordinators have ended "
    "the pairing. » (400), nothing written; after the end each of the pair gives it "
    "(coaching/tests/test_pairing_end.py). The table, written before, lets the pair give it "
    "while active, as the pairing's end.",
)
