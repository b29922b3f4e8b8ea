"""Before the quote's validity date becomes required (0007): every quote without one is given the
default, its issue date + 30 days. And the agreed terms (`Contract.agreed_terms`) of the
contracts a side already accepted are taken from what they say now: the price they kept."""

from datetime import timedelta
from decimal import Decimal

from django.db import migrations, models
from django.utils import timezone

QUOTE_VALID_DAYS = 30


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Contract = apps.get_model("contracts", "Contract")
    AgreementSignature = apps.get_model("contracts", "AgreementSignature")
    for contract in Contract.objects.filter(quote_valid_until__isnull=True).iterator():
        issued = timezone.localtime(contract.created_at).date()
        contract.quote_valid_until = issued + timedelta(days=QUOTE_VALID_DAYS)
        contract.save(update_fields=["quote_valid_until"])
    accepted = AgreementSignature.objects.values("contract_id")
    for contract in Contract.objects.filter(pk__in=accepted, agreed_terms={}).iterator():
        first = (
            AgreementSignature.objects.filter(contract_id=contract.pk)
            .order_by("signed_at")
            .values_list("signed_at", flat=True)
            .first()
        )
        price = Decimal(contract.price_per_session)
        hours = Decimal(contract.session_hours)
        contract.agreed_terms = {
            "price_per_session": str(price),
            "session_hours": str(hours),
            "sessions_per_year": contract.sessions_per_year,
            "beneficiaries": contract.beneficiaries,
            "yearly_total": str(price * contract.sessions_per_year),
            "yearly_hours": str(hours * contract.sessions_per_year),
            "quote_number": contract.quote_number,
            "quote_valid_until": contract.quote_valid_until.isoformat(),
            "accepted_at": first.isoformat() if first else None,
        }
        contract.save(update_fields=["agreed_terms"])


class Migration(migrations.Migration):
    dependencies = [("contracts", "0005_contract_signed_parties")]

    operations = [
        migrations.AddField(
            model_name="contract",
            name="agreed_terms",
            field=models.JSONField(blank=True, default=dict, verbose_name="agreed terms"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
