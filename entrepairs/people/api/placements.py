"""A child's placement history in the API: one shape for casework and mentoring (one home)."""

from typing import Any

from rest_framework import serializers

from entrepairs.core.api.fields import BaseModelSerializer

from ..models import Person, Placement


class FamilyContactSerializer(BaseModelSerializer):
    name = serializers.SerializerMethodField()
    # Read-only model fields lose allow_blank: a foster parent often has no address.
    email = serializers.EmailField(read_only=True, allow_blank=True)

    class Meta:
        model = Person
        fields = ["id", "name", "phone", "email"]
        read_only_fields = fields

    def get_name(self, person: Person) -> str:
        return str(person)


class NewFamilyContactSerializer(serializers.Serializer):
    """A foster or adoptive parent registered from the child's file (no account needed)."""

    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    phone = serializers.CharField(max_length=40, required=False, default="")
    email = serializers.EmailField(required=False, default="")


class PlacementHistorySerializer(BaseModelSerializer):
    """One placement as history: what, since, until, the family, who recorded it and when."""

    family = FamilyContactSerializer(many=True, read_only=True)
    recorded_by_name = serializers.SerializerMethodField()
    recorded_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Placement
        fields = [
            "id",
            "kind",
            "since",
            "until",
            "note",
            "family",
            "recorded_by",
            "recorded_by_name",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_recorded_by_name(self, placement: Placement) -> str:
        return str(placement.recorded_by) if placement.recorded_by_id else ""


def history_data(rows: Any) -> Any:
    return PlacementHistorySerializer(rows, many=True).data
