"""The period of a training agreement: one definition read by billing, the divergence warning
and the certificates over the contract (issue 13 point 5)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from entrepairs.groups.periods import Period

# An agreement runs for a year (365 days) from its signature: billing, the divergence warning
# and the certificates all read this one period (`agreement_period`, and `selectors.with_group_counts`
# for lists, which computes the same dates in the database).
AGREEMENT_DAYS = 365


def agreement_start(contract: Any) -> date:
    """The day the agreement starts: its signature (a quote's own date until it is signed)."""
    begun = contract.signed_at or contract.created_at or timezone.now()
    return timezone.localtime(begun).date()


def agreement_period(contract: Any, start: date | None = None) -> Period:
    """The agreement's period: a year from its start (or from `start`, for one being signed)."""
    begun = start or agreement_start(contract)
    return Period(begun, begun + timedelta(days=AGREEMENT_DAYS - 1))
