"""Services for price grids, contracts and invoices (seed 003: "Tarif : contractualisé en fonction
de la durée, du rythme et du nombre de bénéficiaires")."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
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

from .agreement import agreement_period
from .billing import billable_sessions
from .formatting import amount as money
from .formatting import long_date
from .identity import STANDARD_VAT_RATE, check_invoiceable, check_quotable, party
from .models import CENT, AgreementSignature, Contract, Invoice, InvoiceLine, PriceGrid
from .numbering import next_number
from .rules import provider_facilitators_q, runs_provider_ids

# A quote is valid this many days unless it says otherwise.
QUOTE_VALID_DAYS = 30
# French commercial law (Code de commerce L441-10): payment 30 days after the service when the
# contract says nothing else.
PAYMENT_DAYS = 30


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


# A quote binds the provider for at most a year: prices and availability move beyond that.
QUOTE_MAX_VALID_DAYS = 365


def check_quote_validity(valid_until: Any) -> None:
    """A validity date given to a quote, on creation as on every edit: from today to a year
    ahead."""
    if valid_until is None:
        return
    today = timezone.localdate()
    if valid_until < today:
        raise ValidationError({"quote_valid_until": _("A quote is valid until a later date.")})
    latest = today + timedelta(days=QUOTE_MAX_VALID_DAYS)
    if valid_until > latest:
        raise ValidationError(
            {
                "quote_valid_until": _("A quote is valid for a year at most: until %(date)s.")
                % {"date": long_date(latest)}
            }
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
    if stored is None or stored.quote_valid_until != contract.quote_valid_until:
        check_quote_validity(contract.quote_valid_until)
    if stored is None:
        return
    if stored.status == Contract.Status.QUOTE:
        # Once one side has accepted, or the quote has expired, its terms and validity are
        # fixed: the other side signs what the first accepted, and an expired quote is
        # replaced by a new one with its own number (outside test: both were changed).
        signed = stored.signatures.exists()
        expired = (
            stored.quote_valid_until is not None and stored.quote_valid_until < timezone.localdate()
        )
        terms = (*AGREED_TERMS, "quote_valid_until")
        if (signed or expired) and any(
            getattr(stored, name) != getattr(contract, name) for name in terms
        ):
            raise ValidationError(
                _("This quote was accepted by one side: make a new quote to change it.")
                if signed
                else _("This quote has expired: make a new quote.")
            )
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
    if contract.provider_person_id is None and contract.provider_id not in runs_provider_ids(
        viewer
    ):
        # A facilitator of the provider who names nobody signs for the provider themselves:
        # otherwise the quote would be the provider coordinators' only, out of its author's
        # sight, and the client could sign a quote its author can neither see nor sign
        # (outside test: stuck half-signed).
        contract.provider_person_id = viewer.person_id
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
    if not contract.quote_number and contract.quote_valid_until is None:
        # A quote is issued with its validity date: 30 days unless the author gave one. Once
        # issued it always has one (a quote without one is refused by the model's field).
        contract.quote_valid_until = timezone.localdate() + timedelta(days=QUOTE_VALID_DAYS)
    contract.full_clean()
    if contract.pk is None or not Contract.objects.filter(pk=contract.pk).exists():
        check_quotable(contract)
    if not contract.quote_number:
        contract.quote_number = next_number(contract.provider_id, "quote", timezone.localdate())
    contract.save()
    return contract


@service
@transaction.atomic
def contract_set_order_references(
    *, contract: Contract, order_number: str, service_code: str, by: Any
) -> Contract:
    """The public client's Chorus Pro references (commitment number, service code), often known
    only after the agreement: not agreed terms, so they may change on a signed contract, and
    nothing else does here (the price stays the one agreed)."""
    _check_keeps(by, contract)
    contract = Contract.objects.select_for_update(of=("self",)).get(pk=contract.pk)
    contract.client_order_number = order_number.strip()
    contract.client_service_code = service_code.strip()
    written = {"client_order_number", "client_service_code"}
    contract.clean_fields(exclude=[f.name for f in Contract._meta.fields if f.name not in written])
    contract.save(update_fields=["client_order_number", "client_service_code", "updated_at"])
    return contract


def _signing_side(contract: Contract, by: Any) -> str:
    """The side `by` signs for: the provider's (its coordinators, the facilitator named) before
    the client's (its coordinators); 403 for anyone else, or when their sides have signed."""
    signed = set(contract.signatures.values_list("side", flat=True))
    sides: list[str] = []
    if check(by, "contracts.change_contract", contract):
        sides.append(AgreementSignature.Side.PROVIDER)
    if viewer_for(by).manages(contract.client_id):
        sides.append(AgreementSignature.Side.CLIENT)
    if not sides:
        raise PermissionDenied(
            _("The provider's coordinators and the client's coordinators sign the agreement.")
        )
    waiting = [side for side in sides if side not in signed]
    if not waiting:
        raise ValidationError(_("You have already signed this agreement."))
    return waiting[0]


