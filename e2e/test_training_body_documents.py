"""The administration of a training body (issue 13 point 5), in the browser: the provider's
coordinator issues a numbered quote, both sides sign the training agreement, the held session is
invoiced and the invoice credited; each PDF is downloaded and its text read with pypdf — amounts,
dates and numbers written the French way — and the invoices carry their Factur-X XML."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import pick_person, sign_in, sign_out

pytestmark = pytest.mark.e2e


def _download(page: Page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.locator(selector).first.click()
    content = open(info.value.path(), "rb").read()  # noqa: SIM115 - a temporary file
    assert content.startswith(b"%PDF")
    return content


def _text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages))


def _setup(world):  # type: ignore[no-untyped-def]
    """A provider (its legal identity filled in) whose coordinator is the facilitator of a group
    of organisation A with one session held; its price grid."""
    from entrepairs.contracts import services as contracts
    from entrepairs.contracts.models import PriceGrid
    from entrepairs.groups import services as groups
    from entrepairs.groups.models import Session
    from entrepairs.organisations.models import Membership, Organisation, Role

    provider = Organisation.objects.create(
        name="Supervision & Co",
        slug="sup-co",
        kind="provider",
        address="12 rue des Arts\n59000 Lille",
        siret="12345678200010",
        vat_exempt_training=True,
        training_declaration_number="32590000059",
        certification="Certifié Qualiopi au titre des actions de formation",
    )
    # The client's SIRET: a required mention on its invoices (e-invoicing reform).
    Organisation.objects.filter(pk=world.org_a.pk).update(siret="98765432400027")
    Membership.objects.create(
        person=world.facilitator, organisation=provider, role=Role.COORDINATOR
    )
    Membership.objects.create(
        person=world.facilitator, organisation=provider, role=Role.FACILITATOR
    )
    group = groups.group_create(
        organisation=world.org_a,
        name="Supervision Lille",
        kind="supervision",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    members = [
        groups.member_add(group=group, person=p, by=world.facilitator)
        for p in (world.professional, world.colleague)
    ]
    # Held today, so inside the agreement signed below (a session held before the signature is
    # never invoiced under it); today even just after midnight.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(timezone.now() - timedelta(hours=1), today)
    held = Session.objects.create(
        group=group, starts_at=start, ends_at=start + timedelta(hours=3), is_founding=True
    )
    groups.attendance_record(
        session=held, marks={m.pk: "present" for m in members}, by=world.facilitator
    )
    contracts.price_grid_save(
        grid=PriceGrid(
            provider=provider,
            name="Grille 2026",
            beneficiary_bands=[{"from": 1, "to": None, "hourly_rate": "450"}],
            rhythm_bands=[{"from": 1, "to": None, "discount_percent": "0"}],
        ),
        by=SYSTEM,
    )
    return provider, group, held


def test_the_coordinator_runs_quote_agreement_invoice_and_credit_note(page: Page, world) -> None:
    from entrepairs.contracts import facturx
    from entrepairs.contracts.models import Contract

    provider, group, held = _setup(world)
    year = timezone.localdate().year
    with override("fr"):
        valid_until = date_format(timezone.localdate() + timedelta(days=30), "DATE_FORMAT")
        held_on = date_format(timezone.localdate(held.starts_at), "DATE_FORMAT")

    # The provider's coordinator issues the quote: 3 h at 450 € = 1 350,00 € a session.
    sign_in(page, world.facilitator.email, world.password)
    page_check(page)
    page.goto("/groups/contracts/new/")
    page_check(page)
    page.select_option("#id_provider", str(provider.pk))
    pick_person(page, "#id_provider_person", "Fanny", str(world.facilitator.pk))
    page.select_option("#id_client", str(world.org_a.pk))
    page.select_option("#id_group", str(group.pk))
    page.select_option("#id_price_grid", label="Grille 2026")
    page.fill("#id_session_hours", "3")
    page.fill("#id_sessions_per_year", "10")
    page.fill("#id_beneficiaries", "4")
    page.locator("#submit").click()
    page.wait_for_load_state("load")
    page_check(page)
    quote_number = f"D-{year}-0001"
    expect(page.locator("#quote-number")).to_have_text(quote_number)
    # The group has 2 members, not 4, and 1 session in the year, not 10: the page says so.
    expect(page.locator("#divergences")).to_contain_text("Membres actifs du groupe : 2")
    quote = _text(_download(page, "#quote-pdf"))
    for expected in ("Devis", quote_number, f"Valable jusqu’au : {valid_until}", "1 350,00 €"):
        assert expected in quote, (expected, quote)
    assert "1350.00" not in quote

    # The provider signs first; the client's coordinator then accepts: the agreement is signed.
    page.locator("#sign-contract").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#signatures")).to_contain_text(str(world.facilitator))
    sign_out(page)
    page_check(page)
    contract = Contract.objects.get(quote_number=quote_number)
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/groups/contracts/{contract.pk}/")
    page_check(page)
    page.locator("#sign-contract").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#status")).to_have_text("Signé")
    agreement = _text(_download(page, "#agreement-pdf"))
    for expected in (
        "Convention de formation",
        "Supervision & Co",
        "32590000059",
        "Certifié Qualiopi",
        "Supervision Lille",
        f"acceptée par {world.facilitator}",
        f"acceptée par {world.coordinator}",
        "13 500,00 €",  # the yearly total
    ):
        assert expected in agreement, (expected, agreement)
    sign_out(page)
    page_check(page)

    # The provider invoices the held session, then cancels the invoice with a credit note.
    sign_in(page, world.facilitator.email, world.password)
    page_check(page)
    page.goto(f"/groups/contracts/{contract.pk}/")
    page_check(page)
    page.locator("#invoice").click()
    page.wait_for_load_state("load")
    page_check(page)
    invoice_number = f"F-{year}-0001"
    expect(page.locator("#invoices")).to_contain_text(invoice_number)
    invoice_pdf = _download(page, "#invoices a.invoice-pdf")
    invoice = _text(invoice_pdf)
    for expected in (
        "Facture",
        invoice_number,
        "SIRET : 12345678200010",
        f"Séance du {held_on}",
        "1 350,00 €",
        "Exonération de TVA, article 261-4-4° a du CGI",
        "40,00 €",
        "pénalités",
    ):
        assert expected in invoice, (expected, invoice)
    assert facturx.check(facturx.extract(invoice_pdf))

    page.locator(f"#credit-{invoice_number}").click()
    page.wait_for_load_state("load")
    page_check(page)
    page.fill("#id_amount", "2000")
    page.fill("#id_reason", "Annulation")
    page.locator("#submit").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("form[novalidate]")).to_contain_text("ne peut pas dépasser le restant")
    page.fill("#id_amount", "1350,00")
    page.locator("#submit").click()
    page.wait_for_load_state("load")
    page_check(page)
    note_number = f"A-{year}-0001"
    expect(page.locator("#invoices")).to_contain_text(note_number)
    note_pdf = _download(page, f"#invoices a.invoice-pdf >> text={note_number}")
    note = _text(note_pdf)
    for expected in ("Avoir", note_number, invoice_number, "Annulation", "1 350,00 €"):
        assert expected in note, (expected, note)
    assert facturx.check(facturx.extract(note_pdf))
