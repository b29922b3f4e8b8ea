"""Which of a group's sessions an agreement bills: one definition read by the invoice, the
invoice lines and the contract's progress (outside test: sessions held before the signature were
shown as waiting to be invoiced, though no invoice ever bills them)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet

from entrepairs.groups.models import Session

from .agreement import agreement_period


def billable_q(start: Any, end: Any) -> Q:
    """Sessions (on Session) a signed agreement bills: held from its `start` to the day before
    `end` (its period). `start` and `end` are dates, or `OuterRef`s for a whole list of contracts
    (`selectors.with_progress`)."""
    return Q(status=Session.Status.HELD, starts_at__date__gte=start, starts_at__date__lt=end)


def billable_sessions(contract: Any) -> QuerySet[Session]:
    """The sessions this contract bills: none until it is signed (a session held before the
    signature is never billed under it), then the group's sessions held in its agreement's
    period."""
    if contract.group_id is None or contract.status != contract.Status.SIGNED:
        return Session.objects.none()
    period = agreement_period(contract)
    return Session.objects.filter(
        billable_q(period.start, period.end + timedelta(days=1)), group_id=contract.group_id
    )