def _check_quote_valid(contract: Contract) -> None:
    valid_until = contract.quote_valid_until
    if valid_until is not None and timezone.localdate() > valid_until:
        raise ValidationError(
            {
                "quote_valid_until": _(
                    "This quote was valid until %(date)s: make a new quote to agree on it."
                )
                % {"date": long_date(valid_until)}
            }
        )


def _check_no_overlap(contract: Contract, start: Any) -> None:
    """One signed agreement bills a group's session: another one whose period overlaps the year
    this one would run from `start` is refused, named (a later, separate period is allowed)."""
    if contract.group_id is None:
        return
    mine = agreement_period(contract, start)
    others = Contract.objects.filter(group_id=contract.group_id, status=Contract.Status.SIGNED)
    for other in others.exclude(pk=contract.pk):
        theirs = agreement_period(other)
        if theirs.start <= mine.end and mine.start <= theirs.end:
            raise ValidationError(
                {
                    "group": _(
                        "Agreement %(number)s already covers this group from %(start)s to "
                        "%(end)s: a second agreement over the same period would bill its sessions "
                        "twice. Sign this one once it has ended."
                    )
                    % {
                        "number": other.quote_number,
                        "start": long_date(theirs.start),
                        "end": long_date(theirs.end),
                    }
                }
            )


@service
@transaction.atomic
def contract_sign(
    *, contract: Contract, by: Any, ip_address: str | None = None, signed_at: Any = None
) -> Contract:
    """One side accepts the quote, which becomes the training agreement: its acceptance is
    recorded with the signer's name, the time and their IP address. Accepting a quote after its
    validity date is refused. Once both sides have signed, the contract is signed and the
    group's sessions held in its period wait for invoice. An agreement overlapping another signed
    one of the group is refused. SYSTEM (demo, imports) signs both at once, and may record an
    agreement signed earlier on paper (`signed_at`)."""
    contract = Contract.objects.select_for_update(of=("self",)).get(pk=contract.pk)
    if contract.status != Contract.Status.QUOTE:
        raise ValidationError(_("Only a quote can be signed."))
    now = signed_at if by is SYSTEM and signed_at is not None else timezone.now()
    _check_no_overlap(contract, timezone.localtime(now).date())
    if by is SYSTEM:
        sides: list[str] = [
            s for s in AgreementSignature.Side if not contract.signatures.filter(side=s)
        ]
        person = None
    else:
        from entrepairs.people.models import Person

        sides = [_signing_side(contract, by)]
        person_id = viewer_for(by).person_id
        person = Person.objects.filter(pk=person_id).first() if person_id else None
    if not contract.signatures.exists():
        _check_quote_valid(contract)
        # What the parties sign is what the agreement keeps saying: their legal identity as it
        # stands at the first acceptance, whatever their settings become (outside test: a
        # changed address showed on a signed agreement, the SIRET gone).
        contract.provider_party = party(contract.provider)
        contract.client_party = party(contract.client)
        # And the terms they agree: the agreement, the invoices and the divergence warning read
        # this copy; the price is never computed again, whatever the grid or the group become.
        contract.agreed_terms = agreed_terms(contract, accepted_at=now)
        contract.save(
            update_fields=["provider_party", "client_party", "agreed_terms", "updated_at"]
        )
    for side in sides:
        AgreementSignature.objects.create(
            contract=contract,
            side=side,
            person=person,
            name=str(person) if person else getattr(by, "email", "") or "Entrepairs",
            signed_at=now,
            ip_address=ip_address,
        )
    if contract.signatures.count() < len(AgreementSignature.Side):
        return contract
    contract.status = Contract.Status.SIGNED
    contract.signed_at = now
    contract.save(update_fields=["status", "signed_at", "updated_at"])
    for session in billable_sessions(contract):
        invoice_line_for(session=session)
    return contract


