"""Reads shared by the contracts pages and API: what a viewer sees and may pick."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from entrepairs.core.views import get_visible_or_404, require
from entrepairs.groups.models import Group, Session
from entrepairs.groups.selectors import groups_visible_to
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .models import Contract, PriceGrid
from .rules import business_q, contract_visible_q, provider_facilitators_q, provider_ids


def contracts_visible_to(user: Any) -> QuerySet[Contract]:
    return Contract.objects.filter(contract_visible_q(viewer_for(user)))


def _sessions_count(**filters: Any) -> Coalesce:
    """Sessions of the contract's group, counted in the same query as the contracts."""
    rows = (
        Session.objects.filter(group_id=OuterRef("group_id"), **filters)
        .order_by()
        .values("group_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_progress(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    """Sessions planned, held and invoiced per contract, for a whole list at once (the list's
    query count stays the same whatever the number of contracts); `services.contract_progress`
    reads these when present."""
    return contracts.annotate(
        progress_planned=_sessions_count(
            status__in=[s for s in Session.Status if s != Session.Status.CANCELLED]
        ),
        progress_held=_sessions_count(status=Session.Status.HELD),
        progress_invoiced=Count("lines", filter=Q(lines__invoiced_at__isnull=False), distinct=True),
    )


def price_grids_for(user: Any) -> QuerySet[PriceGrid]:
    return PriceGrid.objects.filter(business_q(viewer_for(user)))


def get_contract_for(user: Any, pk: Any, action: str = "view") -> Contract:
    """The contract if the viewer sees it (404 otherwise) and may do `action` on it (403)."""
    contract: Contract = get_visible_or_404(
        contracts_visible_to(user).select_related(
            "provider", "client", "group", "price_grid", "provider_person"
        ),
        pk=pk,
    )
    if action != "view":
        require(user, f"contracts.{action}_contract", contract)
    return contract


def provider_choices(user: Any) -> QuerySet[Organisation]:
    """Providers the viewer may write grids and quotes for."""
    return Organisation.objects.filter(pk__in=provider_ids(viewer_for(user)))


def facilitator_choices(user: Any, providers: Any) -> QuerySet[Person]:
    """Who may be named on a quote: the author or a facilitator of one of the providers."""
    viewer = viewer_for(user)
    return Person.objects.filter(
        Q(pk=viewer.person_id) | provider_facilitators_q(providers.values("pk"))
    ).distinct()


def group_choices(user: Any) -> QuerySet[Group]:
    return groups_visible_to(user)


def contract_lines(contract: Contract) -> QuerySet[Any]:
    return contract.lines.select_related("session")


def invoice_lines(contract: Contract, number: str) -> list[Any]:
    """The lines of one issued invoice of a contract the caller already sees (404 if none)."""
    lines = list(
        contract_lines(contract)
        .filter(invoice_number=number, invoiced_at__isnull=False)
        .order_by("session__starts_at", "pk")
    )
    if not lines:
        raise Http404
    return lines
