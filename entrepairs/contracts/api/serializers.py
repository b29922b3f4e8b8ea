from __future__ import annotations

from rest_framework import serializers

from entrepairs.groups.api.serializers import ModelSerializer

from .. import services
from ..models import Contract, PriceGrid


class PriceGridSerializer(ModelSerializer):
    class Meta:
        model = PriceGrid
        fields = ["id", "provider", "name", "beneficiary_bands", "rhythm_bands"]
        read_only_fields = ["id"]


class ContractSerializer(ModelSerializer):
    yearly_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    progress = serializers.SerializerMethodField()

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
        ]
        read_only_fields = ["id", "price_per_session", "status", "signed_at"]

    def get_progress(self, contract: Contract) -> dict[str, int]:
        return services.contract_progress(contract)
