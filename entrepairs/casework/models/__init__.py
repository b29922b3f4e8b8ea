"""Casework: core-team members' working time, children's cases and balanced allocation."""

from .allocation import AllocationProposal, ProposedMove
from .care import CarePlan, CarePlanDecision, Incident, IncidentAction, IncidentKind
from .cases import (
    Case,
    CaseEvent,
    Placement,
    PlacementKind,
    Procedure,
    Vulnerability,
    weight_factors,
)
from .teams import Leave, MemberProfile

__all__ = [
    "AllocationProposal",
    "CarePlan",
    "CarePlanDecision",
    "Case",
    "CaseEvent",
    "Incident",
    "IncidentAction",
    "IncidentKind",
    "Leave",
    "MemberProfile",
    "Placement",
    "PlacementKind",
    "Procedure",
    "ProposedMove",
    "Vulnerability",
    "weight_factors",
]
