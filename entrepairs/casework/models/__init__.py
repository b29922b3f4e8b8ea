"""Casework: core-team members' working time, children's cases and balanced allocation."""

# A child's placements live with the child in the people app (one home, shared with mentoring).
from entrepairs.people.models import Placement, PlacementKind

from .allocation import AllocationProposal, ProposedMove
from .care import CarePlan, CarePlanDecision, Incident, IncidentAction, IncidentKind
from .cases import (
    Case,
    CaseEvent,
    Procedure,
    Vulnerability,
    weight_factors,
)
from .decisions import (
    AdviceRequest,
    Decision,
    DecisionType,
    ExpertRole,
    RiskFactor,
    RiskLevel,
    SafetyCheck,
    risk_level,
)
from .leave import CaseContact, CaseworkSettings, LeaveCover
from .reports import LoadSnapshot
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
    "CarePlan",
    "CarePlanDecision",
    "Case",
    "CaseContact",
    "CaseEvent",
    "Incident",
    "IncidentAction",
    "IncidentKind",
    "Leave",
    "LoadSnapshot",
    "CaseworkSettings",
    "Leave",
    "LeaveCover",
    "MemberProfile",
    "Placement",
    "PlacementKind",
    "Procedure",
    "ProposedMove",
    "Vulnerability",
    "weight_factors",
    # decisions (issue 12 points 6 and 8)
    "AdviceRequest",
    "Decision",
    "DecisionType",
    "ExpertRole",
    "RiskFactor",
    "RiskLevel",
    "SafetyCheck",
    "risk_level",
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