def agreed_terms(contract: Contract, *, accepted_at: Any) -> dict[str, Any]:
    """The terms of the quote as a side accepts it, kept on the contract (`Contract.terms`):
    price per session (the quoted one, never computed again), duration, sessions a year,
    beneficiaries, yearly totals, the quote's number and dates, the agreement's period."""
    period = agreement_period(contract, timezone.localtime(accepted_at).date())
    price = contract.price_per_session
    hours = Decimal(contract.session_hours)
    return {
        "price_per_session": str(price),
        "session_hours": str(hours),
        "sessions_per_year": contract.sessions_per_year,
        "beneficiaries": contract.beneficiaries,
        "yearly_total": str(price * contract.sessions_per_year),
        "yearly_hours": str(hours * contract.sessions_per_year),
        "price_grid": contract.price_grid.name,
        "quote_number": contract.quote_number,
        "quote_date": contract.quote_date.isoformat(),
        "quote_valid_until": contract.quote_valid_until.isoformat(),
        "accepted_at": accepted_at.isoformat(),
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
    }


def invoice_line_for(*, session: Session) -> InvoiceLine | None:
    """One invoice line per session one of the group's signed agreements bills
    (`billing.billable_sessions`): a session held before an agreement was signed is never
    invoiced under it."""
    if session.status != Session.Status.HELD:
        return None
    signed = Contract.objects.filter(group_id=session.group_id, status=Contract.Status.SIGNED)
    covering = [
        c
        for c in signed.order_by("-signed_at")
        if billable_sessions(c).filter(pk=session.pk).exists()
    ]
    if not covering:
        return None
    contract = covering[0]
    line, _created = InvoiceLine.objects.get_or_create(
        session=session,
        # The price agreed at acceptance (`Contract.terms`), never the grid's of today.
        defaults={"contract": contract, "amount": contract.terms.price_per_session},
    )
    return line


@service
@transaction.atomic
def contract_invoice(*, contract: Contract, by: Any) -> tuple[str, Decimal, int]:
    """Issue an invoice for every line not yet invoiced: the next number of the provider's
    invoice sequence, the parties' legal identity copied on it (refused, naming what is missing,
    while the seller's SIRET, address or VAT position, or a public client's Chorus Pro order
    number and service code, are missing); VAT at 0 % with the exemption text when the provider
    is exempt as a training body, 20 % otherwise."""
    _check_keeps(by, contract)
    contract = Contract.objects.select_related("provider", "client").get(pk=contract.pk)
    billable = billable_sessions(contract)
    for session in billable.filter(invoice_line__isnull=True):
        invoice_line_for(session=session)
    lines = list(
        InvoiceLine.objects.select_for_update(of=("self",))
        .filter(contract=contract, invoiced_at__isnull=True, session__in=billable)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    )
    if not lines:
        raise ValidationError(_("No held session is waiting to be invoiced."))
    check_invoiceable(contract)
    now = timezone.now()
    total = sum((line.amount for line in lines), Decimal(0))
    invoice = _issue(contract, Invoice.Kind.INVOICE, total, now, items=_items(lines))
    for line in lines:
        line.invoiced_at = now
        line.invoice = invoice
        line.invoice_number = invoice.number
        line.save(update_fields=["invoiced_at", "invoice", "invoice_number", "updated_at"])
    return invoice.number, total, len(lines)


