"""Services for price grids, contracts and invoices (seed 003: "Tarif : contractualisé en fonction
de la durée, du rythme et du nombre de bénéficiaires")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.permissions import check
from entrepairs.core.services import SYSTEM, service
from entrepairs.groups.models import Session
from entrepairs.groups.selectors import groups_visible_to
from entrepairs.organisations.viewer import viewer_for

from .models import Contract, InvoiceLine, PriceGrid
from .rules import provider_facilitators_q


def _check_business(by: Any, record: PriceGrid | Contract) -> None:
    if by is SYSTEM:
        return
    stored = type(record).objects.filter(pk=record.pk).values_list("provider_id", flat=True)
    providers = {record.provider_id, *stored}
    if not all(check(by, "contracts.manage_business", PriceGrid(provider_id=p)) for p in providers):
        raise PermissionDenied


def _check_keeps(by: Any, contract: Contract) -> None:
    """An existing contract is written only by whoever keeps it (`rules.can_change_contract`)."""
    if by is SYSTEM:
        return
    stored = Contract.objects.filter(pk=contract.pk).first()
    if stored is not None and not check(by, "contracts.change_contract", stored):
        raise PermissionDenied(
            _("Only the provider's coordinators and the facilitator it names keep this contract.")
        )


# What both parties agreed when the quote was signed.
AGREED_TERMS = (
    "provider_id",
    "client_id",
    "group_id",
    "price_grid_id",
    "session_hours",
    "sessions_per_year",
    "beneficiaries",
)


def _check_terms_kept(contract: Contract) -> None:
    """A signed contract keeps the terms the client accepted: one side never changes them alone
    (a change is a new quote the client signs)."""
    stored = Contract.objects.filter(pk=contract.pk).first()
    if stored is None or stored.status == Contract.Status.QUOTE:
        return
    if any(getattr(stored, name) != getattr(contract, name) for name in AGREED_TERMS):
        raise ValidationError(
            _(
                "A signed contract keeps the terms both parties agreed: make a new quote to change them."
            )
        )


def _check_contract_parties(contract: Contract, by: Any) -> None:
    from entrepairs.people.models import Person

    viewer = viewer_for(by)
    person_id = contract.provider_person_id
    if person_id is not None and person_id != viewer.person_id:
        facilitates = Person.objects.filter(
            provider_facilitators_q([contract.provider_id]), pk=person_id
        )
        if not facilitates.exists():
            raise ValidationError(
                {"provider_person": _("Choose yourself or a facilitator of the provider.")}
            )
    visible_groups = groups_visible_to(by)
    if contract.group_id is not None and not visible_groups.filter(pk=contract.group_id).exists():
        raise ValidationError({"group": _("Choose a group you can see.")})


@service
@transaction.atomic
def price_grid_save(*, grid: PriceGrid, by: Any) -> PriceGrid:
    """A grid's bands follow each other without gap or overlap (checked in PriceGrid.clean); only
    the provider's coordinators and facilitators write its grids, before and after the change."""
    _check_business(by, grid)
    grid.full_clean()
    grid.save()
    return grid


@service
@transaction.atomic
def contract_save(*, contract: Contract, by: Any) -> Contract:
    """The price per session comes from the grid: duration × hourly rate for the number of
    beneficiaries, less the discount for the rhythm. Only the provider's coordinators and
    facilitators write its contracts (before and after the change: a contract is never moved to a
    provider they do not run); the facilitator named is the author or one of the provider's
    facilitators; the group is one the author sees."""
    _check_business(by, contract)
    _check_keeps(by, contract)
    _check_terms_kept(contract)
    if by is not SYSTEM:
        _check_contract_parties(contract, by)
    contract.full_clean()
    contract.save()
    return contract


@service
@transaction.atomic
def contract_sign(*, contract: Contract, by: Any) -> Contract:
    _check_keeps(by, contract)
    contract = Contract.objects.select_for_update(of=("self",)).get(pk=contract.pk)
    if contract.status != Contract.Status.QUOTE:
        raise ValidationError(_("Only a quote can be signed."))
    contract.status = Contract.Status.SIGNED
    contract.signed_at = timezone.now()
    contract.save(update_fields=["status", "signed_at", "updated_at"])
    held = Session.objects.filter(Q(group_id=contract.group_id), status=Session.Status.HELD)
    for session in held if contract.group_id else []:
        invoice_line_for(session=session)
    return contract


def invoice_line_for(*, session: Session) -> InvoiceLine | None:
    """One invoice line per session held under the group's signed contract."""
    if session.status != Session.Status.HELD:
        return None
    contract = (
        Contract.objects.filter(group_id=session.group_id, status=Contract.Status.SIGNED)
        .order_by("-signed_at")
        .first()
    )
    if contract is None:
        return None
    line, _created = InvoiceLine.objects.get_or_create(
        session=session, defaults={"contract": contract, "amount": contract.price_per_session}
    )
    return line


@service
@transaction.atomic
def contract_invoice(*, contract: Contract, by: Any) -> tuple[str, Decimal, int]:
    """Issue an invoice for every line not yet invoiced."""
    _check_keeps(by, contract)
    lines = list(
        InvoiceLine.objects.select_for_update(of=("self",)).filter(
            contract=contract, invoiced_at__isnull=True
        )
    )
    if not lines:
        raise ValidationError(_("No held session is waiting to be invoiced."))
    now = timezone.now()
    number = f"F{now:%Y%m%d}-{str(contract.pk)[:6].upper()}-{InvoiceLine.objects.filter(contract=contract, invoiced_at__isnull=False).values('invoice_number').distinct().count() + 1}"
    for line in lines:
        line.invoiced_at = now
        line.invoice_number = number
        line.save(update_fields=["invoiced_at", "invoice_number", "updated_at"])
    return number, sum((line.amount for line in lines), Decimal(0)), len(lines)


def contract_progress(contract: Contract) -> dict[str, int]:
    """Sessions planned, held and invoiced under a contract (from `selectors.with_progress`'s
    annotations when the contract comes from a list)."""
    if hasattr(contract, "progress_planned"):
        return {
            name: getattr(contract, f"progress_{name}") for name in ("planned", "held", "invoiced")
        }
    if contract.group_id is None:
        planned = held = 0
    else:
        counts = Session.objects.filter(group_id=contract.group_id).aggregate(
            planned=Count("pk", filter=~Q(status=Session.Status.CANCELLED)),
            held=Count("pk", filter=Q(status=Session.Status.HELD)),
        )
        planned, held = counts["planned"], counts["held"]
    invoiced = contract.lines.filter(invoiced_at__isnull=False).count()
    return {"planned": planned, "held": held, "invoiced": invoiced}


@service
@transaction.atomic
def price_grid_delete(*, grid: PriceGrid, by: Any) -> None:
    """A grid no contract uses any more may go (contracts keep their computed price)."""
    _check_business(by, grid)
    grid.delete()


@service
@transaction.atomic
def contract_delete(*, contract: Contract, by: Any) -> None:
    _check_keeps(by, contract)
    contract.delete()
