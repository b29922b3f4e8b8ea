"""Quotes out of bounds (outside test of issue 13): a negative session length, zero beneficiaries
or a discount above 100 % made a quote with a negative or nil total and used up a quote number.
The bounds are the model's (one home, checked by `contract_save` and `price_grid_save` before a
number is taken); refused next to the field in the page and the API, no number used."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepairs.core.services import SYSTEM

from .. import services
from ..models import Contract, DocumentSequence, PriceGrid
from .conftest import BANDS, make_quote


def _form(gw, org, grid, **changes):  # type: ignore[no-untyped-def]
    return {
        "provider": org.pk,
        "client": gw.w.org_a.pk,
        "group": gw.group.pk,
        "price_grid": grid.pk,
        "provider_person": gw.w.facilitator.pk,
        "session_hours": "3",
        "sessions_per_year": "10",
        "beneficiaries": "6",
        # The page's form comes prefilled with the quote's validity date (required).
        "quote_valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        **changes,
    }


def _quote_numbers_used() -> int:
    return sum(DocumentSequence.objects.filter(kind="quote").values_list("last", flat=True))


BAD = [
    ("session_hours", "-2"),
    ("session_hours", "0"),
    ("session_hours", "-1.5"),
    ("session_hours", "30"),
    ("beneficiaries", "0"),
    ("beneficiaries", "-1"),
    ("sessions_per_year", "0"),
    ("sessions_per_year", "-3"),
]


@pytest.mark.parametrize(("field", "value"), BAD)
def test_a_quote_out_of_bounds_is_refused_in_the_service(gw, provider, field, value) -> None:
    with pytest.raises(ValidationError) as refused:
        org, grid = provider
        make_quote(gw, org, grid, **{field: Decimal(value)})
    assert field in refused.value.message_dict
    assert not Contract.objects.exists() and _quote_numbers_used() == 0


@pytest.mark.parametrize(("field", "value"), BAD)
def test_a_quote_out_of_bounds_is_refused_in_the_api(gw, provider, api_for, field, value) -> None:
    org, grid = provider
    body = {k: str(v) for k, v in _form(gw, org, grid, **{field: value}).items()}
    del body["group"], body["provider_person"]  # not in the API's reach of this test's caller
    answer = api_for(gw.w.facilitator, org).post("/api/v1/groups/contracts/", body, format="json")
    assert answer.status_code == 400, answer.content
    assert field in answer.json()["error"]["fields"]
    assert not Contract.objects.exists() and _quote_numbers_used() == 0


@pytest.mark.parametrize(("field", "value"), BAD[::2])
def test_a_quote_out_of_bounds_is_refused_on_the_page(gw, provider, client_for, field, value):  # type: ignore[no-untyped-def]
    page = client_for(gw.w.facilitator).post(
        "/groups/contracts/new/", _form(gw, *provider, **{field: value})
    )
    assert page.status_code == 200 and page.context["form"].errors[field]
    assert not Contract.objects.exists() and _quote_numbers_used() == 0


def test_the_next_quote_takes_the_number_a_refused_one_would_have(gw, provider, client_for):  # type: ignore[no-untyped-def]
    client_for(gw.w.facilitator).post(
        "/groups/contracts/new/", _form(gw, *provider, session_hours="-1.5")
    )
    quote = make_quote(gw, *provider)
    assert quote.quote_number.endswith("0001") and quote.price_per_session > 0


def test_the_message_says_the_bounds_in_french(gw, provider, client_for, settings) -> None:
    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        page = client_for(gw.w.facilitator).post(
            "/groups/contracts/new/",
            _form(gw, *provider, session_hours="-1.5", beneficiaries="0"),
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    errors = page.context["form"].errors
    assert "Une séance dure entre une demi-heure et 12 heures." in errors["session_hours"]
    assert "Entre 1 et 500 bénéficiaires." in errors["beneficiaries"]


@pytest.mark.parametrize("discount", ["101", "250"])
def test_a_discount_above_100_percent_is_refused(gw, provider, discount) -> None:
    org, _ = provider
    rhythm = [{"from": 1, "to": None, "discount_percent": discount}]
    with pytest.raises(ValidationError) as refused:
        services.price_grid_save(
            grid=PriceGrid(provider=org, name="X", beneficiary_bands=BANDS, rhythm_bands=rhythm),
            by=SYSTEM,
        )
    assert "rhythm_bands" in refused.value.message_dict
    assert PriceGrid.objects.filter(name="X").count() == 0
