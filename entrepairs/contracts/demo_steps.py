"""Demo data for contracts: the provider's price grid and the signed contract of the supervision
group built by the groups' demo step (which runs first), its held sessions invoiced."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def contracts_demo(world: Any) -> None:
    from entrepairs.core.services import SYSTEM
    from entrepairs.groups.models import Group, GroupMember

    from . import services
    from .models import Contract, PriceGrid

    atn = world.organisations["atn"]
    provider = world.organisations["supervision-pratiques"]
    group = Group.objects.get(organisation=atn, name="Supervision Lille Métropole")
    grid = services.price_grid_save(
        grid=PriceGrid(
            provider=provider,
            name="Grille 2026",
            beneficiary_bands=[
                {"from": 1, "to": 8, "hourly_rate": "95"},
                {"from": 9, "to": None, "hourly_rate": "110"},
            ],
            rhythm_bands=[
                {"from": 1, "to": 11, "discount_percent": "0"},
                {"from": 12, "to": None, "discount_percent": "8"},
            ],
        ),
        by=SYSTEM,
    )
    contract = services.contract_save(
        contract=Contract(
            provider=provider,
            provider_person=world.people["facilitator"],
            client=atn,
            group=group,
            price_grid=grid,
            session_hours=Decimal("3.5"),
            sessions_per_year=group.sessions.count(),
            beneficiaries=group.members.exclude(status=GroupMember.Status.LEFT).count(),
        ),
        by=SYSTEM,
    )
    services.contract_sign(
        contract=contract, by=SYSTEM
    )  # adds a line for each session already held
    services.contract_invoice(contract=contract, by=SYSTEM)
    world.log("  contracts: 1 price grid, 1 signed contract, its held sessions invoiced")


SMALL_STEPS = [contracts_demo]
