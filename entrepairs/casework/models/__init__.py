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
from .reports import LoadSnapshot
from .teams import Leave, MemberProfile

__all__ = [
    "AllocationProposal",
    "Case",
    "CaseEvent",
    "Leave",
    "LoadSnapshot",
    "MemberProfile",
    "Placement",
    "PlacementKind",
    "Procedure",
    "ProposedMove",
    "Vulnerability",
    "weight_factors",
]
