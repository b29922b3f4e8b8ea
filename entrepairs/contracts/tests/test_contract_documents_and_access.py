"""The quote and the contract read through text extraction; the contracts API (detail, document,
sign) by role, with an unrelated organisation."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def contract(quote):  # type: ignore[no-untyped-def]
    return quote


def _contract_api(gw, contract, who):  # type: ignore[no-untyped-def]
    from entrepairs.accounts.models import AccessToken

    if who == "anonymous":
        return APIClient()
    person, org = {
        "provider's facilitator": (gw.w.facilitator, contract.provider),
        "client's coordinator": (gw.w.coordinator, gw.w.org_a),
        "client's professional": (gw.w.professional, gw.w.org_a),
        "unrelated coordinator": (gw.w.coordinator_b, gw.w.org_b),
    }[who]
    _, secret = AccessToken.issue(user=person.user, organisation=org, name="t")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return api


# One expected status per role and endpoint: the provider runs the contract and signs for its
# side, the client's coordinator reads it and its documents and signs for the client's side,
# anyone else does not see it (swapping in the contract's id changes nothing), an anonymous
# caller gets 401.
CONTRACT_MATRIX = {
    "provider's facilitator": {"detail": 200, "quote": 200, "sign": 200},
    "client's coordinator": {"detail": 200, "quote": 200, "sign": 200},
    "client's professional": {"detail": 404, "quote": 404, "sign": 404},
    "unrelated coordinator": {"detail": 404, "quote": 404, "sign": 404},
    "anonymous": {"detail": 401, "quote": 401, "sign": 401},
}


@pytest.mark.parametrize("who", list(CONTRACT_MATRIX))
def test_it_answers_the_contracts_api_by_role(gw, contract, who) -> None:
    api = _contract_api(gw, contract, who)
    base = f"/api/v1/groups/contracts/{contract.pk}/"
    expected = CONTRACT_MATRIX[who]
    assert api.get(base).status_code == expected["detail"]
    assert api.get(f"{base}document/quote/").status_code == expected["quote"]
    assert api.post(f"{base}sign/").status_code == expected["sign"]
    contract.refresh_from_db()
    assert contract.status == "quote"  # one side only: the other has not signed yet
    assert contract.signatures.count() == (1 if expected["sign"] == 200 else 0)


def test_it_writes_both_parties_and_the_price_on_the_quote_and_the_contract(
    gw, contract, pdf_text
) -> None:
    api = _contract_api(gw, contract, "provider's facilitator")
    base = f"/api/v1/groups/contracts/{contract.pk}/"
    quote = api.get(f"{base}document/quote/")
    assert quote.status_code == 200 and quote["Content-Type"] == "application/pdf"
    text = pdf_text(quote.content)
    assert "Supervision & Co" in text and "Association Tutelle Nord" in text
    assert "270" in text and "Supervision Lille" in text  # 3 h x 90 per session
    assert api.get(f"{base}document/contract/").status_code == 400  # not signed yet
    assert api.post(f"{base}sign/").status_code == 200
    signed = api.get(f"{base}document/contract/")
    assert signed.status_code == 200
    assert "Supervision & Co" in pdf_text(signed.content)
