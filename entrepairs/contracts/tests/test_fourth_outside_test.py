"""What a fourth outside test found in the training-body documents (issue 13), each refused or
kept by one domain function and checked through the service, the API and the page.

- What the parties signed never changes: their legal identity is copied at the first signature
  and the agreement and quote are rendered from that copy.
- A provider with live quotes or agreements keeps its SIRET; a quote needs the provider's SIRET.
- A quote's PDF carries the quote's own date, never a date after its acceptance.
"""

from datetime import timedelta

from django.utils import timezone
from rest_framework.test import APIClient

from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Membership, Role

from .. import services
from ..formatting import long_date
from ..models import Contract
from ..pdf import agreement_document, quote_document
from .conftest import make_quote


def _session_api(who):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
    return api


def _provider_coordinator(gw, org):  # type: ignore[no-untyped-def]
    Membership.objects.create(person=gw.w.coordinator, organisation=org, role=Role.COORDINATOR)
    return gw.w.coordinator


def _pdf_text(content: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def test_a_signed_agreement_keeps_the_parties_as_they_signed(gw, provider) -> None:
    org, grid = provider
    contract = make_quote(gw, org, grid)
    services.contract_sign(contract=contract, by=gw.w.facilitator.user, ip_address="192.0.2.1")
    # Once a side signed, the organisation's new address changes nothing the parties signed.
    org.address = "99 avenue Modifiée\n75000 Paris"
    org.save(update_fields=["address"])
    gw.w.org_a.address = "1 rue Nouvelle"
    gw.w.org_a.save(update_fields=["address"])
    coordinator = gw.w.coordinator
    answer = _session_api(coordinator).get(
        f"/api/v1/groups/contracts/{contract.pk}/document/contract/"
    )
    assert answer.status_code == 200
    text = _pdf_text(answer.content)
    assert "12 rue des Arts" in text and "Modifiée" not in text
    assert "12345678200010" in text and "Nouvelle" not in text
    for kind in ("contract", "quote"):
        page = _session_api(coordinator).get(f"/groups/contracts/{contract.pk}/{kind}.pdf")
        assert page.status_code == 200, kind
        assert "Modifiée" not in _pdf_text(page.content)


def test_a_quote_nobody_signed_follows_the_provider(gw, provider) -> None:
    org, grid = provider
    contract = make_quote(gw, org, grid)
    org.address = "99 avenue Modifiée"
    org.save(update_fields=["address"])
    assert "Modifiée" in _pdf_text(quote_document(contract))


def test_a_provider_with_live_contracts_keeps_its_siret(gw, provider, client_for) -> None:
    org, grid = provider
    make_quote(gw, org, grid)
    who = _provider_coordinator(gw, org)
    answer = _session_api(who).patch(
        f"/api/v1/organisations/{org.pk}/", {"siret": ""}, format="json"
    )
    assert answer.status_code == 400, answer.content
    assert "siret" in answer.json()["error"]["fields"]
    org.refresh_from_db()
    assert org.siret == "12345678200010"
    page = client_for(who).get(f"/organisations/{org.pk}/settings/")
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data["siret"] = ""
    data["require_mfa_roles"] = []
    answer = client_for(who).post(f"/organisations/{org.pk}/settings/", data)
    assert answer.status_code == 200 and answer.context["form"].errors.get("siret")
    org.refresh_from_db()
    assert org.siret == "12345678200010"


def test_a_provider_without_live_contracts_may_remove_its_siret(gw, provider) -> None:
    org, _grid = provider
    who = _provider_coordinator(gw, org)
    answer = _session_api(who).patch(
        f"/api/v1/organisations/{org.pk}/", {"siret": ""}, format="json"
    )
    assert answer.status_code == 200, answer.content


def test_a_quote_needs_the_providers_siret(gw, provider) -> None:
    org, grid = provider
    org.siret = ""
    org.save(update_fields=["siret"])
    answer = _session_api(gw.w.facilitator).post(
        "/api/v1/groups/contracts/",
        {
            "provider": str(org.pk),
            "provider_person": str(gw.w.facilitator.pk),
            "client": str(gw.w.org_a.pk),
            "group": str(gw.group.pk),
            "price_grid": str(grid.pk),
            "session_hours": "3",
            "sessions_per_year": 10,
            "beneficiaries": 6,
        },
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert "SIRET" in str(answer.json()["error"]["fields"]["provider"])
    assert not Contract.objects.exists()


def test_the_quote_pdf_is_dated_by_the_quote_never_after_its_acceptance(gw, provider) -> None:
    org, grid = provider
    contract = make_quote(gw, org, grid)
    earlier = gw.past.starts_at - timedelta(days=30)
    services.contract_sign(contract=contract, by=SYSTEM, signed_at=earlier)
    contract.refresh_from_db()
    text = _pdf_text(quote_document(contract))
    assert f"Date: {long_date(earlier)}" in text
    assert "Modifiée" not in _pdf_text(agreement_document(contract, []))


def _quote_body(org, grid, gw, **more):  # type: ignore[no-untyped-def]
    return {
        "provider": str(org.pk),
        "client": str(gw.w.org_a.pk),
        "group": str(gw.group.pk),
        "price_grid": str(grid.pk),
        "session_hours": "3",
        "sessions_per_year": 10,
        "beneficiaries": 6,
        # The page's form comes prefilled with the quote's validity date (required).
        "quote_valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        **more,
    }


def test_a_facilitator_who_names_nobody_signs_for_the_provider_api(gw, provider) -> None:
    org, grid = provider
    api = _session_api(gw.w.facilitator)
    answer = api.post("/api/v1/groups/contracts/", _quote_body(org, grid, gw), format="json")
    assert answer.status_code == 201, answer.content
    contract = Contract.objects.get()
    assert contract.provider_person == gw.w.facilitator
    assert api.get(f"/api/v1/groups/contracts/{contract.pk}/").status_code == 200
    signed = api.post(f"/api/v1/groups/contracts/{contract.pk}/sign/")
    assert signed.status_code == 200, signed.content
    assert contract.signatures.get().side == "provider"


def test_a_facilitator_who_names_nobody_signs_for_the_provider_page(
    gw, provider, client_for
) -> None:
    org, grid = provider
    body = _quote_body(org, grid, gw, provider_person="")
    page = client_for(gw.w.facilitator).post("/groups/contracts/new/", body)
    assert page.status_code == 302, page.context["form"].errors if page.context else page
    contract = Contract.objects.get()
    assert contract.provider_person == gw.w.facilitator
    assert client_for(gw.w.facilitator).get(page["Location"]).status_code == 200


def test_a_credit_note_on_an_unknown_invoice_is_a_field_error(gw, provider) -> None:
    org, grid = provider
    contract = make_quote(gw, org, grid)
    answer = _session_api(gw.w.facilitator).post(
        f"/api/v1/groups/contracts/{contract.pk}/credit/",
        {"invoice": "F-2099-0001"},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert "F-2099-0001" in str(answer.json()["error"]["fields"]["invoice"])


def test_the_quote_form_takes_a_french_decimal_comma(gw, provider, client_for) -> None:
    from django.conf import settings

    org, grid = provider
    client = client_for(gw.w.facilitator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    body = _quote_body(org, grid, gw, provider_person=str(gw.w.facilitator.pk))
    body["session_hours"] = "3,5"
    page = client.post("/groups/contracts/new/", body)
    assert page.status_code == 302, page.context["form"].errors if page.context else page
    assert str(Contract.objects.get().session_hours) == "3.50"
