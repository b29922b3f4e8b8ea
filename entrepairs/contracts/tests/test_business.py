"""Price grids, quotes, contracts, invoice lines per session held."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from entrepairs.core.services import SYSTEM
from entrepairs.groups import services as group_services
from entrepairs.groups.models import Session
from entrepairs.organisations.models import Organisation

from .. import services
from ..models import Contract, InvoiceLine, PriceGrid
from .conftest import BANDS, RHYTHM, make_quote, signed_before


@pytest.mark.parametrize(
    "bands,message",
    [
        (
            [
                {"from": 1, "to": 5, "hourly_rate": "90"},
                {"from": 7, "to": None, "hourly_rate": "95"},
            ],
            "6",
        ),
        (
            [
                {"from": 1, "to": 8, "hourly_rate": "90"},
                {"from": 8, "to": None, "hourly_rate": "95"},
            ],
            "overlap",
        ),
        ([{"from": 2, "to": None, "hourly_rate": "90"}], "1"),
    ],
)
def test_it_refuses_a_price_grid_with_gaps_or_overlaps(gw, bands, message) -> None:
    with pytest.raises(ValidationError) as exc:
        services.price_grid_save(
            grid=PriceGrid(
                provider=gw.w.org_a, name="x", beneficiary_bands=bands, rhythm_bands=RHYTHM
            ),
            by=SYSTEM,
        )
    assert message in str(exc.value)
    assert not PriceGrid.objects.filter(name="x").exists()


def test_it_prices_from_duration_rhythm_and_beneficiaries(provider) -> None:
    _org, grid = provider
    assert grid.price_per_session(
        hours=Decimal("3.5"), sessions_per_year=10, beneficiaries=8
    ) == Decimal("315.00")
    assert grid.price_per_session(
        hours=Decimal("3"), sessions_per_year=12, beneficiaries=10
    ) == Decimal("270.00")


def test_it_runs_a_contract_from_quote_to_invoice(gw, provider, client_for) -> None:
    org, grid = provider
    contract = make_quote(gw, org, grid, session_hours=Decimal("3.5"))
    assert contract.price_per_session == Decimal("315.00")
    client = client_for(gw.w.facilitator)
    quote = client.get(f"/groups/contracts/{contract.pk}/quote.pdf")
    assert quote.status_code == 200 and quote.content.startswith(b"%PDF")
    assert (
        client.get(f"/groups/contracts/{contract.pk}/contract.pdf").status_code == 302
    )  # not signed
    group_services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )
    client.post(f"/groups/contracts/{contract.pk}/", {"sign": "1"})  # the provider's side
    contract.refresh_from_db()
    assert contract.status == "quote"  # the client has not signed yet
    client_for(gw.w.coordinator).post(f"/groups/contracts/{contract.pk}/", {"sign": "1"})
    contract.refresh_from_db()
    assert contract.status == "signed"
    # Held a week before the agreement was signed: outside its period, never invoiced under it.
    assert InvoiceLine.objects.filter(contract=contract).count() == 0
    # ...and so counted apart, never as waiting to be invoiced (outside test).
    assert services.contract_progress(contract) == {
        "planned": 2,
        "held": 1,
        "not_billable": 1,
        "to_invoice": 0,
        "invoiced": 0,
    }
    # A session held since the signature is invoiced under the agreement.
    now = timezone.now()
    # On the signature's day (the agreement's period starts that day, in Paris): three hours
    # before now ran into the day before when the suite ran just after midnight.
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    since = Session.objects.create(
        group=gw.group,
        number=3,
        starts_at=max(now - timedelta(hours=3), today),
        ends_at=now,
        status=Session.Status.HELD,
    )
    assert services.invoice_line_for(session=since) is not None
    client = client_for(gw.w.facilitator)
    answer = client.post(f"/groups/contracts/{contract.pk}/invoice/", follow=True)
    assert "F-20" in answer.content.decode(), [str(m) for m in answer.context["messages"]]
    assert services.contract_progress(contract)["invoiced"] == 1
    with pytest.raises(ValidationError):
        services.contract_invoice(contract=contract, by=SYSTEM)  # nothing left to invoice


def test_it_adds_an_invoice_line_when_a_session_is_held_under_a_signed_contract(
    gw, provider
) -> None:
    org, grid = provider
    contract = services.contract_save(
        contract=Contract(
            provider=org,
            client=gw.w.org_a,
            group=gw.group,
            price_grid=grid,
            sessions_per_year=10,
            beneficiaries=6,
        ),
        by=SYSTEM,
    )
    services.contract_sign(contract=contract, by=SYSTEM, signed_at=signed_before(gw))
    group_services.attendance_record(
        session=gw.past, marks={m.pk: "present" for m in gw.members}, by=gw.w.facilitator
    )
    assert InvoiceLine.objects.get(session=gw.past).amount == Decimal("315.00")


def test_it_refuses_contracts_to_people_outside_the_provider(gw, provider, api_for) -> None:
    org, grid = provider
    # A session: the group belongs to the client (A), which a token scoped to the provider does
    # not see (issue 10, token scope).
    api = APIClient()
    api.force_login(gw.w.facilitator.user, backend="django.contrib.auth.backends.ModelBackend")
    body = {
        "provider": org.pk,
        "client": gw.w.org_a.pk,
        "group": gw.group.pk,
        "price_grid": grid.pk,
        "session_hours": "3.5",
        "sessions_per_year": 10,
        "beneficiaries": 6,
    }
    created = api.post("/api/v1/groups/contracts/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["price_per_session"] == "315.00"
    bad = api.post("/api/v1/groups/contracts/", {**body, "sessions_per_year": 30}, format="json")
    assert bad.status_code == 400 and "sessions_per_year" in bad.json()["error"]["fields"]
    assert api_for(gw.w.professional).get("/api/v1/groups/contracts/").json()["count"] == 0
    # The client organisation's coordinator sees it (not its group's content).
    assert api_for(gw.w.coordinator).get("/api/v1/groups/contracts/").json()["count"] == 1


def test_it_never_moves_a_contract_or_a_grid_to_a_provider_one_does_not_run(
    gw, provider, client_for
) -> None:
    org, grid = provider
    contract = make_quote(gw, org, grid)
    client = client_for(gw.w.facilitator)
    url = f"/api/v1/groups/contracts/{contract.pk}/"
    # A provider the facilitator has no role in, with a grid of its own, so that nothing but the
    # rule itself stands in the way.
    elsewhere = Organisation.objects.create(name="Ailleurs", slug="ailleurs", kind="provider")
    other_grid = services.price_grid_save(
        grid=PriceGrid(provider=elsewhere, name="C", beneficiary_bands=BANDS, rhythm_bands=RHYTHM),
        by=SYSTEM,
    )
    moved = client.patch(
        url,
        {"provider": str(elsewhere.pk), "price_grid": str(other_grid.pk)},
        content_type="application/json",
    )
    # A provider (and its grid) the facilitator does not see is unknown, like a missing id
    # (security review F9): no answer tells it exists.
    assert moved.status_code == 400, moved.content
    fields = moved.json()["error"]["fields"]
    assert all(
        "unknown, or outside your organisations" in fields[f][0] for f in ("provider", "price_grid")
    ), fields
    contract.refresh_from_db()
    assert contract.provider_id == org.pk
    # Positive control: the same person changes what is theirs to change.
    assert (
        client.patch(url, {"beneficiaries": 7}, content_type="application/json").status_code == 200
    )
    contract.refresh_from_db()
    assert contract.beneficiaries == 7
    grid_url = f"/api/v1/groups/price-grids/{grid.pk}/"
    assert (
        client.patch(grid_url, {"provider": str(elsewhere.pk)}, content_type="application/json")
    ).status_code == 400  # unknown, like a missing id (F9)
    grid.refresh_from_db()
    assert grid.provider_id == org.pk


def test_it_names_only_the_providers_facilitators_on_a_contract(gw, provider) -> None:
    org, grid = provider
    contract = make_quote(gw, org, grid)
    contract.provider_person = gw.w.professional  # no facilitator role at the provider
    with pytest.raises(ValidationError) as refused:
        services.contract_save(contract=contract, by=gw.w.facilitator.user)
    assert "provider_person" in refused.value.message_dict
