"""The period of a contract, for the groups' certificates ("over the contract year", issue 13):
registered in groups.periods.CONTRACT_PERIODS, so groups never import this app."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from entrepairs.groups.periods import Period


def _one_year_from(start: date) -> date:
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28)


def contract_period(viewer: Any, group: Any, contract_id: str) -> Period | None:
    """A contract of `group` the viewer sees: its own dates when it has them, else the year from
    its signature (or its creation, for a quote)."""
    from .selectors import contracts_visible_to

    try:
        uuid.UUID(str(contract_id))
    except ValueError:
        return None
    contract = contracts_visible_to(viewer).filter(pk=contract_id, group_id=group.pk).first()
    if contract is None:
        return None
    start = getattr(contract, "starts_on", None)
    end = getattr(contract, "ends_on", None)
    if start and end:
        return Period(start, end)
    begun = timezone.localtime(contract.signed_at or contract.created_at).date()
    return Period(begun, _one_year_from(begun))
