"""Contracts and price grids pages: parse, call the service, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from entrepairs.core.forms import add_errors, limit
from entrepairs.core.http import AuthedHttpRequest, client_address
from entrepairs.core.permissions import check
from entrepairs.core.views import ask_first, require
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.picker import use_picker

from .. import pdf, selectors, services
from ..formatting import amount as money
from ..formatting import hours
from ..forms import (
    ContractForm,
    CreditNoteForm,
    OrderReferencesForm,
    PriceGridForm,
    parse_bands,
)
from ..models import Contract, PriceGrid


@login_required
def contract_list(request: AuthedHttpRequest) -> HttpResponse:
    contracts = selectors.contracts_visible_to(request.user).select_related(
        "provider", "client", "group"
    )
    grids = selectors.price_grids_for(request.user).select_related("provider")
    return render(
        request,
        "contracts/contracts.html",
        {
            "contracts": contracts,
            "grids": grids,
            "can_manage": check(request.user, "contracts.manage_business"),
        },
    )


@login_required
def price_grid_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "contracts.manage_business")
    form = PriceGridForm(request.POST or None)
    limit(form, "provider", selectors.provider_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            grid = PriceGrid(
                provider=form.cleaned_data["provider"],
                name=form.cleaned_data["name"],
                beneficiary_bands=parse_bands(
                    form.cleaned_data["beneficiary_bands"], "hourly_rate"
                ),
                rhythm_bands=parse_bands(form.cleaned_data["rhythm_bands"], "discount_percent"),
            )
            services.price_grid_save(grid=grid, by=request.user)
        except (ValidationError, forms.ValidationError) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The price grid was saved."))
            return redirect("contracts:list")
    return render(request, "groups/form.html", {"form": form, "title": _("New price grid")})


@login_required
def contract_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "contracts.manage_business")
    form = ContractForm(request.POST or None)
    providers = selectors.provider_choices(request.user)
    limit(form, "provider", providers)
    limit(form, "price_grid", PriceGrid.objects.filter(provider__in=providers))
    limit(form, "client", Organisation.objects.all())
    limit(form, "group", selectors.group_choices(request.user))
    use_picker(form, ["provider_person"], "contracts.provider_people", request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.contract_save(contract=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The quote was saved."))
            return redirect("contracts:detail", pk=contract.pk)
    return render(request, "groups/form.html", {"form": form, "title": _("New quote")})


@login_required
def contract_detail(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    contract = selectors.get_contract_for(request.user, pk)
    can_manage = check(request.user, "contracts.change_contract", contract)
    if request.method == "POST" and "sign" in request.POST:
        # The service decides who signs for which side (403 otherwise), as for the API: a
        # refused signature is never a silent page.
        try:
            contract = services.contract_sign(
                contract=contract, by=request.user, ip_address=client_address(request)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The contract is signed.")
                if contract.status == Contract.Status.SIGNED
                else _("Your acceptance is recorded; the other side signs next."),
            )
        return redirect("contracts:detail", pk=contract.pk)
    if request.method == "POST" and "delete" in request.POST:
        # The service says whether it may go (a quote nobody accepted); its refusal is shown
        # next to the action, nothing deleted.
        asked = ask_first(
            request,
            title=_("Delete the quote %(contract)s?") % {"contract": contract},
            question=_("The quote is deleted; nobody has accepted it. This cannot be undone."),
            confirm=_("Yes, delete the quote"),
            back=reverse("contracts:detail", args=[contract.pk]),
        )
        if asked is not None:
            return asked
        try:
            services.contract_delete(contract=contract, by=request.user)
        except ValidationError as exc:
            return _detail(request, contract, can_manage, refused=" ".join(exc.messages))
        messages.success(request, _("The quote was deleted."))
        return redirect("contracts:list")
    return _detail(request, contract, can_manage)


def _detail(
    request: AuthedHttpRequest, contract: Contract, can_manage: bool, refused: str = ""
) -> HttpResponse:
    signatures = selectors.contract_signatures(contract)
    return render(
        request,
        "contracts/contract.html",
        {
            "delete_refused": refused,
            "can_delete": can_manage and _agreement_ready(contract, signatures) is False,
            "terms": contract.terms,
            "contract": contract,
            "progress": services.contract_progress(contract),
            "lines": selectors.contract_lines(contract),
            "invoices": selectors.contract_invoices(contract),
            "signatures": signatures,
            "warnings": selectors.contract_divergences(contract),
            "billing": selectors.billing_explanation(contract),
            "session_hours": hours(contract.terms.session_hours),
            "can_manage": can_manage,
            "can_sign": _may_sign(request, contract, signatures),
            "agreement_ready": _agreement_ready(contract, signatures),
        },
    )


def _may_sign(request: AuthedHttpRequest, contract: Contract, signatures: list[Any]) -> bool:
    """Whether to offer the signature button (the service decides anyway)."""
    if contract.status != Contract.Status.QUOTE:
        return False
    signed = {s.side for s in signatures}
    provider = check(request.user, "contracts.change_contract", contract)
    client = viewer_for(request.user).manages(contract.client_id)
    return (provider and "provider" not in signed) or (client and "client" not in signed)


def _agreement_ready(contract: Contract, signatures: list[Any]) -> bool:
    """The agreement exists once a side accepted the quote."""
    return contract.status != Contract.Status.QUOTE or bool(signatures)


@login_required
def contract_pdf(request: AuthedHttpRequest, pk: Any, kind: str) -> HttpResponse:
    contract = selectors.get_contract_for(request.user, pk)
    if kind == "quote":
        return pdf.response(pdf.quote_document(contract), f"devis-{contract.quote_number}.pdf")
    if kind != "contract":
        raise Http404
    signatures = selectors.contract_signatures(contract)
    if not _agreement_ready(contract, signatures):
        messages.error(request, _("The agreement exists once a side has accepted the quote."))
        return redirect("contracts:detail", pk=contract.pk)
    return pdf.response(
        pdf.agreement_document(contract, signatures), f"convention-{contract.quote_number}.pdf"
    )


@login_required
def invoice_pdf(request: AuthedHttpRequest, pk: Any, number: str) -> HttpResponse:
    """An issued invoice or credit note (Factur-X), for whoever sees its contract."""
    contract = selectors.get_contract_for(request.user, pk)
    invoice = selectors.get_invoice(contract, number)
    return pdf.response(pdf.invoice_document(invoice), f"{number}.pdf")


@login_required
def contract_client_order(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    """The client's order number and service code (Chorus Pro), for whoever keeps the contract."""
    contract = selectors.get_contract_for(request.user, pk, "change")
    form = OrderReferencesForm(request.POST or None, instance=contract)
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_set_order_references(
                contract=contract,
                order_number=form.cleaned_data["client_order_number"],
                service_code=form.cleaned_data["client_service_code"],
                by=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The client's references were saved."))
            return redirect("contracts:detail", pk=contract.pk)
    title = _("Client's references (Chorus Pro)")
    return render(request, "groups/form.html", {"form": form, "title": title})


@login_required
def invoice_credit(request: AuthedHttpRequest, pk: Any, number: str) -> HttpResponse:
    """A credit note on an invoice: its amount (what remains of the invoice unless changed) and
    reason."""
    contract = selectors.get_contract_for(request.user, pk, "change")
    invoice = selectors.get_invoice(contract, number)
    remaining = invoice.remaining_to_credit()
    form = CreditNoteForm(request.POST or None, initial={"amount": remaining})
    if request.method == "POST" and form.is_valid():
        try:
            note = services.invoice_credit(
                invoice=invoice,
                by=request.user,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Credit note %(number)s issued.") % {"number": note.number})
            if note.cancels:
                messages.info(
                    request,
                    _("Invoice %(number)s is cancelled: its sessions can be invoiced again.")
                    % {"number": invoice.number},
                )
            return redirect("contracts:detail", pk=contract.pk)
    title = _("Credit note on invoice %(number)s") % {"number": invoice.number}
    return render(request, "groups/form.html", {"form": form, "title": title})


@login_required
@require_POST
def invoice_delete(request: AuthedHttpRequest, pk: Any, number: str) -> HttpResponse:
    """An invoice is never deleted: the service refuses, the page says why (a credit note)."""
    contract = selectors.get_contract_for(request.user, pk)
    invoice = selectors.get_invoice(contract, number)
    try:
        services.invoice_delete(invoice=invoice, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("contracts:detail", pk=contract.pk)


@login_required
@require_POST
def contract_invoice(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    contract = selectors.get_contract_for(request.user, pk, "change")
    try:
        number, total, count = services.contract_invoice(contract=contract, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Invoice %(number)s: %(count)s session, %(total)s.",
                "Invoice %(number)s: %(count)s sessions, %(total)s.",
                count,
            )
            % {"number": number, "count": count, "total": money(total)},
        )
    return redirect("contracts:detail", pk=contract.pk)
