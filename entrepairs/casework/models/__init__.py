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
from .leave import CaseContact, CaseworkSettings, LeaveCover
from .teams import Leave, MemberProfile

__all__ = [
    "AllocationProposal",
    "Case",
    "CaseContact",
    "CaseEvent",
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
]