@transaction.atomic
def invoice_recover(*, contract: Contract, number: str) -> Invoice | None:
    """An invoice issued before invoices were documents: its lines carry its number, no Invoice
    row holds it, so there was no PDF nor Factur-X to download (outside test). Its document is
    produced on demand, once: the Invoice is recorded with that number (never a new one: the
    number was given), dated the day its lines were invoiced, VAT as the provider stands, and the
    parties' identity as known today (the only one there is). None when no line has the number."""
    lines = list(
        InvoiceLine.objects.select_for_update(of=("self",))
        .filter(contract=contract, invoice__isnull=True, invoice_number=number)
        .exclude(invoice_number="")
        .select_related("session")
        .order_by("session__starts_at", "pk")
    )
    if not lines:
        return None
    contract = Contract.objects.select_related("provider", "client").get(pk=contract.pk)
    invoiced = min((line.invoiced_at or timezone.now()) for line in lines)
    issued = timezone.localdate(invoiced)
    seller = party(contract.provider)
    total = sum((line.amount for line in lines), Decimal(0))
    rate = Decimal(0) if seller["vat_exempt_training"] else STANDARD_VAT_RATE
    vat = (total * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    invoice = Invoice.objects.create(
        provider_id=contract.provider_id,
        contract=contract,
        kind=Invoice.Kind.INVOICE,
        number=number,
        issued_on=issued,
        due_on=issued + timedelta(days=PAYMENT_DAYS),
        amount_excl_vat=total,
        vat_rate=rate,
        vat_amount=vat,
        amount_incl_vat=total + vat,
        seller=seller,
        buyer=party(contract.client),
        order_number=contract.client_order_number,
        service_code=contract.client_service_code,
        items=_items(lines),
    )
    InvoiceLine.objects.filter(pk__in=[line.pk for line in lines]).update(invoice=invoice)
    return invoice


def _items(lines: list[InvoiceLine]) -> list[dict[str, str]]:
    """What an invoice bills, frozen on it (its PDF reads this, never the lines, which a
    cancellation releases)."""
    return [
        {
            "session": str(line.session_id),
            "starts_at": line.session.starts_at.isoformat(),
            "amount": str(line.amount),
        }
        for line in lines
    ]


def _issue(
    contract: Contract,
    kind: str,
    amount_excl_vat: Decimal,
    now: Any,
    credited: Invoice | None = None,
    reason: str = "",
    cancels: bool = False,
    items: list[dict[str, str]] | None = None,
) -> Invoice:
    issued = timezone.localdate(now)
    seller = party(contract.provider)
    rate = Decimal(0) if seller["vat_exempt_training"] else STANDARD_VAT_RATE
    vat = (amount_excl_vat * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return Invoice.objects.create(
        provider_id=contract.provider_id,
        contract=contract,
        kind=kind,
        number=next_number(contract.provider_id, kind, issued),
        issued_on=issued,
        due_on=issued + timedelta(days=PAYMENT_DAYS),
        amount_excl_vat=amount_excl_vat,
        vat_rate=rate,
        vat_amount=vat,
        amount_incl_vat=amount_excl_vat + vat,
        credited=credited,
        reason=reason,
        cancels=cancels,
        items=items or [],
        seller=seller,
        buyer=party(contract.client),
        order_number=contract.client_order_number,
        service_code=contract.client_service_code,
    )


@service
@transaction.atomic
def invoice_credit(
    *, invoice: Invoice, by: Any, amount: Decimal | None = None, reason: str = ""
) -> Invoice:
    """A credit note (avoir) on an invoice, numbered in the provider's credit-note sequence: an
    invoice is never changed nor its number reused. Refused, like an invoice, while a legal
    mention is missing (`identity.check_invoiceable`: the client's SIRET...). More than what
    remains (excl. VAT) is refused. Without `amount`, or for all that remains, it is the
    invoice's cancellation: no reason asked, "Cancellation of invoice ..." on its PDF, and the
    invoice's sessions are released (billable again: a cancelled invoice bills nothing). For
    less, it is partial: it needs a reason and its PDF says "Partial credit note on invoice ..."."""
    _check_keeps(by, invoice.contract)
    invoice = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
    if invoice.is_credit_note:
        raise ValidationError({"invoice": _("A credit note is not credited again.")})
    remaining = invoice.remaining_to_credit()
    amount = remaining if amount is None else Decimal(amount).quantize(CENT)
    if amount <= 0:
        raise ValidationError(
            {"amount": _("Nothing remains to credit on this invoice.")}
            if remaining <= 0
            else {"amount": _("A credit note is for a positive amount.")}
        )
    if amount > remaining:
        raise ValidationError(
            {
                "amount": _(
                    "A credit note cannot exceed what remains of invoice %(number)s: "
                    "%(remaining)s excl. VAT."
                )
                % {"number": invoice.number, "remaining": money(remaining)}
            }
        )
    cancels = amount == remaining
    reason = reason.strip()
    if not cancels and not reason:
        raise ValidationError(
            {"reason": _("A partial credit note needs a reason: say what it takes back and why.")}
        )
    contract = Contract.objects.select_related("provider", "client").get(pk=invoice.contract_id)
    check_invoiceable(contract)
    note = _issue(
        contract,
        Invoice.Kind.CREDIT_NOTE,
        amount,
        timezone.now(),
        credited=invoice,
        reason=reason,
        cancels=cancels,
    )
    if cancels:
        invoice.lines.update(invoice=None, invoice_number="", invoiced_at=None)
    return note


def contract_progress(contract: Contract) -> dict[str, int]:
    """Sessions planned and held in the group; of the held ones, those the contract never bills
    (held before its signature, or after its agreement's year: `billing.billable_sessions`), those
    waiting to be invoiced (what the next invoice bills) and those invoiced. From
    `selectors.with_progress`'s annotations when the contract comes from a list."""
    names = ("planned", "held", "not_billable", "to_invoice", "invoiced")
    if hasattr(contract, "progress_planned"):
        return {name: getattr(contract, f"progress_{name}") for name in names}
    if contract.group_id is None:
        planned = held = 0
    else:
        counts = Session.objects.filter(group_id=contract.group_id).aggregate(
            planned=Count("pk", filter=~Q(status=Session.Status.CANCELLED)),
            held=Count("pk", filter=Q(status=Session.Status.HELD)),
        )
        planned, held = counts["planned"], counts["held"]
    billable = billable_sessions(contract)
    invoiced = billable.filter(invoice_line__invoiced_at__isnull=False).count()
    return {
        "planned": planned,
        "held": held,
        "not_billable": held - billable.count(),
        "to_invoice": billable.count() - invoiced,
        "invoiced": invoiced,
    }


@service
@transaction.atomic
def price_grid_delete(*, grid: PriceGrid, by: Any) -> None:
    """A grid no contract uses any more may go (contracts keep their computed price)."""
    _check_business(by, grid)
    grid.delete()


@service
@transaction.atomic
def contract_delete(*, contract: Contract, by: Any) -> None:
    """A quote may be deleted until a side accepts it. Afterwards it is a training agreement,
    signed or on its way, and an agreement with invoices is part of the books: neither is ever
    deleted (refused with the reason, nothing deleted)."""
    _check_keeps(by, contract)
    contract = Contract.objects.select_for_update(of=("self",)).get(pk=contract.pk)
    if contract.invoices.exists() or contract.lines.filter(invoiced_at__isnull=False).exists():
        raise ValidationError(
            _(
                "This contract has invoices: it is never deleted. An invoice is never deleted; "
                "a credit note cancels it."
            )
        )
    if contract.status != Contract.Status.QUOTE:
        raise ValidationError(
            _("A signed contract is never deleted: it is the agreement both parties accepted.")
        )
    if contract.signatures.exists():
        raise ValidationError(
            _(
                "This quote was accepted: it is never deleted. It stays the agreement "
                "the other side signs next."
            )
        )
    contract.delete()


@service
@transaction.atomic
def invoice_delete(*, invoice: Invoice, by: Any) -> None:
    """Never: an issued invoice or credit note stays in its unbroken sequence (a credit note
    cancels an invoice). Refused for whoever asks, with the way to do it."""
    _check_keeps(by, invoice.contract)
    raise ValidationError(
        _("An invoice is never deleted; a credit note cancels it.")
        if not invoice.is_credit_note
        else _("A credit note is never deleted: it stays in the credit-note sequence.")
    )
