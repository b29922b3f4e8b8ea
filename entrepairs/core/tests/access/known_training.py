"""Judgement calls of the training rows (issue 16 point 6; same conventions as known.py, which
imports this module once its `_judge` exists). Recorded 2026-12-04 by the coach helper when the
training probes first ran: every difference is listed here for the lead and the reviewer to
settle. None is a leak: the code is stricter than the table, or the world differs from the
table's fixture, or a request names no record of the organisation; the table is left as the
reviewer wrote it."""

from __future__ import annotations

from .known import _judge

_STAFF = [
    "manager", "manager_other", "professional", "professional_other", "facilitator",
    "facilitator_other", "mentor", "mentor_other", "tutor", "newcomer", "newcomer_other",
    "expert", "guardian", "core_team_member", "core_team_other", "leave_replacement", "auditor",
]  # fmt: skip
_NOT_PROBED_HERE = ["coordinator_client_org", "coordinator_other_org"]

_judge(
    [
        "TrainingSession[organisation].list@api",
        "TrainingSession[organisation].view@api",
        "TrainingSession[organisation].view@page",
        "TrainingSession[programme_required].list@api",
        "TrainingSession[programme_required].view@api",
        "TrainingSession[programme_required].view@page",
    ],
    _STAFF,
    "deny_404",
    "The table opens the organisation's sessions (list and page) to all its staff. The code "
    "keeps the sessions' list and page to the coordinators who run training "
    "(training.rules.session_visible_q): each person sees the coming sessions of the trainings "
    "required of them in « Mes formations » (GET /api/v1/training/mine/) and enrols there. "
    "Stricter, not a leak; opening the catalogue's sessions to every member of the "
    "organisation is a product decision left to the lead (the TrainingModule rows say the same "
    "for the catalogue and are not probed yet).",
)
_judge(
    [
        "TrainingSession[programme_required].list@api",
        "TrainingSession[programme_required].view@api",
        "TrainingSession[programme_required].view@page",
    ],
    ["case_worker"],
    "deny_404",
    "The partner agency's case worker sees this session among the trainings their programme "
    "requires of them (« Mes formations », where they enrol: the enrol cell allows it), not in "
    "the organisation's sessions list, which is its coordinators' (same rule as above).",
)
_judge(
    ["TrainingSession[organisation].enrol@api"],
    [
        "expert", "facilitator", "facilitator_other", "manager", "manager_other", "mentor",
        "mentor_other", "newcomer", "newcomer_other",
    ],
    "deny_404",
    "A person enrols to a session of a training required of them (their role's requirement, "
    "their programme's) or of an organisation they run (training.selectors."
    "enrollable_session_for); this staff module is required of the professional role only, so "
    "the other roles get a 404 where the table lets anyone of the organisation take a seat. "
    "Stricter; a product decision for the lead (an optional training open to all).",
)  # fmt: skip
_judge(
    ["TrainingSession[programme_required].enrol@api"],
    [
        "auditor", "core_team_member", "core_team_other", "expert", "facilitator",
        "facilitator_other", "guardian", "leave_replacement", "manager", "manager_other",
        "newcomer", "newcomer_other", "professional", "professional_other", "tutor",
    ],
    "deny_404",
    "The programme requires this training of its mentors and of its partner agencies' case "
    "workers: they enrol (allowed); staff of the organisation it is not required of get a 404 "
    "(same rule as the organisation's session). Stricter, not a leak.",
)  # fmt: skip
_judge(
    ["TrainingSession[programme_required].enrol@api"],
    ["case_worker_other_agency"],
    "allow",
    "In the access world the other agency has a sharing agreement with the organisation too "
    "(world.py: fields first_name), so it is a partner agency of the programme and the "
    "programme's staff training is required of its case workers (issue 16 point 6: « agency "
    "case workers ... complete the trainings their programme requires of them »): they enrol "
    "in their own name, and see nothing else of the organisation. The table's role means an "
    "agency with no tie to the programme; the world gives it one.",
)
_judge(
    ["TrainingSession[organisation].enrol@api"],
    ["professional"],
    "allow",
    "The professional already holds a seat: enrolling again answers 201 with the seat they "
    "hold (training.services.session_enrol is idempotent; an event's registration enrols "
    "through it and must not fail on a seat taken in training first). Nothing is written twice "
    "and no seat is taken; the table expected a refusal with a message.",
)
_judge(
    ["TrainingEnrolment[-].view@page"],
    ["manager", "professional"],
    "deny_404",
    "The enrolled list is on the session's page, which is the coordinators' (see the session "
    "rows). The professional sees their own seat in « Mes formations » (« Inscrit »); their line "
    "manager sees their team's compliance (the team list), not their seats. Stricter.",
)
_judge(
    ["TrainingRequirement[role].list@api"],
    _STAFF,
    "deny_404",
    "The requirements' list is the coordinators' management list; each person reads what is "
    "required of them, and why (« Professionnel — Association … »), in « Mes formations ». "
    "Stricter; a product decision for the lead.",
)
_judge(
    ["TrainingSession[organisation].create@api", "TrainingRequirement[role].create@api"],
    ["case_worker", "case_worker_other_agency", "platform_admin"],
    "deny_403",
    "The call names no record of the organisation (POST to the list's address): someone who "
    "runs no organisation's training is refused with 403 (training.rules.runs_training), "
    "nothing written; the table's 404 is about the organisation's records, none of which is "
    "shown.",
)
_judge(
    ["TrainingSession[organisation].create@api", "TrainingRequirement[role].create@api"],
    _NOT_PROBED_HERE,
    "refused",
    "A coordinator of another organisation runs training, so the address answers; the module "
    "they name is not among those they see and the field refuses it (400), nothing written: nothing of this organisation is shown or changed.",
)
