"""A signed contract keeps the terms the client accepted: the provider never changes them alone,
through the API any more than through the page (the page has no edit form for a contract)."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from entrepairs.core.services import SYSTEM

from .. import services
from .conftest import make_quote

KEPT = "A signed contract keeps the terms both parties agreed"


def _session_api(who):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
    return api


def test_the_named_facilitator_changes_a_quote(gw, provider) -> None:
    org, grid = provider
    quote = make_quote(gw, org, grid)
    answer = _session_api(gw.w.facilitator).patch(
        f"/api/v1/groups/contracts/{quote.pk}/", {"sessions_per_year": 12}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    quote.refresh_from_db()
    assert quote.sessions_per_year == 12


@pytest.mark.parametrize(
    "change",
    [{"sessions_per_year": 24}, {"beneficiaries": 12}, {"session_hours": "7.00"}],
)
def test_nobody_changes_the_terms_of_a_signed_contract(gw, provider, change) -> None:
    org, grid = provider
    contract = services.contract_sign(contract=make_quote(gw, org, grid), by=SYSTEM)
    before = (contract.price_per_session, contract.yearly_total)
    answer = _session_api(gw.w.facilitator).patch(
        f"/api/v1/groups/contracts/{contract.pk}/", change, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert answer.status_code == 400 and KEPT in answer.content.decode()
    contract.refresh_from_db()
    assert (contract.price_per_session, contract.yearly_total) == before
    contract.beneficiaries = 12
    with pytest.raises(ValidationError, match=KEPT):
        services.contract_save(contract=contract, by=SYSTEM)  # the service refuses whoever calls
