"""The demo step signs the supervision group's contract and invoices its held sessions."""

import pytest


@pytest.mark.django_db
def test_it_builds_the_contracts_demo(monkeypatch) -> None:
    from entrepairs.contracts import demo_steps
    from entrepairs.contracts.models import Contract, InvoiceLine
    from entrepairs.demo import generator
    from entrepairs.groups import demo_steps as groups_demo_steps

    # The groups' step first (it builds the group the contract is for), then this module's.
    steps = [*groups_demo_steps.SMALL_STEPS, *demo_steps.SMALL_STEPS]
    monkeypatch.setattr(generator, "_app_steps", lambda attribute: steps)
    generator.load_small()
    contract = Contract.objects.get(status="signed")
    assert contract.group is not None and contract.group.name == "Supervision Lille Métropole"
    held = contract.group.sessions.filter(status="held").count()
    assert held > 0
    assert InvoiceLine.objects.filter(contract=contract, invoiced_at__isnull=False).count() == held
    assert contract.quote_number.startswith("D-") and contract.signatures.count() == 2
    assert {s.name for s in contract.signatures.all()} >= {str(contract.provider_person)}
    invoice = contract.invoices.get(kind="invoice")
    note = contract.invoices.get(kind="credit_note")
    assert note.credited == invoice and note.number.startswith("A-")
    assert 0 < note.amount_excl_vat < invoice.amount_excl_vat
    # The frozen terms say what the signatures say: one date of acceptance, the period from it,
    # and a quote valid 30 days from its own date (outside test: today, and 208 days).
    from django.utils import timezone

    assert contract.signed_at is not None
    signed = timezone.localtime(contract.signed_at)
    assert {timezone.localtime(s.signed_at).date() for s in contract.signatures.all()} == {
        signed.date()
    }
    terms = contract.agreed_terms
    assert terms["accepted_at"] == contract.signed_at.isoformat()
    assert terms["period_start"] <= signed.date().isoformat() <= terms["period_end"]
    assert terms["quote_date"] < signed.date().isoformat()
    assert terms["quote_date"] == contract.quote_date.isoformat()
    validity = contract.quote_valid_until - contract.quote_date
    assert (
        validity.days == 30 and terms["quote_valid_until"] == contract.quote_valid_until.isoformat()
    )
