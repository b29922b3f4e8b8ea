"""Organisations' models; imported here so that Django finds them."""

from .organisation import (
    MANAGING_ROLES,
    SENSITIVE_ROLES,
    SERVED_ROLES,
    Membership,
    MembershipQuerySet,
    Organisation,
    Role,
    RoleRequest,
    Site,
    Team,
)

__all__ = [
    "MANAGING_ROLES",
    "SENSITIVE_ROLES",
    "SERVED_ROLES",
    "Membership",
    "MembershipQuerySet",
    "Organisation",
    "Role",
    "RoleRequest",
    "Site",
    "Team",
]
