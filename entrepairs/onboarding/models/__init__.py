"""Onboarding tutoring (seed 002): templates prepared as an institutional project, journeys in four
phases, competency grids, and feedback on the tutoring process that improves the template."""

from .choices import (
    DAY_MAX,
    DAY_MIN,
    ChecklistTopic,
    CompetencyKind,
    FeedbackKind,
    JourneyStatus,
    KitKind,
    ObservationSource,
    OwnerRole,
    Phase,
    SupportKind,
    TutoringType,
)
from .evaluations import ClosingReview, CompetencyObservation, FeedbackEntry, ShadowingSession
from .journeys import Introduction, Journey, JourneyTask, KitCheck, Reminder
from .people import OrgContact, TutorProfile
from .templates import (
    Competency,
    KitItem,
    Support,
    Template,
    TemplateReminder,
    TemplateTask,
    TemplateVersion,
)

__all__ = [
    "DAY_MAX",
    "DAY_MIN",
    "ChecklistTopic",
    "ClosingReview",
    "Competency",
    "CompetencyKind",
    "CompetencyObservation",
    "FeedbackEntry",
    "FeedbackKind",
    "Introduction",
    "Journey",
    "JourneyStatus",
    "JourneyTask",
    "KitCheck",
    "KitItem",
    "KitKind",
    "ObservationSource",
    "OrgContact",
    "OwnerRole",
    "Phase",
    "Reminder",
    "ShadowingSession",
    "Support",
    "SupportKind",
    "Template",
    "TemplateReminder",
    "TemplateTask",
    "TemplateVersion",
    "TutorProfile",
    "TutoringType",
]
