"""Judgement calls of the person picker rows and of the check-in ratings (same conventions as
known.py, which imports this module once its `_judge` exists). The PersonPicker rows of the
expected table were added by the implementing session, not by the independent reviewer: each
call below says where the code's source rule is wider or narrower than those rows."""

from __future__ import annotations

from .known import _judge


def _picks(state: str) -> list[str]:
    return [f"PersonPicker[{state}].pick@api", f"PersonPicker[{state}].pick@page"]


# --- CheckIn ratings: the agency's case worker ---
_judge(
    [
        "CheckIn[other_party_rating].view@api",
        "CheckIn[other_party_rating].view@page via match page",
    ],
    ["case_worker"],
    "deny_404",
    "The youth's case worker reads the check-in ratings only where the mentoring organisation's "
    "sharing agreement with the agency says so ('The agency reads the check-in ratings', off by "
    "default, decided by the mentoring organisation alone: mentoring.rules.MatchRights."
    "reads_checkin_answers, docs/mentoring.md). The world's agreement does not share them, so the "
    "rating is absent from the API row and the match page; with sharing on the case worker reads "
    "it (mentoring/tests/test_checkin_ratings_sharing.py, test_checkin_confidentiality.py). The "
    "table gives 'staff' the ratings unconditionally (its judgement call 12). The code is "
    "stricter, not a leak: the programme's coordinators read every rating, the mentor none but "
    "their own (both cells agree).",
)

# --- PersonPicker: who finds a staff person through each source ---
_judge(
    _picks("onboarding.people:staff"),
    ["mentor", "mentor_other", "facilitator_other"],
    "allow",
    "onboarding.people offers 'the active people of the viewer's organisations' "
    "(onboarding.selectors.people_for): a mentor (a volunteer whose person record belongs to "
    "the organisation) and any facilitator of it find its staff by name, team and profession "
    "(the picker's label; no notes, no contact details, never a person served). The rows added "
    "for the picker follow the table's directory call 3 (mentors and other facilitators not in "
    "the directory). Reviewer: should the source be limited to those who fill an onboarding "
    "form (coordinator, tutor, manager)?",
)
_judge(
    _picks("groups.facilitators:staff"),
    ["facilitator", "facilitator_other", "mentor", "mentor_other"],
    "allow",
    "Follows from who may start a peer-support group: 'anyone with a person record' "
    "(groups.rules.can_add_group, seed 000), so the new group's facilitator picker answers a "
    "facilitator or a mentor too. The table's judgement call 5 keeps facilitators and mentors "
    "from creating groups.",
)
_judge(
    _picks("mentoring.case_workers:staff"),
    ["case_worker"],
    "allow",
    "At intake the youth's agency enrols for itself (mentoring.selectors.intake_choices: 'the "
    "agencies they enrol for: their own, and for programme staff the agencies their "
    "organisations have an agreement with'), so the agency's case worker picks among their own "
    "agency's case workers. The row added for the picker gave intake to the programme's "
    "coordinators only; another agency's case worker still finds nobody (cell agrees).",
)
