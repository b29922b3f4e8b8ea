"""What a third outside test broke in credit notes and billing (issue 13 point 5), each checked
through the service, the API and the page.

- A credit note that takes back all that remains of an invoice is its cancellation: no reason
  asked, "Cancellation" on its PDF (never "Partial"), and the invoice's sessions are billable
  again; only a genuinely partial note needs a reason and says "Partial".
- A credit note is refused, like an invoice, to a client without SIRET.
- Sessions held before the agreement's signature are counted apart, never as waiting to be
  invoiced: "to invoice" is what the next invoice bills (`billing.billable_sessions`).
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from entrepairs.contracts import facturx
from entrepairs.core.services import SYSTEM
from entrepairs.groups.models import Session
from entrepairs.organisations.models import Organisation

from .. import services
from ..models import Contract, Invoice, InvoiceLine
from ..pdf import invoice_document
from .conftest import signed_before
from .test_training_documents import _held, _invoiced


def _credit_api(api, contract, body):  # type: ignore[no-untyped-def]
    return api.post(f"/api/v1/groups/contracts/{contract.pk}/credit/", body, format="json")


def _credit_page(client, contract, invoice, data):  # type: ignore[no-untyped-def]
    url = f"/groups/contracts/{contract.pk}/invoices/{invoice.number}/credit/"
    return client.post(url, data, follow=True)


def _billable_again(invoice: Invoice) -> None:
    """The cancelled invoice's sessions are waiting to be invoiced again, and its document still
    lists them (frozen at issue)."""
    line = InvoiceLine.objects.get(contract=invoice.contract)
    assert line.invoiced_at is None and line.invoice_id is None and line.invoice_number == ""
    invoice.refresh_from_db()
    assert len(invoice.items) == 1
    assert b"Session of" in facturx.extract(invoice_document(invoice))
    again, _total, count = services.contract_invoice(contract=invoice.contract, by=SYSTEM)
    assert count == 1 and again != invoice.number  # a new number, never the cancelled one


# --- a cancellation releases its sessions and says so ---------------------------------------


def test_a_credit_note_without_amount_cancels_and_releases_the_sessions(gw, quote) -> None:
    invoice = _invoiced(gw, quote)
    note = services.invoice_credit(invoice=invoice, by=SYSTEM)  # no amount, no reason
    assert note.cancels
    xml = facturx.extract(invoice_document(note))
    assert f"Cancellation of invoice {invoice.number}".encode() in xml
    assert b"Partial" not in xml
    with translation.override("fr"):
        french = facturx.extract(invoice_document(note)).decode()
    assert f"Annulation de la facture {invoice.number}" in french and "partiel" not in french
    _billable_again(invoice)


def test_the_remainder_after_a_partial_note_is_a_cancellation_without_reason(gw, quote) -> None:
    invoice = _invoiced(gw, quote)
    partial = services.invoice_credit(invoice=invoice, by=SYSTEM, amount=Decimal("70"), reason="G")
    assert not partial.cancels
    assert InvoiceLine.objects.get(invoice=invoice).invoiced_at is not None  # partial: kept
    rest = invoice.amount_excl_vat - Decimal("70")
    # The whole remainder, typed as an amount: still the cancellation, no reason asked.
    note = services.invoice_credit(invoice=invoice, by=SYSTEM, amount=rest)
    assert note.cancels
    assert b"Partial" not in facturx.extract(invoice_document(note))
    _billable_again(invoice)


def test_the_api_cancels_with_an_empty_amount_and_says_cancels(gw, quote, api_for) -> None:
    invoice = _invoiced(gw, quote)
    api = api_for(gw.w.facilitator, quote.provider)
    answer = _credit_api(api, quote, {"invoice": invoice.number, "amount": None})
    assert answer.status_code == 201, answer.json()
    assert answer.json()["cancels"] is True
    assert answer.json()["reason"] == ""  # none asked, none needed
    detail = api.get(f"/api/v1/groups/contracts/{quote.pk}/").json()
    assert detail["progress"]["to_invoice"] == 1 and detail["progress"]["invoiced"] == 0
    _billable_again(invoice)


def test_the_page_cancels_with_an_empty_amount_and_labels_it(gw, quote, client_for) -> None:
    invoice = _invoiced(gw, quote)
    client = client_for(gw.w.facilitator)
    page = _credit_page(client, quote, invoice, {"amount": "", "reason": ""})
    html = page.content.decode()
    assert page.redirect_chain, html  # issued: no reason asked
    assert "its sessions can be invoiced again" in html
    assert "Cancellation credit note" in html and "Partial credit note" not in html
    assert 'id="progress-to-invoice">1<' in html
    _billable_again(invoice)


def test_the_page_in_french_says_avoir_d_annulation(gw, quote, client_for, settings) -> None:
    settings.LANGUAGE_CODE = "fr"
    invoice = _invoiced(gw, quote)
    client = client_for(gw.w.facilitator)
    with translation.override("fr"):
        page = _credit_page(client, quote, invoice, {"amount": "", "reason": ""})
    html = page.content.decode()
    assert "Avoir d’annulation" in html and "Avoir partiel" not in html
    assert "ses séances peuvent être facturées de nouveau" in html


def test_a_partial_note_still_needs_its_reason_on_every_channel(
    gw, quote, api_for, client_for
) -> None:
    invoice = _invoiced(gw, quote)
    with pytest.raises(ValidationError) as refused:
        services.invoice_credit(invoice=invoice, by=SYSTEM, amount=Decimal("70"))
    assert "reason" in refused.value.message_dict
    api = api_for(gw.w.facilitator, quote.provider)
    answer = _credit_api(api, quote, {"invoice": invoice.number, "amount": "70"})
    assert answer.status_code == 400 and "reason" in answer.json()["error"]["fields"]
    page = _credit_page(client_for(gw.w.facilitator), quote, invoice, {"amount": "70"})
    assert not page.redirect_chain and page.context["form"].errors["reason"]
    assert not Invoice.objects.filter(kind="credit_note").exists()
    assert InvoiceLine.objects.get(invoice=invoice).invoiced_at is not None


# --- a credit note to a client without SIRET -------------------------------------------------


def test_a_credit_note_to_a_client_without_siret_is_refused_like_an_invoice(
    gw, quote, api_for, client_for
) -> None:
    invoice = _invoiced(gw, quote)
    Organisation.objects.filter(pk=gw.w.org_a.pk).update(siret="")
    with pytest.raises(ValidationError) as refused:
        services.invoice_credit(invoice=invoice, by=SYSTEM)
    said = refused.value.message_dict["client_siret"][0]
    assert gw.w.org_a.name in said and "settings" in said
    api = api_for(gw.w.facilitator, quote.provider)
    answer = _credit_api(api, quote, {"invoice": invoice.number})
    assert answer.status_code == 400 and "client_siret" in answer.json()["error"]["fields"]
    page = _credit_page(client_for(gw.w.facilitator), quote, invoice, {"amount": ""})
    assert "The SIRET of the client" in page.content.decode()
    assert not Invoice.objects.filter(kind="credit_note").exists()
    assert InvoiceLine.objects.get(invoice=invoice).invoiced_at is not None  # nothing released


# --- sessions held before the signature are counted apart -----------------------------------


def _signed_after_the_past_session(gw, quote) -> Contract:  # type: ignore[no-untyped-def]
    """gw.past held, then the agreement signed: gw.past is never billed under it; one session
    held since is."""
    _held(gw)
    contract = services.contract_sign(contract=quote, by=SYSTEM, signed_at=timezone.now())
    now = timezone.now()
    since = Session.objects.create(
        group=gw.group,
        number=3,
        starts_at=now + timedelta(minutes=1),
        ends_at=now + timedelta(hours=3),
        status=Session.Status.HELD,
    )
    services.invoice_line_for(session=since)
    return contract


def test_sessions_held_before_signing_are_not_waiting_to_be_invoiced(
    gw, quote, api_for, client_for
) -> None:
    contract = _signed_after_the_past_session(gw, quote)
    progress = services.contract_progress(contract)
    assert progress["held"] == 2 and progress["not_billable"] == 1
    assert progress["to_invoice"] == 1 and progress["invoiced"] == 0
    api = api_for(gw.w.facilitator, quote.provider)
    listed = api.get("/api/v1/groups/contracts/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    (row,) = [r for r in rows if r["id"] == str(contract.pk)]
    assert row["progress"] == progress  # the list's annotations say the same
    assert api.get(f"/api/v1/groups/contracts/{contract.pk}/").json()["progress"] == progress
    html = client_for(gw.w.facilitator).get(f"/groups/contracts/{contract.pk}/").content.decode()
    assert 'id="progress-not-billable">1<' in html and 'id="progress-to-invoice">1<' in html
    # "To invoice" is what the invoice bills: one session, not two.
    answer = api.post(f"/api/v1/groups/contracts/{contract.pk}/invoice/")
    assert answer.status_code == 200 and answer.json()["lines"] == progress["to_invoice"]
    after = services.contract_progress(contract)
    assert after["to_invoice"] == 0 and after["invoiced"] == 1 and after["not_billable"] == 1


def test_a_quote_bills_nothing_yet(gw, quote) -> None:
    _held(gw)
    progress = services.contract_progress(quote)
    assert progress["to_invoice"] == 0 and progress["not_billable"] == 1


def test_signed_before_the_session_it_is_billable(gw, quote) -> None:
    _held(gw)
    contract = services.contract_sign(contract=quote, by=SYSTEM, signed_at=signed_before(gw))
    progress = services.contract_progress(contract)
    assert progress["not_billable"] == 0 and progress["to_invoice"] == 1


# --- the invoices cancelled before this fix ---------------------------------------------------


def test_the_migration_releases_the_sessions_of_invoices_already_cancelled(gw, quote) -> None:
    """Data written before: a credit note that took back the whole invoice, sessions still
    invoiced, no frozen items, the default reason stored as text. The migration's function (run
    on today's models, which have the same fields) freezes the items, marks the cancellation,
    clears the stored default reason and releases the sessions."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("entrepairs.contracts.migrations.0003_credit_note_cancels")
    invoice = _invoiced(gw, quote)
    Invoice.objects.filter(pk=invoice.pk).update(items=[])
    note = services.invoice_credit(invoice=invoice, by=SYSTEM)
    Invoice.objects.filter(pk=note.pk).update(
        cancels=False, reason=f"Annulation de la facture {invoice.number}"
    )
    InvoiceLine.objects.filter(contract=quote).update(
        invoice=invoice, invoice_number=invoice.number, invoiced_at=timezone.now()
    )
    migration.freeze_and_release(apps, None)
    note.refresh_from_db()
    assert note.cancels and note.reason == ""
    _billable_again(invoice)
