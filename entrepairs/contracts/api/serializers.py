from __future__ import annotations

from rest_framework import serializers

from entrepairs.core.api.fields import ModelSerializer, VisibleRelatedField
from entrepairs.groups.models import Group
from entrepairs.groups.selectors import groups_visible_to, people_in_reach
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.selectors import organisations_visible_to
from entrepairs.people.models import Person

from .. import selectors, services
from ..models import AgreementSignature, Contract, Invoice, PriceGrid

# An organisation, a person, a group or a grid the writer may not see is unknown, like a missing
# id (security review F9); the client is any organisation of the directory, as on the page.


def _provider() -> VisibleRelatedField:
    return VisibleRelatedField(Organisation, visible=organisations_visible_to)


class PriceGridSerializer(ModelSerializer):
    provider = _provider()

    class Meta:
        model = PriceGrid
        fields = ["id", "provider", "name", "beneficiary_bands", "rhythm_bands"]
        read_only_fields = ["id"]


class ContractSignatureSerializer(ModelSerializer):
    class Meta:
        model = AgreementSignature
        fields = ["side", "name", "signed_at", "ip_address"]
        read_only_fields = fields


class InvoiceSerializer(ModelSerializer):
    credited: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="number", read_only=True, allow_null=True
    )
    document = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = [
            "id",
            "kind",
            "number",
            "issued_on",
            "due_on",
            "amount_excl_vat",
            "vat_rate",
            "vat_amount",
            "amount_incl_vat",
            "credited",
            "cancels",
            "reason",
            "order_number",
            "service_code",
            "document",
        ]
        read_only_fields = fields

    def get_document(self, invoice: Invoice) -> str:
        """Where the Factur-X PDF is downloaded."""
        return f"/api/v1/groups/contracts/{invoice.contract_id}/invoices/{invoice.number}/"


class CreditNoteRequestSerializer(serializers.Serializer):
    invoice = serializers.CharField(help_text="The number of the invoice credited.")
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text=(
            "Excl. VAT; empty, or all that remains of the invoice: its cancellation (no reason "
            "needed; the invoice's sessions are billable again)."
        ),
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class ContractSerializer(ModelSerializer):
    signatures = ContractSignatureSerializer(many=True, read_only=True)
    invoices = InvoiceSerializer(many=True, read_only=True)
    warnings = serializers.SerializerMethodField()
    billing = serializers.SerializerMethodField()
    yearly_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    progress = serializers.SerializerMethodField()
    provider = _provider()
    provider_person = VisibleRelatedField(
        Person, visible=people_in_reach, allow_null=True, required=False
    )
    group = VisibleRelatedField(Group, visible=groups_visible_to, allow_null=True, required=False)
    price_grid = VisibleRelatedField(PriceGrid, visible=selectors.price_grids_for)
    # The range (6 to 24) is the model's, with its message (`SessionsPerYearValidator`): the
    # service's full_clean says it, as on the page.
    sessions_per_year = serializers.IntegerField(help_text="6 to 24 sessions a year.")
    quote_valid_until = serializers.DateField(
        required=False, help_text="Omitted on creation: 30 days from today."
    )
    agreed_terms = serializers.JSONField(
        read_only=True,
        help_text="The terms frozen at the first acceptance (empty while nobody signed).",
    )

    class Meta:
        model = Contract
        fields = [
            "id",
            "provider",
            "provider_person",
            "client",
            "group",
            "price_grid",
            "session_hours",
            "sessions_per_year",
            "beneficiaries",
            "price_per_session",
            "yearly_total",
            "status",
            "signed_at",
            "progress",
            "quote_number",
            "quote_valid_until",
            "agreed_terms",
            "client_order_number",
            "client_service_code",
            "signatures",
            "invoices",
            "warnings",
            "billing",
        ]
        read_only_fields = ["id", "price_per_session", "status", "signed_at", "quote_number"]

    def get_warnings(self, contract: Contract) -> list[str]:
        """Where the group departs from the contract (members, sessions in the contract year)."""
        return selectors.contract_divergences(contract)

    def get_billing(self, contract: Contract) -> str:
        """Which of the group's sessions this agreement bills (its period)."""
        return selectors.billing_explanation(contract)

    def get_progress(self, contract: Contract) -> dict[str, int]:
        return services.contract_progress(contract)
