from __future__ import annotations

from rest_framework import serializers

from entrepairs.core.api.fields import ModelSerializer, VisibleRelatedField
from entrepairs.groups.models import Group
from entrepairs.groups.selectors import groups_visible_to, people_in_reach
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.selectors import organisations_visible_to
from entrepairs.people.models import Person

from .. import selectors, services
from ..models import Contract, PriceGrid

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


class ContractSerializer(ModelSerializer):
    yearly_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    progress = serializers.SerializerMethodField()
    provider = _provider()
    provider_person = VisibleRelatedField(
        Person, visible=people_in_reach, allow_null=True, required=False
    )
    group = VisibleRelatedField(Group, visible=groups_visible_to, allow_null=True, required=False)
    price_grid = VisibleRelatedField(PriceGrid, visible=selectors.price_grids_for)

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
