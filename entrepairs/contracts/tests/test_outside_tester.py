"""What an outside tester broke in the training-body administration (issue 13 point 5), each
refused by one service function and checked through the service, the API and the page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from entrepairs.contracts import facturx
from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Organisation

from .. import services
from ..formatting import long_date
from ..models import Contract, Invoice
from ..pdf import invoice_document
from .conftest import make_quote, signed_before
from .test_training_documents import _held, _invoiced

# --- a partial credit note says so and why -------------------------------------------------------


def test_a_partial_credit_note_needs_a_reason_and_says_partial(gw, quote) -> None:
    invoice = _invoiced(gw, quote)
    with pytest.raises(ValidationError) as refused:
        services.invoice_credit(invoice=invoice, by=SYSTEM, amount=Decimal("70"))
    assert "reason" in refused.value.message_dict
    assert not Invoice.objects.filter(kind="credit_note").exists()
    note = services.invoice_credit(invoice=invoice, by=SYSTEM, amount=Decimal("70"), reason="Geste")
    xml = facturx.extract(invoice_document(note))
    assert f"Partial credit note on invoice {invoice.number}: Geste".encode() in xml
    assert b"Cancellation" not in xml
    from django.utils import translation

    with translation.override("fr"):
        french = facturx.extract(invoice_document(note)).decode()
    assert f"Avoir partiel sur la facture {invoice.number}\xa0: Geste" in french


def test_a_whole_credit_note_may_be_a_cancellation(gw, quote) -> None:
    invoice = _invoiced(gw, quote)
    note = services.invoice_credit(invoice=invoice, by=SYSTEM)
    assert f"Cancellation of invoice {invoice.number}".encode() in facturx.extract(
        invoice_document(note)
    )


def test_the_partial_credit_note_reason_is_asked_in_the_api_and_on_the_page(
    gw, quote, api_for, client_for
) -> None:
    invoice = _invoiced(gw, quote)
    api = api_for(gw.w.facilitator, quote.provider)
    answer = api.post(
        f"/api/v1/groups/contracts/{quote.pk}/credit/",
        {"invoice": invoice.number, "amount": "70"},
        format="json",
    )
    assert answer.status_code == 400 and "reason" in answer.json()["error"]["fields"]
    page = client_for(gw.w.facilitator).post(
        f"/groups/contracts/{quote.pk}/invoices/{invoice.number}/credit/", {"amount": "70"}
    )
    assert page.status_code == 200 and page.context["form"].errors["reason"]
    assert not Invoice.objects.filter(kind="credit_note").exists()


# --- the quote's validity, on creation and on every edit ----------------------------------------


@pytest.mark.parametrize("days", [-1, 366])
def test_a_quote_validity_out_of_range_is_refused_on_edit_as_on_create(
    gw, provider, api_for, client_for, days
) -> None:
    org, grid = provider
    bad = timezone.localdate() + timedelta(days=days)
    with pytest.raises(ValidationError) as refused:
        make_quote(gw, org, grid, quote_valid_until=bad)
    assert "quote_valid_until" in refused.value.message_dict
    quote = make_quote(gw, org, grid)
    kept = quote.quote_valid_until
    answer = api_for(gw.w.facilitator, org).patch(
        f"/api/v1/groups/contracts/{quote.pk}/",
        {"quote_valid_until": bad.isoformat()},
        format="json",
    )
    assert answer.status_code == 400 and "quote_valid_until" in answer.json()["error"]["fields"]
    quote.refresh_from_db()
    assert quote.quote_valid_until == kept
    page = client_for(gw.w.facilitator).post(
        "/groups/contracts/new/",
        {
            "provider": org.pk,
            "client": gw.w.org_a.pk,
            "group": gw.group.pk,
            "price_grid": grid.pk,
            "provider_person": gw.w.facilitator.pk,
            "session_hours": "3",
            "sessions_per_year": "10",
            "beneficiaries": "6",
            "quote_valid_until": bad.isoformat(),
        },
    )
    assert page.status_code == 200 and page.context["form"].errors["quote_valid_until"]
    assert Contract.objects.count() == 1


def test_a_quote_valid_for_a_year_is_accepted_on_edit(gw, quote) -> None:
    year = timezone.localdate() + timedelta(days=365)
    api = APIClient()
    api.force_authenticate(gw.w.facilitator.user)
    answer = api.patch(
        f"/api/v1/groups/contracts/{quote.pk}/", {"quote_valid_until": year.isoformat()}, "json"
    )
    assert answer.status_code == 200, answer.json()


# --- the buyer's SIRET, and addresses in the XML ------------------------------------------------


def test_an_invoice_to_a_client_without_siret_is_refused_naming_it_and_where_to_fill_it(
    gw, quote, api_for, client_for
) -> None:
    Organisation.objects.filter(pk=gw.w.org_a.pk).update(siret="")
    _held(gw)
    contract = services.contract_sign(contract=quote, by=SYSTEM, signed_at=signed_before(gw))
    with pytest.raises(ValidationError) as refused:
        services.contract_invoice(contract=contract, by=SYSTEM)
    said = refused.value.message_dict["client_siret"][0]
    assert gw.w.org_a.name in said and "settings" in said
    answer = api_for(gw.w.facilitator, quote.provider).post(
        f"/api/v1/groups/contracts/{quote.pk}/invoice/"
    )
    assert answer.status_code == 400 and "client_siret" in answer.json()["error"]["fields"]
    page = client_for(gw.w.facilitator).post(f"/groups/contracts/{quote.pk}/invoice/", follow=True)
    assert "The SIRET of the client" in page.content.decode()
    assert not Invoice.objects.exists()


def test_the_xml_puts_postcode_and_city_in_their_own_fields(gw, quote) -> None:
    xml = facturx.extract(invoice_document(_invoiced(gw, quote)))
    assert b"<ram:PostcodeCode>59000</ram:PostcodeCode>" in xml
    assert b"<ram:CityName>Lille</ram:CityName>" in xml
    assert b"<ram:LineOne>12 rue des Arts</ram:LineOne>" in xml
    assert b"59000 Lille</ram:Line" not in xml
    assert facturx.check(xml)


def test_an_address_on_one_line_with_commas_is_split_too() -> None:
    assert facturx.split_address("1 rue du Test, 59000 Lille") == (
        "59000",
        ["1 rue du Test"],
        "Lille",
    )
    assert facturx.split_address("Quelque part") == ("", ["Quelque part"], "")


# --- one contract period for billing, the warning and the certificate ---------------------------


def _held_on(gw, number, days_ago):  # type: ignore[no-untyped-def]
    from entrepairs.groups.models import Session

    start = timezone.now() - timedelta(days=days_ago)
    return Session.objects.create(
        group=gw.group,
        number=number,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        status=Session.Status.HELD,
    )


def test_billing_the_warning_and_the_certificate_read_one_agreement_period(
    gw, quote, client_for, pdf_text
) -> None:
    from entrepairs.contracts.agreement import agreement_period
    from entrepairs.contracts.selectors import contract_divergences
    from entrepairs.groups.models import Session

    Session.objects.filter(pk=gw.future.pk).update(status=Session.Status.CANCELLED)
    before = _held_on(gw, 10, 60)  # held before the agreement was signed
    signed = services.contract_sign(
        contract=quote, by=SYSTEM, signed_at=timezone.now() - timedelta(days=30)
    )
    inside = _held_on(gw, 11, 10)
    services.invoice_line_for(session=before)
    services.invoice_line_for(session=inside)
    _held(gw)  # gw.past, a week ago: inside too
    billed = set(signed.lines.values_list("session_id", flat=True))
    assert billed == {inside.pk, gw.past.pk}
    # The warning counts the same sessions: 2 in the contract year against 10 agreed.
    period = agreement_period(signed)
    api = APIClient()
    api.force_authenticate(gw.w.coordinator.user)
    warnings = api.get(f"/api/v1/groups/contracts/{signed.pk}/").json()["warnings"]
    assert any("contract year: 2;" in w for w in warnings), warnings
    assert any("contract year: 2;" in w for w in contract_divergences(signed))
    # The certificate over the contract covers that period and those sessions.
    member = gw.members[0]
    answer = api.get(f"/api/v1/groups/members/{member.pk}/completion/?contract={signed.pk}")
    assert answer.status_code == 200
    text = pdf_text(answer.content)
    assert f"{period.start:%-d %B %Y}" in text and "2 sessions" in text, text
    # The contract page says which sessions it bills.
    page = client_for(gw.w.facilitator).get(f"/groups/contracts/{signed.pk}/").content.decode()
    assert f"held from {long_date(period.start)} to {long_date(period.end)}" in page


# --- two agreements over one group --------------------------------------------------------------


def test_a_second_agreement_over_the_same_period_is_refused_naming_the_first(
    gw, provider, api_for, client_for
) -> None:
    org, grid = provider
    first = services.contract_sign(contract=make_quote(gw, org, grid), by=SYSTEM)
    second = make_quote(gw, org, grid)
    with pytest.raises(ValidationError) as refused:
        services.contract_sign(contract=second, by=SYSTEM)
    assert first.quote_number in refused.value.message_dict["group"][0]
    answer = api_for(gw.w.coordinator, gw.w.org_a).post(
        f"/api/v1/groups/contracts/{second.pk}/sign/"
    )
    assert answer.status_code == 400
    assert first.quote_number in answer.json()["error"]["fields"]["group"][0]
    page = client_for(gw.w.facilitator).post(
        f"/groups/contracts/{second.pk}/", {"sign": "1"}, follow=True
    )
    assert first.quote_number in page.content.decode()
    assert not second.signatures.exists()


def test_a_second_agreement_over_a_later_period_is_allowed(gw, provider) -> None:
    org, grid = provider
    services.contract_sign(
        contract=make_quote(gw, org, grid),
        by=SYSTEM,
        signed_at=timezone.now() - timedelta(days=400),
    )
    later = services.contract_sign(contract=make_quote(gw, org, grid), by=SYSTEM)
    assert later.status == Contract.Status.SIGNED


# --- French plurals in the documents ------------------------------------------------------------


def test_counts_in_the_documents_take_the_french_plural(gw, quote, client_for, settings) -> None:
    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"  # this app's tests read English by default
    from entrepairs.groups.pdf import hours_count, sessions_count

    with translation.override("fr"):
        assert [sessions_count(n) for n in (0, 1, 2)] == ["0 séance", "1 séance", "2 séances"]
        assert [hours_count(h) for h in (0, 1.5, 3)] == ["0 heure", "1,5 heure", "3 heures"]
    with translation.override("en"):
        assert [hours_count(h) for h in (1, 1.5)] == ["1 hour", "1.5 hours"]
    # The certificate over a quote's period (from today): nothing held yet, so nothing to
    # attest: refused, saying why, on both channels (third outside test: it said "a suivi
    # l'action … 0 séance"; groups.certificates.check_certificate).
    member = gw.members[0]
    api = APIClient()
    api.force_authenticate(gw.w.coordinator.user)
    with translation.override("fr"):
        answer = api.get(
            f"/api/v1/groups/members/{member.pk}/completion/?contract={quote.pk}",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        page = client_for(gw.w.coordinator).get(
            f"/groups/{gw.group.pk}/members/{member.pk}/completion.pdf?contract={quote.pk}",
            HTTP_ACCEPT_LANGUAGE="fr",
            follow=True,
        )
    assert answer.status_code == 400
    assert "rien à attester" in answer.json()["error"]["message"] + str(answer.json())
    assert page.redirect_chain[-1][0] == f"/groups/{gw.group.pk}/"
    assert "rien à attester" in page.content.decode()
