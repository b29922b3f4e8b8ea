"""The training body's documents (issue 13 point 5): numbered quotes with a validity date, the
training agreement signed by both sides, invoices with the French legal mentions and Factur-X,
credit notes, the contract checked against its group; and the bad input of the issue (a quote
accepted after its validity date, an invoice without a SIRET, a credit note larger than its
invoice), each refused with a field error and nothing written."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from entrepairs.core.services import SYSTEM
from entrepairs.groups import services as group_services
from entrepairs.organisations.models import Organisation

from .. import facturx, pdf, selectors, services
from ..models import Contract, DocumentSequence, Invoice, InvoiceLine
from .conftest import make_quote, signed_before

pytestmark = pytest.mark.django_db

YEAR = None


def _year() -> int:
    return timezone.localdate().year


def _held(gw):  # type: ignore[no-untyped-def]
    group_services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )


def _invoiced(gw, quote):  # type: ignore[no-untyped-def]
    _held(gw)
    contract = services.contract_sign(contract=quote, by=SYSTEM, signed_at=signed_before(gw))
    number, _total, _count = services.contract_invoice(contract=contract, by=SYSTEM)
    return Invoice.objects.get(number=number)


# --- quotes ------------------------------------------------------------------------------------


def test_quotes_are_numbered_per_provider_with_a_validity_date(gw, provider) -> None:
    org, grid = provider
    first, second = make_quote(gw, org, grid), make_quote(gw, org, grid)
    assert (first.quote_number, second.quote_number) == (
        f"D-{_year()}-0001",
        f"D-{_year()}-0002",
    )
    assert first.quote_valid_until == timezone.localdate() + timedelta(days=30)
    other = Organisation.objects.create(
        name="Autre", slug="autre", kind="provider", siret="11122233700011"
    )
    grid.pk = None
    grid.provider = other
    grid.save()
    assert make_quote(gw, other, grid).quote_number == f"D-{_year()}-0001"  # its own sequence


def test_a_quote_accepted_after_its_validity_date_is_refused_with_nothing_written(
    gw, provider, api_for
) -> None:
    quote = make_quote(gw, *provider)
    Contract.objects.filter(pk=quote.pk).update(
        quote_valid_until=timezone.localdate() - timedelta(days=1)
    )
    api = api_for(gw.w.coordinator, gw.w.org_a)
    with translation.override("fr"):
        answer = api.post(f"/api/v1/groups/contracts/{quote.pk}/sign/", HTTP_ACCEPT_LANGUAGE="fr")
    assert answer.status_code == 400
    said = answer.json()["error"]["fields"]["quote_valid_until"][0]
    assert said.startswith("Ce devis était valable jusqu’au ") and "/" not in said
    assert not quote.signatures.exists()
    quote.refresh_from_db()
    assert quote.status == "quote"


def test_the_page_says_why_a_late_acceptance_is_refused(gw, provider, client_for) -> None:
    quote = make_quote(gw, *provider)
    Contract.objects.filter(pk=quote.pk).update(
        quote_valid_until=timezone.localdate() - timedelta(days=3)
    )
    page = client_for(gw.w.facilitator).post(
        f"/groups/contracts/{quote.pk}/", {"sign": "1"}, follow=True
    )
    assert "This quote was valid until" in page.content.decode()
    assert not quote.signatures.exists()


# --- the training agreement --------------------------------------------------------------------


def test_both_sides_sign_the_agreement_with_name_time_and_ip(gw, provider, api_for, pdf_text):  # type: ignore[no-untyped-def]
    quote = make_quote(gw, *provider)
    _held(gw)
    base = f"/api/v1/groups/contracts/{quote.pk}/"
    provider_api = api_for(gw.w.facilitator, provider[0])
    client_api = api_for(gw.w.coordinator, gw.w.org_a)
    assert provider_api.get(f"{base}document/contract/").status_code == 400  # nobody signed
    first = provider_api.post(f"{base}sign/", REMOTE_ADDR="198.51.100.7")
    assert first.status_code == 200 and first.json()["status"] == "quote"
    assert provider_api.post(f"{base}sign/").status_code == 400  # already signed
    second = client_api.post(f"{base}sign/", REMOTE_ADDR="203.0.113.9")
    assert second.status_code == 200 and second.json()["status"] == "signed"
    sides = {s["side"]: s for s in second.json()["signatures"]}
    assert sides["provider"]["name"] == str(gw.w.facilitator)
    assert sides["provider"]["ip_address"] == "198.51.100.7"
    assert sides["client"]["name"] == str(gw.w.coordinator)
    # The session held before the signature is outside the agreement's period: not invoiced.
    assert InvoiceLine.objects.filter(contract=quote).count() == 0
    with translation.override("fr"):
        text = pdf_text(
            client_api.get(f"{base}document/contract/", HTTP_ACCEPT_LANGUAGE="fr").content
        ).replace("\u00a0", " ")
    for expected in (
        "Convention de formation",
        "L6353-1",
        "Supervision & Co",
        gw.w.org_a.name,
        "32590000059",  # the provider's declaration number (NDA)
        quote.quote_number,
        gw.group.name,
        "270,00 €",
        "3 h",
        f"acceptée par {gw.w.facilitator}",
        "198.51.100.7",
        f"acceptée par {gw.w.coordinator}",
    ):
        assert expected in text, (expected, text)


def test_nobody_else_signs_for_a_side(gw, provider, api_for) -> None:
    quote = make_quote(gw, *provider)
    # The client's professional does not see the contract; the other organisation neither.
    assert (
        api_for(gw.w.professional, gw.w.org_a)
        .post(f"/api/v1/groups/contracts/{quote.pk}/sign/")
        .status_code
        == 404
    )
    assert not quote.signatures.exists()


# --- invoices ----------------------------------------------------------------------------------


def test_an_invoice_for_a_provider_without_siret_is_refused_naming_what_is_missing(
    gw, provider, api_for
) -> None:
    org, grid = provider
    Organisation.objects.filter(pk=org.pk).update(siret="")
    quote = make_quote(gw, org, grid)
    _held(gw)
    services.contract_sign(contract=quote, by=SYSTEM, signed_at=signed_before(gw))
    with translation.override("fr"):
        answer = api_for(gw.w.facilitator, org).post(
            f"/api/v1/groups/contracts/{quote.pk}/invoice/", HTTP_ACCEPT_LANGUAGE="fr"
        )
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["siret"] == [
        "Le SIRET de Supervision & Co est manquant."
    ]
    # Nothing written: no invoice, the line still waiting, no number used.
    assert not Invoice.objects.exists()
    assert InvoiceLine.objects.get(contract=quote).invoiced_at is None
    assert not DocumentSequence.objects.filter(kind="invoice").exists()


def test_a_public_client_needs_its_order_number_and_service_code(gw, provider) -> None:
    Organisation.objects.filter(pk=gw.w.org_a.pk).update(kind=Organisation.Kind.PUBLIC)
    quote = make_quote(gw, *provider)
    _held(gw)
    contract = services.contract_sign(contract=quote, by=SYSTEM, signed_at=signed_before(gw))
    with pytest.raises(ValidationError) as refused:
        services.contract_invoice(contract=contract, by=SYSTEM)
    assert set(refused.value.message_dict) == {"client_order_number", "client_service_code"}
    contract.client_order_number, contract.client_service_code = "EJ-2026-77", "SERV-RH"
    services.contract_save(contract=contract, by=SYSTEM)  # not an agreed term: may change
    invoice = _issue_all(contract)
    assert (invoice.order_number, invoice.service_code) == ("EJ-2026-77", "SERV-RH")
    xml = facturx.extract(pdf.invoice_document(invoice)).decode()
    assert "<ram:BuyerReference>SERV-RH</ram:BuyerReference>" in xml
    assert "<ram:IssuerAssignedID>EJ-2026-77</ram:IssuerAssignedID>" in xml


def _issue_all(contract):  # type: ignore[no-untyped-def]
    number, _total, _count = services.contract_invoice(contract=contract, by=SYSTEM)
    return Invoice.objects.get(number=number)


def test_the_invoice_is_factur_x_and_its_xml_validates_against_the_shipped_schema(
    gw, quote
) -> None:
    invoice = _invoiced(gw, quote)
    document = pdf.invoice_document(invoice)
    assert document.startswith(b"%PDF")
    xml = facturx.extract(document)
    assert facturx.check(xml)  # the factur-x library's XSD for the BASIC profile
    text = xml.decode()
    assert f"<ram:ID>{invoice.number}</ram:ID>" in text
    assert "<ram:TypeCode>380</ram:TypeCode>" in text
    assert "<ram:CategoryCode>E</ram:CategoryCode>" in text  # exempt: vocational training
    assert 'schemeID="0002">123456782<' in text  # the seller's SIREN
    assert "<ram:GrandTotalAmount>270.00</ram:GrandTotalAmount>" in text
    assert b"pdfaid" in document  # PDF/A-3 metadata written by the library


def test_a_provider_liable_to_vat_invoices_20_percent(gw, provider) -> None:
    org, grid = provider
    Organisation.objects.filter(pk=org.pk).update(
        vat_exempt_training=False, vat_number="FR32123456789"
    )
    invoice = _invoiced(gw, make_quote(gw, org, grid))
    assert (invoice.vat_rate, invoice.vat_amount, invoice.amount_incl_vat) == (
        Decimal("20.00"),
        Decimal("54.00"),
        Decimal("324.00"),
    )
    xml = facturx.extract(pdf.invoice_document(invoice))
    assert facturx.check(xml) and b"<ram:CategoryCode>S</ram:CategoryCode>" in xml
    assert b'schemeID="VA">FR32123456789<' in xml


def test_an_issued_invoice_keeps_the_identity_it_was_issued_with(gw, quote) -> None:
    invoice = _invoiced(gw, quote)
    Organisation.objects.filter(pk=quote.provider_id).update(name="Nouveau nom", siret="")
    invoice.refresh_from_db()
    assert invoice.seller["name"] == "Supervision & Co"
    assert invoice.seller["siret"] == "12345678200010"


# --- credit notes ------------------------------------------------------------------------------


def test_a_credit_note_larger_than_its_invoice_is_refused_with_nothing_written(
    gw, quote, api_for
) -> None:
    invoice = _invoiced(gw, quote)
    api = api_for(gw.w.facilitator, quote.provider)
    url = f"/api/v1/groups/contracts/{quote.pk}/credit/"
    answer = api.post(url, {"invoice": invoice.number, "amount": "270.01"}, format="json")
    assert answer.status_code == 400
    assert "amount" in answer.json()["error"]["fields"]
    assert not Invoice.objects.filter(kind="credit_note").exists()
    assert not DocumentSequence.objects.filter(kind="credit_note").exists()
    part = api.post(
        url, {"invoice": invoice.number, "amount": "70", "reason": "Geste"}, format="json"
    )
    assert part.status_code == 201, part.json()
    assert (
        part.json()["number"] == f"A-{_year()}-0001" and part.json()["credited"] == invoice.number
    )
    # What remains is 200: 200.01 is refused, the rest cancels the invoice.
    assert (
        api.post(url, {"invoice": invoice.number, "amount": "200.01"}, format="json").status_code
        == 400
    )
    rest = api.post(url, {"invoice": invoice.number, "reason": "Solde"}, format="json")
    assert rest.status_code == 201 and rest.json()["amount_excl_vat"] == "200.00"
    assert rest.json()["number"] == f"A-{_year()}-0002"
    again = api.post(url, {"invoice": invoice.number}, format="json")
    assert again.status_code == 400  # nothing remains
    # The invoice keeps its number; the client reads both documents.
    client = api_for(gw.w.coordinator, gw.w.org_a)
    detail = client.get(f"/api/v1/groups/contracts/{quote.pk}/").json()
    assert [i["number"] for i in detail["invoices"]] == [
        invoice.number,
        f"A-{_year()}-0001",
        f"A-{_year()}-0002",
    ]
    note = client.get(detail["invoices"][1]["document"])
    assert note.status_code == 200
    xml = facturx.extract(note.content)
    assert facturx.check(xml) and b"<ram:TypeCode>381</ram:TypeCode>" in xml


def test_the_credit_note_page_puts_the_refusal_next_to_the_amount(gw, quote, client_for) -> None:
    invoice = _invoiced(gw, quote)
    client = client_for(gw.w.facilitator)
    url = f"/groups/contracts/{quote.pk}/invoices/{invoice.number}/credit/"
    form = client.get(url)
    assert form.status_code == 200 and form.context["form"].initial["amount"] == Decimal("270.00")
    refused = client.post(url, {"amount": "500", "reason": "Trop"})
    assert refused.status_code == 200
    assert "cannot exceed what remains" in str(refused.context["form"].errors["amount"])
    done = client.post(url, {"amount": "270", "reason": "Annulation"})
    assert done.status_code == 302
    assert invoice.credit_notes.get().amount_excl_vat == Decimal("270.00")
    assert client_for(gw.w.coordinator).get(url).status_code == 403  # the client reads only


# --- the contract against its group ------------------------------------------------------------


def test_a_contract_that_departs_from_its_group_warns_on_the_page_and_in_the_api(
    gw, provider, client_for, api_for
) -> None:
    org, grid = provider
    members = len(gw.members)
    matching = make_quote(gw, org, grid, beneficiaries=members, sessions_per_year=10)
    assert selectors.contract_divergences(matching) == [
        # The group's past session is before the quote: one session in the contract year.
        "Sessions of the group in the contract year: 1; sessions a year in the contract: 10."
    ]
    apart = make_quote(gw, org, grid, beneficiaries=members + 2, sessions_per_year=10)
    warnings = selectors.contract_divergences(apart)
    assert len(warnings) == 2
    assert warnings[0] == (
        f"Active members of the group: {members}; beneficiaries in the contract: {members + 2}."
    )
    api = api_for(gw.w.facilitator, org)
    assert api.get(f"/api/v1/groups/contracts/{apart.pk}/").json()["warnings"] == warnings
    listed = {c["id"]: c for c in api.get("/api/v1/groups/contracts/").json()["results"]}
    assert listed[str(apart.pk)]["warnings"] == warnings  # the list's annotations say the same
    page = client_for(gw.w.facilitator).get(f"/groups/contracts/{apart.pk}/").content.decode()
    assert 'id="divergences"' in page and f"Active members of the group: {members};" in page


def test_the_client_references_are_set_on_the_page_after_signing(gw, quote, client_for) -> None:
    Organisation.objects.filter(pk=gw.w.org_a.pk).update(kind=Organisation.Kind.PUBLIC)
    _held(gw)
    contract = services.contract_sign(contract=quote, by=SYSTEM, signed_at=signed_before(gw))
    price = contract.price_per_session
    url = f"/groups/contracts/{contract.pk}/client-order/"
    assert client_for(gw.w.coordinator).get(url).status_code == 403  # the client reads only
    client = client_for(gw.w.facilitator)
    saved = client.post(url, {"client_order_number": "EJ-9", "client_service_code": "RH"})
    assert saved.status_code == 302
    contract.refresh_from_db()
    assert (contract.client_order_number, contract.client_service_code) == ("EJ-9", "RH")
    assert contract.price_per_session == price and contract.status == "signed"
    assert _issue_all(contract).order_number == "EJ-9"


def test_a_quote_one_side_accepted_or_that_expired_keeps_its_terms(gw, provider, api_for) -> None:
    """Outside test: the provider signed, then raised the hours (the client would have signed
    terms the provider never accepted); an expired quote was given a new validity date."""
    quote = make_quote(gw, *provider)
    base = f"/api/v1/groups/contracts/{quote.pk}/"
    provider_api = api_for(gw.w.facilitator, provider[0])
    assert provider_api.post(f"{base}sign/").status_code == 200
    changed = provider_api.patch(base, {"session_hours": "5"}, format="json")
    assert changed.status_code == 400
    quote.refresh_from_db()
    assert quote.session_hours != 5
    expired = make_quote(gw, *provider)
    Contract.objects.filter(pk=expired.pk).update(
        quote_valid_until=timezone.localdate() - timedelta(days=1)
    )
    revived = provider_api.patch(
        f"/api/v1/groups/contracts/{expired.pk}/",
        {"quote_valid_until": (timezone.localdate() + timedelta(days=30)).isoformat()},
        format="json",
    )
    assert revived.status_code == 400
    expired.refresh_from_db()
    assert expired.quote_valid_until is not None
    assert expired.quote_valid_until < timezone.localdate()
