"""Casework: core-team members' working time, children's cases and balanced allocation."""

from .allocation import AllocationProposal, ProposedMove
from .cases import (
    Case,
    CaseEvent,
    Placement,
    PlacementKind,
    Procedure,
    Vulnerability,
    weight_factors,
)
from .team import (
    Attendance,
    Audit,
    AuditAction,
    AuditFinding,
    Meeting,
    MeetingAction,
    PeerRating,
    PeerReview,
    Policy,
    PolicyAcknowledgement,
    Rating,
    ReviewIndicator,
    TeamTopic,
)
from .teams import Leave, MemberProfile

__all__ = [
    "AllocationProposal",
    "Case",
    "CaseEvent",
    "Leave",
    "MemberProfile",
    "Placement",
    "PlacementKind",
    "Procedure",
    "ProposedMove",
    "Vulnerability",
    "weight_factors",
    # team (points 10-12)
    "Attendance",
    "Audit",
    "AuditAction",
    "AuditFinding",
    "Meeting",
    "MeetingAction",
    "PeerRating",
    "PeerReview",
    "Policy",
    "PolicyAcknowledgement",
    "Rating",
    "ReviewIndicator",
    "TeamTopic",
]
