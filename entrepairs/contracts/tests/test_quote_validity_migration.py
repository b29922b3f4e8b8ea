"""The quote's validity date became required in two steps: 0006 gives every quote without one its
issue date + 30 days (and the contracts a side accepted their agreed terms, from what they say),
then 0007 makes the column NOT NULL."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from entrepairs.organisations.models import Organisation

BEFORE = [("contracts", "0005_contract_signed_parties")]


@pytest.mark.django_db(transaction=True)
def test_quotes_without_a_validity_date_get_their_issue_date_plus_30_days() -> None:
    provider = Organisation.objects.create(name="Prestataire", slug="prestataire-mig")
    client = Organisation.objects.create(name="Client", slug="client-mig")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    grid = old.get_model("contracts", "PriceGrid").objects.create(
        provider_id=provider.pk,
        name="Grille",
        beneficiary_bands=[{"from": 1, "to": None, "hourly_rate": "90"}],
        rhythm_bands=[{"from": 1, "to": None, "discount_percent": "0"}],
    )
    Contract = old.get_model("contracts", "Contract")
    terms = {
        "provider_id": provider.pk,
        "client_id": client.pk,
        "price_grid_id": grid.pk,
        "session_hours": Decimal(3),
        "sessions_per_year": 10,
        "beneficiaries": 6,
        "price_per_session": Decimal("270.00"),
    }
    undated = Contract.objects.create(quote_number="D-2026-0001", **terms)
    issued = timezone.make_aware(datetime(2026, 3, 2, 10))
    Contract.objects.filter(pk=undated.pk).update(created_at=issued)
    dated = Contract.objects.create(
        quote_number="D-2026-0002", quote_valid_until=date(2026, 5, 1), **terms
    )
    accepted = Contract.objects.create(
        quote_number="D-2026-0003", quote_valid_until=date(2026, 5, 1), **terms
    )
    old.get_model("contracts", "AgreementSignature").objects.create(
        contract_id=accepted.pk, side="provider", name="Fanny", signed_at=issued
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from entrepairs.contracts.models import Contract as Now

    assert Now.objects.get(pk=undated.pk).quote_valid_until == date(2026, 3, 2) + timedelta(30)
    assert Now.objects.get(pk=dated.pk).quote_valid_until == date(2026, 5, 1)
    assert Now.objects.get(pk=dated.pk).agreed_terms == {}
    agreed = Now.objects.get(pk=accepted.pk)
    assert agreed.agreed_terms["price_per_session"] == "270.00"
    assert agreed.terms.sessions_per_year == 10 and agreed.terms.beneficiaries == 6
    columns = {
        c.name: c
        for c in connection.introspection.get_table_description(
            connection.cursor(), "contracts_contract"
        )
    }
    assert columns["quote_valid_until"].null_ok is False
