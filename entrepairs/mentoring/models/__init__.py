"""Mentoring programmes with child-welfare agencies (seed 001)."""

from .closures import Closure, SafeguardingReview
from .matches import (
    CheckIn,
    ContactLog,
    Match,
    MatchAlert,
    MatchEvent,
    MatchingRun,
    ProgressNote,
    Proposal,
    Unmatched,
)
from .mentors import Mentor, Mode, ScreeningStep
from .programmes import (
    CRITERION_LABELS,
    SHAREABLE_FIELDS,
    Programme,
    SharingAgreement,
    score_rows,
    score_sentence,
)
from .youths import Consent, SituationChange, Transfer, Youth, YouthService

__all__ = [
    "Closure",
    "SafeguardingReview",
    "CRITERION_LABELS",
    "score_rows",
    "score_sentence",
    "SHAREABLE_FIELDS",
    "CheckIn",
    "Consent",
    "ContactLog",
    "Match",
    "MatchAlert",
    "MatchEvent",
    "MatchingRun",
    "Mentor",
    "Mode",
    "Programme",
    "ProgressNote",
    "Proposal",
    "ScreeningStep",
    "SharingAgreement",
    "SituationChange",
    "Transfer",
    "Unmatched",
    "Youth",
    "YouthService",
]
