"""The period of a contract, for the groups' certificates ("over the contract year", issue 13):
registered in groups.periods.CONTRACT_PERIODS, so groups never import this app."""

from __future__ import annotations

import uuid
from typing import Any

from entrepairs.groups.periods import Period

from .agreement import agreement_period


def contract_period(viewer: Any, group: Any, contract_id: str) -> Period | None:
    """The period of a contract of `group`, for the group's certificates. Asked only once the
    viewer may read a certificate of the group (selectors.get_member_for_certificate): a member or
    their line manager names the contract of the member's group without seeing the contract
    itself (its price and parties), and gets its dates only."""
    from .models import Contract

    try:
        uuid.UUID(str(contract_id))
    except ValueError:
        return None
    contract = Contract.objects.filter(pk=contract_id, group_id=group.pk).first()
    if contract is None:
        return None
    return agreement_period(contract)
