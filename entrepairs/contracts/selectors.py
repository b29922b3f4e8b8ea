"""Reads shared by the contracts pages and API: what a viewer sees and may pick."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Least
from django.http import Http404
from django.utils.translation import gettext as _

from entrepairs.core.views import get_visible_or_404, require
from entrepairs.groups.models import Group, GroupMember, Session
from entrepairs.groups.selectors import groups_visible_to
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .models import Contract, Invoice, InvoiceLine, PriceGrid
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


# The contract year: a year from the first session invoiced under the contract, or from the quote
# when that is earlier or nothing is invoiced yet (a contract often follows sessions already held,
# which it then invoices); over it the group's sessions are counted against the sessions a year.
CONTRACT_YEAR = timedelta(days=365)


def _year_sessions() -> Coalesce:
    rows = (
        Session.objects.filter(
            group_id=OuterRef("group_id"),
            starts_at__gte=OuterRef("year_start"),
            starts_at__lt=OuterRef("year_end"),
        )
        .exclude(status=Session.Status.CANCELLED)
        .order_by()
        .values("group_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _active_members() -> Coalesce:
    rows = (
        GroupMember.objects.filter(group_id=OuterRef("group_id"), status=GroupMember.Status.ACTIVE)
        .order_by()
        .values("group_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_group_counts(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    """The group's active members and its sessions in the contract year, for
    `contract_divergences` (a whole list in one query)."""
    first_invoiced = Subquery(
        InvoiceLine.objects.filter(contract_id=OuterRef("pk"))
        .order_by("session__starts_at")
        .values("session__starts_at")[:1],
        output_field=DateTimeField(),
    )
    start = Least(Coalesce(first_invoiced, "created_at"), "created_at")
    return contracts.annotate(
        year_start=start,
        year_end=ExpressionWrapper(start + CONTRACT_YEAR, output_field=DateTimeField()),
    ).annotate(group_members=_active_members(), group_year_sessions=_year_sessions())


def contract_divergences(contract: Contract) -> list[str]:
    """Where the group departs from the contract: its active members against the beneficiaries,
    its sessions in the contract year against the sessions a year (a warning, not a refusal)."""
    if contract.group_id is None:
        return []
    if not hasattr(contract, "group_members"):
        contract = with_group_counts(Contract.objects.filter(pk=contract.pk)).get()
    warnings = []
    members: int = contract.group_members  # type: ignore[attr-defined]
    sessions: int = contract.group_year_sessions  # type: ignore[attr-defined]
    if members != contract.beneficiaries:
        warnings.append(
            _("Active members of the group: %(members)s; beneficiaries in the contract: %(n)s.")
            % {"members": members, "n": contract.beneficiaries}
        )
    if sessions != contract.sessions_per_year:
        warnings.append(
            _(
                "Sessions of the group in the contract year: %(sessions)s; sessions a year in "
                "the contract: %(n)s."
            )
            % {"sessions": sessions, "n": contract.sessions_per_year}
        )
    return warnings


def with_progress(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    """Sessions planned, held and invoiced per contract, for a whole list at once (the list's
    query count stays the same whatever the number of contracts); `services.contract_progress`
    reads these when present."""
    return with_group_counts(contracts).annotate(
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


def contract_invoices(contract: Contract) -> QuerySet[Invoice]:
    """Invoices and credit notes of a contract the caller already sees, in order of issue."""
    return contract.invoices.select_related("credited").order_by("issued_on", "created_at")


def get_invoice(contract: Contract, number: str) -> Invoice:
    """One invoice or credit note of a contract the caller already sees (404 if none)."""
    invoice = contract_invoices(contract).filter(number=number).first()
    if invoice is None:
        raise Http404
    return invoice


def contract_signatures(contract: Contract) -> list[Any]:
    return list(contract.signatures.all())
