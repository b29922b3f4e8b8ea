"""The kinds of closure and pause reasons, fixed by the product (seed 001: mentoring is never
withdrawn as a sanction). An organisation names its reasons as it likes, but each one maps to one
of these kinds, none of which is about the youth's conduct; a safeguarding concern opens a review
the coordinators must follow up instead of closing the match silently.
"""

from django.utils.translation import gettext_lazy as _

# kind: (label, outcome when a match closes for it)
CLOSURE_KINDS = {
    "youth_wish": (_("The youth's wish"), "ended_early"),
    "goals_reached": (_("Goals reached"), "completed"),
    "mentor_leaves": (_("The mentor leaves or is no longer available"), "ended_early"),
    "youth_moves": (_("The youth moves away"), "ended_early"),
    "youth_of_age": (_("The youth comes of age or leaves care"), "ended_early"),
    "family_wish": (_("The (adoptive) family's wish, after being informed"), "ended_early"),
    "programme_ends": (_("The programme ends"), "ended_early"),
    "safeguarding": (_("Safeguarding concern (opens a review)"), "ended_early"),
}
SAFEGUARDING = "safeguarding"

PAUSE_KINDS = {
    "youth_wish": _("The youth's wish"),
    "mentor_unavailable": _("The mentor is unavailable for a while"),
    "health": _("Illness or hospital stay"),
    "holidays": _("Holidays or exams"),
    "move": _("A move or placement change"),
    "safeguarding": _("Safeguarding concern (opens a review)"),
}

# Reasons saved before kinds existed (the old defaults) keep a sensible kind.
_LEGACY = {
    "completed": "goals_reached",
    "youth_wish": "youth_wish",
    "mentor_moving": "mentor_leaves",
    "mentor_unavailable": "mentor_leaves",
    "safety_concern": "safeguarding",
    "youth_left_care": "youth_of_age",
}


def kind_of(reason: dict) -> str:
    kind = reason.get("kind") or _LEGACY.get(reason.get("code", ""))
    if kind is None:
        kind = "goals_reached" if reason.get("outcome") == "completed" else "youth_wish"
    return str(kind)


def outcome_of(reason: dict) -> str:
    return CLOSURE_KINDS[kind_of(reason)][1]


def new_reason_code(label: str, taken: set[str]) -> str:
    """An identifier for a reason a coordinator adds on the page (never shown: the page names
    reasons by their label), made from its label and unique among the programme's codes."""
    from django.utils.text import slugify

    base = slugify(label).replace("-", "_")[:40].strip("_") or "reason"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code
