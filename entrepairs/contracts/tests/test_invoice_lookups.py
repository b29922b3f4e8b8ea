"""Finding an invoice (issue 13, outside test): an unknown invoice, or another contract's or
organisation's, is 404 on every endpoint that names one — a credit note, its PDF — never a 400;
and an invoice issued before invoices were documents gets its PDF and its Factur-X on demand."""

import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from entrepairs.core.services import SYSTEM
from entrepairs.groups import services as group_services
from entrepairs.organisations.models import Membership, Organisation, Role

from .. import facturx, services
from ..models import Contract, Invoice, InvoiceLine, PriceGrid
from .conftest import BANDS, RHYTHM, signed_before

pytestmark = pytest.mark.django_db


def _signed(gw, quote):  # type: ignore[no-untyped-def]
    group_services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )
    return services.contract_sign(contract=quote, by=SYSTEM, signed_at=signed_before(gw))


def _other_providers_invoice(gw):  # type: ignore[no-untyped-def]
    """An invoice of another provider, on another contract (a number our contract never had)."""
    other = Organisation.objects.create(
        name="Autre organisme",
        slug="autre-organisme",
        kind="provider",
        siret="98765432400019",
        address="1 rue Haute\n62000 Arras",
        vat_exempt_training=True,
    )
    Membership.objects.create(person=gw.w.facilitator, organisation=other, role=Role.FACILITATOR)
    grid = services.price_grid_save(
        grid=PriceGrid(provider=other, name="G", beneficiary_bands=BANDS, rhythm_bands=RHYTHM),
        by=SYSTEM,
    )
    contract = services.contract_save(
        contract=Contract(
            provider=other,
            client=gw.w.org_a,
            price_grid=grid,
            session_hours=Decimal("3"),
            sessions_per_year=10,
            beneficiaries=6,
        ),
        by=SYSTEM,
    )
    # Issued straight from the numbering (its group's sessions are already another's lines).
    return services._issue(contract, Invoice.Kind.INVOICE, Decimal("100"), timezone.now())


def test_a_credit_note_on_an_unknown_or_foreign_invoice_is_refused_alike(
    gw, quote, api_for, client_for
) -> None:
    """The API names the field (outside test of #13: a bare 404 said nothing), with the same
    answer for an unknown invoice and another provider's: nothing tells that one exists."""
    contract = _signed(gw, quote)
    foreign = _other_providers_invoice(gw)
    assert not contract.invoices.exists()
    api = api_for(gw.w.facilitator, quote.provider)
    url = f"/api/v1/groups/contracts/{contract.pk}/credit/"
    for asked in ("F-1999-0042", foreign.number, str(foreign.pk)):
        answer = api.post(url, {"invoice": asked, "amount": "10"}, format="json")
        assert answer.status_code == 400, (asked, answer.content)
        message = answer.json()["error"]["fields"]["invoice"][0]
        assert message.replace(asked, "<n>") == "This contract has no invoice numbered <n>."
    page = client_for(gw.w.facilitator)
    for asked in ("F-1999-0042", foreign.number):
        base = f"/groups/contracts/{contract.pk}/invoices/{asked}"
        assert page.get(f"{base}/credit/").status_code == 404
        assert page.post(f"{base}/credit/", {"amount": "10"}).status_code == 404
        assert page.get(f"{base}.pdf").status_code == 404
        assert (
            api.get(f"/api/v1/groups/contracts/{contract.pk}/invoices/{asked}/").status_code == 404
        )
    assert not Invoice.objects.filter(kind="credit_note").exists()
    # Positive control: the contract's own invoice is credited through the same call.
    number, _total, _count = services.contract_invoice(contract=contract, by=SYSTEM)
    assert (
        api.post(
            url, {"invoice": number, "amount": "10", "reason": "Séance écourtée"}, format="json"
        ).status_code
        == 201
    )


def _legacy(gw, quote):  # type: ignore[no-untyped-def]
    """A held session invoiced the old way: the line carries a number, no Invoice exists."""
    contract = _signed(gw, quote)
    InvoiceLine.objects.filter(contract=contract).update(
        invoice_number="FA-2025-017", invoiced_at=timezone.now()
    )
    return contract


def test_an_invoice_issued_before_pdfs_existed_downloads_on_the_page_and_in_the_api(
    gw, quote, client_for, api_for
) -> None:
    contract = _legacy(gw, quote)
    page = client_for(gw.w.coordinator).get(f"/groups/contracts/{contract.pk}/")
    link = f"/groups/contracts/{contract.pk}/invoices/FA-2025-017.pdf"
    assert link in page.content.decode()
    pdf = client_for(gw.w.facilitator).get(link)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "FA-2025-017" in text and "Supervision & Co" in text
    api = api_for(gw.w.coordinator, gw.w.org_a).get(
        f"/api/v1/groups/contracts/{contract.pk}/invoices/FA-2025-017/"
    )
    assert api.status_code == 200
    xml = facturx.extract(api.content)
    assert facturx.check(xml) and b"FA-2025-017" in xml
    # Recorded once, with the number it was given and the lines' total; a credit note works.
    invoice = Invoice.objects.get(number="FA-2025-017")
    assert invoice.amount_excl_vat == Decimal("270.00") and invoice.lines.count() == 1
    assert Invoice.objects.filter(number="FA-2025-017").count() == 1
    note = services.invoice_credit(
        invoice=invoice, by=SYSTEM, amount=Decimal("20"), reason="Remise"
    )
    assert note.credited == invoice
