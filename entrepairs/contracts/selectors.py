"""Reads shared by the contracts pages and API: what a viewer sees and may pick."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.utils.translation import gettext as _

from entrepairs.core.views import get_visible_or_404, require
from entrepairs.groups.models import Group, GroupMember, Session
from entrepairs.groups.selectors import groups_visible_to
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people import picker
from entrepairs.people.models import Person

from .agreement import AGREEMENT_DAYS, agreement_period
from .billing import billable_q
from .formatting import long_date
from .models import Contract, Invoice, PriceGrid
from .rules import business_q, contract_visible_q, provider_facilitators_q, provider_ids
from .services import invoice_recover


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


# The contract year is the agreement's period (`periods.agreement_period`): a year from its
# signature, a quote's own date until then; computed here in the database for whole lists.
CONTRACT_YEAR = timedelta(days=AGREEMENT_DAYS)


def _year_sessions() -> Coalesce:
    rows = (
        Session.objects.filter(
            group_id=OuterRef("group_id"),
            starts_at__date__gte=OuterRef("year_start"),
            starts_at__date__lt=OuterRef("year_end"),
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
    start = TruncDate(Coalesce("signed_at", "created_at"))
    return contracts.annotate(
        year_start=start,
        year_end=ExpressionWrapper(start + CONTRACT_YEAR, output_field=DateField()),
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
    # Against the terms agreed at acceptance (`Contract.terms`), the quote's before.
    terms = contract.terms
    if members != terms.beneficiaries:
        warnings.append(
            _("Active members of the group: %(members)s; beneficiaries in the contract: %(n)s.")
            % {"members": members, "n": terms.beneficiaries}
        )
    if sessions != terms.sessions_per_year:
        warnings.append(
            _(
                "Sessions of the group in the contract year: %(sessions)s; sessions a year in "
                "the contract: %(n)s."
            )
            % {"sessions": sessions, "n": terms.sessions_per_year}
        )
    return warnings


def _billable_count(**filters: Any) -> Case:
    """`billing.billable_sessions` counted in the list's query: the sessions held in the
    agreement's period (`year_start`..`year_end`, `with_group_counts`), once it is signed."""
    rows = (
        Session.objects.filter(
            billable_q(OuterRef("year_start"), OuterRef("year_end")),
            group_id=OuterRef("group_id"),
            **filters,
        )
        .order_by()
        .values("group_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    count = Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))
    return Case(When(status=Contract.Status.SIGNED, then=count), default=Value(0))


def with_progress(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    """`services.contract_progress` for a whole list at once (the list's query count stays the
    same whatever the number of contracts); `services.contract_progress` reads these when
    present."""
    billable = _billable_count()
    invoiced = _billable_count(invoice_line__invoiced_at__isnull=False)
    return (
        with_group_counts(contracts)
        .annotate(
            progress_planned=_sessions_count(
                status__in=[s for s in Session.Status if s != Session.Status.CANCELLED]
            ),
            progress_held=_sessions_count(status=Session.Status.HELD),
            progress_billable=billable,
            progress_invoiced=invoiced,
        )
        .annotate(
            progress_not_billable=F("progress_held") - F("progress_billable"),
            progress_to_invoice=F("progress_billable") - F("progress_invoiced"),
        )
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


@picker.source("contracts.provider_people")
def provider_people_to_pick(user: Any) -> QuerySet[Person]:
    """The quote's facilitator picker: the author or a facilitator of a provider they write
    quotes for (services.contract_save checks the same)."""
    require(user, "contracts.manage_business")
    return facilitator_choices(user, provider_choices(user))


def group_choices(user: Any) -> QuerySet[Group]:
    return groups_visible_to(user)


def contract_lines(contract: Contract) -> QuerySet[Any]:
    return contract.lines.select_related("session")


def contract_invoices(contract: Contract) -> QuerySet[Invoice]:
    """Invoices and credit notes of a contract the caller already sees, in order of issue."""
    return contract.invoices.select_related("credited").order_by("issued_on", "created_at")


def get_invoice(contract: Contract, number: str) -> Invoice:
    """One invoice or credit note of a contract the caller already sees (404 if none; an unknown
    number, or another contract's, never a 400). An invoice issued before invoices were
    documents gets its record, so its PDF and Factur-X, on this first read
    (services.invoice_recover)."""
    invoice = find_invoice(contract, number)
    if invoice is None:
        raise Http404
    return invoice


def find_invoice(contract: Contract, number: str) -> Invoice | None:
    """One invoice or credit note of the contract by its number, None if it has none: a number
    given in a request's body is a field error (400), one in the address a 404 (`get_invoice`)."""
    invoice = contract_invoices(contract).filter(number=number).first()
    if invoice is None:
        invoice = invoice_recover(contract=contract, number=number)
    return invoice


def contract_signatures(contract: Contract) -> list[Any]:
    return list(contract.signatures.all())


def billing_explanation(contract: Contract) -> str:
    """Which of the group's sessions this agreement bills (the contract page says it)."""
    if contract.status == Contract.Status.QUOTE:
        return _(
            "Once signed, this agreement bills the group's sessions held for a year from its "
            "signature; sessions held before it is signed are not invoiced under it."
        )
    period = agreement_period(contract)
    return _(
        "This agreement bills the group's sessions held from %(start)s to %(end)s; sessions held "
        "before or after are not invoiced under it."
    ) % {"start": long_date(period.start), "end": long_date(period.end)}


def invoices_still_owed() -> QuerySet[Invoice]:
    """Invoices (not credit notes) that something is still owed on: their credit notes took back
    less than their amount (one cancelled by credit notes is owed nothing, outside test)."""
    return Invoice.objects.still_owed()


def invoices_due(user: Any, today: Any, within_days: int = 30) -> QuerySet[Invoice]:
    """Invoices still owed (`invoices_still_owed`) of the contracts the viewer sees whose payment
    falls due between `today` and `within_days` later, soonest first."""
    return (
        invoices_still_owed()
        .filter(
            contract__in=contracts_visible_to(user),
            due_on__gte=today,
            due_on__lte=today + timedelta(days=within_days),
        )
        .select_related("contract")
        .order_by("due_on", "number")
    )
