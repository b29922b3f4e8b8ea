"""Contracts are for groups: the groups' fixtures (`gw`: a supervision group with a past and a
future session) and their source-language messages; and one provider, its price grid and a quote
for the group, which every contracts test starts from."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from entrepairs.core.services import SYSTEM
from entrepairs.groups.tests.conftest import _english, gw
from entrepairs.organisations.models import Membership, Organisation, Role

from .. import services
from ..models import Contract, PriceGrid

__all__ = ["BANDS", "RHYTHM", "_english", "gw", "make_quote"]

BANDS = [{"from": 1, "to": 8, "hourly_rate": "90"}, {"from": 9, "to": None, "hourly_rate": "100"}]
RHYTHM = [
    {"from": 1, "to": 11, "discount_percent": "0"},
    {"from": 12, "to": None, "discount_percent": "10"},
]


@pytest.fixture
def provider(gw: Any) -> tuple[Organisation, PriceGrid]:
    """A provider organisation the group's facilitator works for, and its standard price grid."""
    org = Organisation.objects.create(
        name="Supervision & Co",
        slug="sup-co",
        kind="provider",
        # The legal identity an invoice needs (contracts.identity.check_invoiceable).
        siret="12345678200010",
        address="12 rue des Arts\n59000 Lille",
        vat_exempt_training=True,
        training_declaration_number="32590000059",
    )
    Membership.objects.create(person=gw.w.facilitator, organisation=org, role=Role.FACILITATOR)
    # The client's SIRET, a required mention on its invoices (e-invoicing reform).
    gw.w.org_a.siret = "98765432400027"
    gw.w.org_a.save(update_fields=["siret"])
    grid = services.price_grid_save(
        grid=PriceGrid(provider=org, name="Standard", beneficiary_bands=BANDS, rhythm_bands=RHYTHM),
        by=SYSTEM,
    )
    return org, grid


def make_quote(gw: Any, org: Organisation, grid: PriceGrid, **terms: Any) -> Contract:
    """A quote of the provider to organisation A for the group, naming the facilitator: ten
    three-hour sessions a year for six beneficiaries, unless `terms` say otherwise."""
    terms = {"session_hours": Decimal("3"), "sessions_per_year": 10, "beneficiaries": 6, **terms}
    return services.contract_save(
        contract=Contract(
            provider=org,
            provider_person=gw.w.facilitator,
            client=gw.w.org_a,
            group=gw.group,
            price_grid=grid,
            **terms,
        ),
        by=SYSTEM,
    )


@pytest.fixture
def quote(gw: Any, provider: tuple[Organisation, PriceGrid]) -> Contract:
    return make_quote(gw, *provider)


def signed_before(gw: Any) -> Any:
    """A signature the day before the group's held session, so that the session falls in the
    agreement's period and is invoiced under it (a session held before signing never is)."""
    return gw.past.starts_at - timedelta(days=1)
