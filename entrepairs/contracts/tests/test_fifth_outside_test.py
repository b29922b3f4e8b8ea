"""What the outside tester of issue 13 (administration of a training body) found, each fixed in the
one domain service every channel calls and checked through the page and the API:

1. A quote always has a validity date (the form comes prefilled, the column is required, the
   existing rows were given their issue date + 30 days); one accepted after it is refused.
2. A quote may be deleted until a side accepts it; afterwards a clear refusal, nothing deleted.
3. An invoice is never deleted, nor a signed or invoiced contract: a clear 400, never a 500 nor
   a silent success.
4. The terms are frozen at the first acceptance (`Contract.agreed_terms`): the agreement, the
   invoices and the divergence warning read them; the price is never computed again.
6. Sessions a year out of the group's year (6 to 24): a clear field error, nothing written.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from rest_framework.test import APIClient

from entrepairs.core.services import SYSTEM
from entrepairs.groups import services as group_services

from .. import services
from ..models import Contract, DocumentSequence, Invoice, PriceGrid
from .conftest import make_quote, signed_before

pytestmark = pytest.mark.django_db


def _api(who):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
    return api


def _held(gw):  # type: ignore[no-untyped-def]
    group_services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )


def _signed(quote):  # type: ignore[no-untyped-def]
    return services.contract_sign(contract=quote, by=SYSTEM, signed_at=signed_before_of(quote))


def signed_before_of(quote):  # type: ignore[no-untyped-def]
    past = quote.group.sessions.order_by("starts_at").first()
    return past.starts_at - timedelta(days=1)


def _error(answer) -> str:  # type: ignore[no-untyped-def]
    body = answer.json()["error"]
    return " ".join(m for messages in body["fields"].values() for m in messages)


def _form(gw, org, grid, **changes):  # type: ignore[no-untyped-def]
    return {
        "provider": str(org.pk),
        "client": str(gw.w.org_a.pk),
        "group": str(gw.group.pk),
        "price_grid": str(grid.pk),
        "provider_person": str(gw.w.facilitator.pk),
        "session_hours": "3",
        "sessions_per_year": "10",
        "beneficiaries": "6",
        "quote_valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        **changes,
    }


# --- 1. the quote's validity date --------------------------------------------------------------


def test_the_page_form_comes_with_the_validity_date_and_requires_one(
    gw, provider, client_for
) -> None:
    org, grid = provider
    client = client_for(gw.w.facilitator)
    page = client.get("/groups/contracts/new/")
    expected = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert f'value="{expected}"' in page.content.decode()
    answer = client.post("/groups/contracts/new/", _form(gw, org, grid, quote_valid_until=""))
    assert answer.status_code == 200 and answer.context["form"].errors["quote_valid_until"]
    assert not Contract.objects.exists()


def test_a_quote_never_loses_its_validity_date(gw, provider) -> None:
    quote = make_quote(gw, *provider)
    assert quote.quote_valid_until == timezone.localdate() + timedelta(days=30)
    quote.quote_valid_until = None  # type: ignore[assignment]
    with pytest.raises(ValidationError) as refused:
        services.contract_save(contract=quote, by=SYSTEM)
    assert refused.value.message_dict["quote_valid_until"] == ["A quote has a validity date."]


def test_the_api_refuses_to_clear_the_validity_date(gw, provider) -> None:
    quote = make_quote(gw, *provider)
    answer = _api(gw.w.facilitator).patch(
        f"/api/v1/groups/contracts/{quote.pk}/", {"quote_valid_until": None}, format="json"
    )
    assert answer.status_code == 400 and "quote_valid_until" in answer.json()["error"]["fields"]
    quote.refresh_from_db()
    assert quote.quote_valid_until is not None


def test_accepting_after_the_validity_date_is_refused_saying_until_when(gw, provider) -> None:
    quote = make_quote(gw, *provider)
    Contract.objects.filter(pk=quote.pk).update(
        quote_valid_until=timezone.localdate() - timedelta(days=1)
    )
    with translation.override("fr"):
        answer = _api(gw.w.facilitator).post(
            f"/api/v1/groups/contracts/{quote.pk}/sign/", HTTP_ACCEPT_LANGUAGE="fr"
        )
    assert answer.status_code == 400
    assert _error(answer).startswith("Ce devis était valable jusqu’au ")
    assert not quote.signatures.exists()


# --- 2. and 3. what is never deleted -----------------------------------------------------------


def test_a_quote_nobody_accepted_is_deleted_from_the_page(gw, provider, client_for) -> None:
    quote = make_quote(gw, *provider)
    client = client_for(gw.w.facilitator)
    assert 'id="delete-quote"' in client.get(f"/groups/contracts/{quote.pk}/").content.decode()
    asked = client.post(f"/groups/contracts/{quote.pk}/", {"delete": "1"})
    assert asked.status_code == 200 and 'id="confirm-action"' in asked.content.decode()
    assert Contract.objects.filter(pk=quote.pk).exists()  # it asks first (issue 15 §9)
    answer = client.post(f"/groups/contracts/{quote.pk}/", {"delete": "1", "confirmed": "1"})
    assert answer.status_code == 302
    assert not Contract.objects.filter(pk=quote.pk).exists()


def test_a_quote_nobody_accepted_is_deleted_through_the_api(gw, provider) -> None:
    quote = make_quote(gw, *provider)
    answer = _api(gw.w.facilitator).delete(f"/api/v1/groups/contracts/{quote.pk}/")
    assert answer.status_code == 204
    assert not Contract.objects.filter(pk=quote.pk).exists()


def test_an_accepted_quote_is_never_deleted(gw, provider, client_for) -> None:
    quote = make_quote(gw, *provider)
    services.contract_sign(contract=quote, by=gw.w.facilitator.user, ip_address="192.0.2.1")
    client = client_for(gw.w.facilitator)
    page = client.get(f"/groups/contracts/{quote.pk}/").content.decode()
    assert 'id="delete-quote"' not in page  # no button for what cannot be done
    answer = client.post(f"/groups/contracts/{quote.pk}/", {"delete": "1", "confirmed": "1"})
    assert answer.status_code == 200
    said = answer.content.decode()
    assert 'id="delete-refused"' in said and "This quote was accepted" in said
    api = _api(gw.w.facilitator).delete(f"/api/v1/groups/contracts/{quote.pk}/")
    assert api.status_code == 400
    assert "This quote was accepted: it is never deleted." in str(api.json())
    assert Contract.objects.filter(pk=quote.pk).exists() and quote.signatures.count() == 1


def test_a_signed_contract_is_never_deleted(gw, provider) -> None:
    quote = make_quote(gw, *provider)
    _signed(quote)
    answer = _api(gw.w.facilitator).delete(f"/api/v1/groups/contracts/{quote.pk}/")
    assert answer.status_code == 400
    assert "A signed contract is never deleted" in str(answer.json())
    assert Contract.objects.get(pk=quote.pk).status == Contract.Status.SIGNED


def test_an_invoiced_contract_and_its_invoice_are_never_deleted(gw, provider, client_for) -> None:
    quote = make_quote(gw, *provider)
    _held(gw)
    _signed(quote)
    number, _total, _count = services.contract_invoice(contract=quote, by=SYSTEM)
    api = _api(gw.w.facilitator)
    answer = api.delete(f"/api/v1/groups/contracts/{quote.pk}/")
    assert answer.status_code == 400
    assert "An invoice is never deleted; a credit note cancels it." in str(answer.json())
    with translation.override("fr"):
        answer = api.delete(
            f"/api/v1/groups/contracts/{quote.pk}/invoices/{number}/", HTTP_ACCEPT_LANGUAGE="fr"
        )
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["non_field_errors"] == [
        "Une facture n’est jamais supprimée\u202f; un avoir l’annule."
    ]
    page = client_for(gw.w.facilitator).post(
        f"/groups/contracts/{quote.pk}/invoices/{number}/delete/", follow=True
    )
    assert "An invoice is never deleted" in page.content.decode()
    assert Invoice.objects.filter(number=number).exists()
    assert Contract.objects.filter(pk=quote.pk).exists()


def test_a_stranger_is_not_told_more(gw, provider) -> None:
    quote = make_quote(gw, *provider)
    _held(gw)
    _signed(quote)
    number, _total, _count = services.contract_invoice(contract=quote, by=SYSTEM)
    invoice = Invoice.objects.get(number=number)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.invoice_delete(invoice=invoice, by=gw.w.coordinator_b.user)


# --- 4. the agreed terms -----------------------------------------------------------------------


def _raise_prices(grid: PriceGrid) -> None:
    grid.beneficiary_bands = [{"from": 1, "to": None, "hourly_rate": "500"}]
    services.price_grid_save(grid=grid, by=SYSTEM)


def test_the_terms_are_frozen_at_the_first_acceptance(gw, provider, pdf_text) -> None:
    org, grid = provider
    quote = make_quote(gw, org, grid)
    assert quote.agreed_terms == {}
    price = quote.price_per_session  # 3 h × 90 € = 270 €
    assert price == Decimal("270.00")
    services.contract_sign(contract=quote, by=gw.w.facilitator.user, ip_address="192.0.2.1")
    quote.refresh_from_db()
    terms = quote.agreed_terms
    assert terms["price_per_session"] == "270.00" and terms["sessions_per_year"] == 10
    assert terms["beneficiaries"] == 6 and Decimal(terms["session_hours"]) == Decimal(3)
    assert terms["quote_valid_until"] == quote.quote_valid_until.isoformat()
    assert {"accepted_at", "period_start", "period_end", "yearly_total"} <= set(terms)
    # The grid changes after the acceptance: nothing the parties agreed moves.
    _raise_prices(grid)
    services.contract_sign(contract=quote, by=gw.w.coordinator.user, ip_address="192.0.2.2")
    quote.refresh_from_db()
    assert quote.status == Contract.Status.SIGNED and quote.price_per_session == price
    # Saving the contract again (its Chorus Pro references through the API) keeps the price.
    answer = _api(gw.w.facilitator).patch(
        f"/api/v1/groups/contracts/{quote.pk}/", {"client_order_number": "EJ-1"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["price_per_session"] == "270.00"
    assert answer.json()["agreed_terms"]["price_per_session"] == "270.00"
    quote.refresh_from_db()
    assert quote.price_per_session == price
    from ..pdf import agreement_document

    text = pdf_text(agreement_document(quote, list(quote.signatures.all())))
    assert "270.00" in text or "270,00" in text
    assert "1500" not in text and "1 500" not in text


def test_the_agreement_and_invoices_read_the_agreed_terms_not_the_fields(
    gw, provider, pdf_text, client_for
) -> None:
    org, grid = provider
    quote = make_quote(gw, org, grid)
    _held(gw)
    _signed(quote)
    # Even if the row's own fields were changed behind the services' back.
    Contract.objects.filter(pk=quote.pk).update(
        price_per_session=Decimal("999.00"), beneficiaries=9
    )
    quote.refresh_from_db()
    assert quote.terms.price_per_session == Decimal("270.00") and quote.terms.beneficiaries == 6
    number, total, _count = services.contract_invoice(contract=quote, by=SYSTEM)
    assert total == Decimal("270.00")
    page = client_for(gw.w.facilitator).get(f"/groups/contracts/{quote.pk}/")
    assert page.context["terms"].price_per_session == Decimal("270.00")
    document = client_for(gw.w.facilitator).get(f"/groups/contracts/{quote.pk}/contract.pdf")
    text = pdf_text(document.content)
    assert "999" not in text


def test_the_divergence_warning_compares_the_group_with_the_agreed_terms(gw, provider) -> None:
    org, grid = provider
    members = gw.group.members.exclude(status="left").count()
    quote = _signed(make_quote(gw, org, grid, beneficiaries=members))
    answer = _api(gw.w.facilitator).get(f"/api/v1/groups/contracts/{quote.pk}/")
    assert not any("beneficiaries" in w for w in answer.json()["warnings"])
    # The row says otherwise (an old write): the warning still reads what was agreed.
    Contract.objects.filter(pk=quote.pk).update(beneficiaries=members + 3)
    answer = _api(gw.w.facilitator).get(f"/api/v1/groups/contracts/{quote.pk}/")
    assert not any("beneficiaries" in w for w in answer.json()["warnings"])
    agreed = {**quote.agreed_terms, "beneficiaries": members + 2}
    Contract.objects.filter(pk=quote.pk).update(agreed_terms=agreed)
    answer = _api(gw.w.facilitator).get(f"/api/v1/groups/contracts/{quote.pk}/")
    assert any(
        f"beneficiaries in the contract: {members + 2}" in w for w in answer.json()["warnings"]
    )


# --- 6. sessions a year ------------------------------------------------------------------------

SESSIONS = ["0", "-1", "5", "25"]


def _numbers_used() -> int:
    return sum(DocumentSequence.objects.filter(kind="quote").values_list("last", flat=True))


@pytest.mark.parametrize("value", SESSIONS)
def test_sessions_a_year_out_of_the_year_are_refused_on_the_page(
    gw, provider, client_for, value
) -> None:
    org, grid = provider
    answer = client_for(gw.w.facilitator).post(
        "/groups/contracts/new/", _form(gw, org, grid, sessions_per_year=value)
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["sessions_per_year"] == [
        "Between 6 and 24 sessions a year."
    ]
    assert not Contract.objects.exists() and _numbers_used() == 0


@pytest.mark.parametrize("value", SESSIONS)
def test_sessions_a_year_out_of_the_year_are_refused_in_the_api(gw, provider, value) -> None:
    org, grid = provider
    body = _form(gw, org, grid, sessions_per_year=int(value))
    answer = _api(gw.w.facilitator).post("/api/v1/groups/contracts/", body, format="json")
    assert answer.status_code == 400, answer.content
    assert answer.json()["error"]["fields"]["sessions_per_year"] == [
        "Between 6 and 24 sessions a year."
    ]
    assert not Contract.objects.exists() and _numbers_used() == 0


@pytest.mark.parametrize("value", SESSIONS)
def test_sessions_a_year_out_of_the_year_are_refused_on_edit(gw, provider, value) -> None:
    quote = make_quote(gw, *provider)
    answer = _api(gw.w.facilitator).patch(
        f"/api/v1/groups/contracts/{quote.pk}/", {"sessions_per_year": int(value)}, format="json"
    )
    assert answer.status_code == 400, answer.content
    assert "sessions_per_year" in answer.json()["error"]["fields"]
    quote.refresh_from_db()
    assert quote.sessions_per_year == 10


@pytest.mark.parametrize("value", ["6", "24"])
def test_the_bounds_of_the_year_are_accepted(gw, provider, value) -> None:
    org, grid = provider
    body = _form(gw, org, grid, sessions_per_year=int(value))
    answer = _api(gw.w.facilitator).post("/api/v1/groups/contracts/", body, format="json")
    assert answer.status_code == 201, answer.content


def test_signed_before_is_the_fixture_helper(gw) -> None:
    assert signed_before(gw) < gw.past.starts_at
