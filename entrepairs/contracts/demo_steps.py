"""Demo data for contracts: the provider's legal identity and price grid, and the supervision group
built by the groups' demo step (which runs first) under a numbered quote, accepted by both sides
(the training agreement), its held sessions invoiced, and a credit note on that invoice."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def contracts_demo(world: Any) -> None:
    from entrepairs.core.services import SYSTEM
    from entrepairs.groups.models import Group, GroupMember
    from entrepairs.organisations.services import organisation_update

    from . import services
    from .models import Contract, PriceGrid

    atn = world.organisations["atn"]
    provider = world.organisations["supervision-pratiques"]
    provider.address = "18 rue Nationale\n59800 Lille"
    provider.siret = "81234567600025"
    provider.vat_exempt_training = True
    provider.training_declaration_number = "32590987659"
    provider.certification = "Certifié Qualiopi au titre des actions de formation"
    organisation_update(organisation=provider, by=SYSTEM)
    atn.address = "5 place du Théâtre\n59000 Lille"
    atn.siret = "77567890700012"
    organisation_update(organisation=atn, by=SYSTEM)
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
    # Each side accepts the quote (the training agreement): the provider's facilitator named on
    # it, then the client's coordinator; the held sessions then wait for invoice.
    for signer in (world.people["facilitator"], world.people["coordinator"]):
        contract = services.contract_sign(
            contract=contract, by=signer.user, ip_address="192.0.2.10"
        )
    _signed_before_the_group_began(contract, group)
    number, total, _count = services.contract_invoice(contract=contract, by=SYSTEM)
    invoice = contract.invoices.get(number=number)
    services.invoice_credit(
        invoice=invoice,
        by=SYSTEM,
        amount=(contract.price_per_session / contract.session_hours).quantize(Decimal("0.01")),
        reason="Séance écourtée d’une heure",
    )
    world.log(
        f"  contracts: 1 price grid, quote {contract.quote_number} signed by both sides, "
        f"invoice {number} and a credit note"
    )


SMALL_STEPS = [contracts_demo]


def _signed_before_the_group_began(contract: Any, group: Any) -> None:
    """The story: the quote was made two weeks before the agreement, valid 30 days, and the
    agreement signed the week before the group's first session, so its period covers the
    sessions held since (the demo builds the sessions first, then signs). The frozen terms are
    taken again at the signature's own date (`services.agreed_terms`), as `contract_sign` does
    for an acceptance recorded with its date: outside test, the signatures said 9 June and the
    terms said today, the quote valid 208 days."""
    from datetime import timedelta

    from django.utils import timezone

    from entrepairs.groups.models import Session

    from . import services
    from .models import AgreementSignature, Contract

    first = group.sessions.order_by("starts_at").first()
    agreed = first.starts_at - timedelta(days=7)
    quoted = agreed - timedelta(days=14)
    AgreementSignature.objects.filter(contract=contract).update(signed_at=agreed)
    Contract.objects.filter(pk=contract.pk).update(
        signed_at=agreed,
        created_at=quoted,
        quote_valid_until=timezone.localtime(quoted).date()
        + timedelta(days=services.QUOTE_VALID_DAYS),
    )
    contract.refresh_from_db()
    contract.agreed_terms = services.agreed_terms(contract, accepted_at=agreed)
    contract.save(update_fields=["agreed_terms"])
    for session in group.sessions.filter(status=Session.Status.HELD):
        services.invoice_line_for(session=session)
