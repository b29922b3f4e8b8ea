"""An issued invoice as a PDF, read through text extraction: its number, parties, sessions, total
and the French mentions (payment date, late penalties, the €40 recovery indemnity); downloaded by
whoever sees its contract only, on the page and in the API."""

import io

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.test import APIClient

from entrepairs.core.french import long_date
from entrepairs.core.services import SYSTEM
from entrepairs.groups import services as group_services

from .. import services
from .conftest import signed_before


@pytest.fixture
def invoice(gw, quote):  # type: ignore[no-untyped-def]
    """A signed contract of a provider with organisation A as client, its held session invoiced."""
    contract = quote
    group_services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )
    contract = services.contract_sign(contract=contract, by=SYSTEM, signed_at=signed_before(gw))
    number, _total, _count = services.contract_invoice(contract=contract, by=SYSTEM)
    return contract, number


def _text(response) -> str:  # type: ignore[no-untyped-def]
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def _page(contract, number) -> str:  # type: ignore[no-untyped-def]
    return f"/groups/contracts/{contract.pk}/invoices/{number}.pdf"


def _api(contract, number) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/groups/contracts/{contract.pk}/invoices/{number}/"


@pytest.fixture
def french(settings):  # type: ignore[no-untyped-def]
    """The invoice as the French UI prints it (this app's tests read English by default)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        yield


def test_the_invoice_pdf_carries_its_number_parties_sessions_and_french_mentions(
    gw, invoice, client_for, french
) -> None:
    contract, number = invoice
    text = _text(
        client_for(gw.w.facilitator).get(_page(contract, number), HTTP_ACCEPT_LANGUAGE="fr")
    ).replace("\u00a0", " ")
    held = long_date(timezone.localdate(gw.past.starts_at))  # "1er mai 2027"
    for expected in (
        "Facture",
        number,
        "Supervision & Co",
        "12 rue des Arts — 59000 Lille",
        "SIRET : 12345678200010",
        "Vendeur :",
        gw.w.org_a.name,
        f"Séance du {held}",
        "270,00 €",  # 3 h at 90 € for the one session held
        "Total (HT)",
        "TVA 0 %",
        "Total TTC",
        "Exonération de TVA, article 261-4-4° a du CGI",
        "Date d’échéance",
        "trois fois le taux d’intérêt légal",
        "indemnité forfaitaire pour frais de recouvrement de 40,00 €",
        "Pas d’escompte",
    ):
        assert expected in text, (expected, text)
    assert "270.00" not in text


def test_the_contract_page_links_each_issued_invoice_to_its_pdf(gw, invoice, client_for) -> None:
    contract, number = invoice
    page = client_for(gw.w.coordinator).get(f"/groups/contracts/{contract.pk}/")
    assert _page(contract, number) in page.content.decode()


# Who may download: the provider's facilitator named on the contract and the client's coordinator;
# the client's professional and the coordinator of another organisation (the group's co-owner,
# not the client) get 404, as if the invoice did not exist; anonymous callers sign in.
WHO = {
    "provider's facilitator": (200, 200),
    "client's coordinator": (200, 200),
    "client's professional": (404, 404),
    "other organisation's coordinator": (404, 404),
}


def _person(gw, who):  # type: ignore[no-untyped-def]
    return {
        "provider's facilitator": gw.w.facilitator,
        "client's coordinator": gw.w.coordinator,
        "client's professional": gw.w.professional,
        "other organisation's coordinator": gw.w.coordinator_b,
    }[who]


@pytest.mark.parametrize("who", list(WHO))
def test_only_who_sees_the_contract_downloads_its_invoice_on_the_page_and_in_the_api(
    gw, invoice, who
) -> None:
    contract, number = invoice
    person = _person(gw, who)
    page = Client()
    page.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    api = APIClient()
    api.force_authenticate(person.user)
    page_status, api_status = WHO[who]
    page_answer = page.get(_page(contract, number))
    api_answer = api.get(_api(contract, number))
    assert (page_answer.status_code, api_answer.status_code) == (page_status, api_status)
    if page_status == 200:
        assert number in _text(page_answer) and number in _text(api_answer)


def test_a_token_of_the_client_organisation_downloads_the_invoice_one_of_another_does_not(
    gw, invoice, api_for
) -> None:
    contract, number = invoice
    assert api_for(gw.w.coordinator, gw.w.org_a).get(_api(contract, number)).status_code == 200
    assert api_for(gw.w.coordinator_b, gw.w.org_b).get(_api(contract, number)).status_code == 404


def test_an_unknown_invoice_number_of_a_visible_contract_is_404(gw, invoice, client_for) -> None:
    contract, _number = invoice
    client = client_for(gw.w.facilitator)
    assert client.get(_page(contract, "F20000101-ABCDEF-9")).status_code == 404
    assert client.get(_api(contract, "F20000101-ABCDEF-9")).status_code == 404


def test_anonymous_callers_are_sent_to_sign_in(invoice) -> None:
    contract, number = invoice
    page = Client().get(_page(contract, number))
    assert page.status_code == 302 and "/accounts/login" in page["Location"]
    assert APIClient().get(_api(contract, number)).status_code == 401
