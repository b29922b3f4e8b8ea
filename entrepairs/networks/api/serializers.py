"""Shapes of networks' JSON; they parse and render, the services decide."""

from typing import Any

from rest_framework import serializers

from entrepairs.core.api.fields import InlineChoiceField, ModelSerializer, VisibleRelatedField
from entrepairs.organisations.models import Organisation
from entrepairs.people.models import Person

from ..models import Level, Network, NetworkMember, NetworkOrganisation
from ..selectors import coordinated_organisations, invitable_organisations, invitable_people


class NetworkSerializer(ModelSerializer):
    # Founding: an organisation the writer manages (an unseen id is unknown, security review F9).
    organisation = VisibleRelatedField(Organisation, visible=coordinated_organisations)
    level = InlineChoiceField(choices=Level.choices)
    organisers: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    organisations = serializers.SerializerMethodField(
        help_text="The member organisations (accepted)."
    )
    members_count = serializers.SerializerMethodField(help_text="Accepted members.")

    class Meta:
        model = Network
        fields = [
            "id",
            "name",
            "level",
            "description",
            "organisation",
            "open_to_requests",
            "organisers",
            "organisations",
            "members_count",
        ]
        read_only_fields = ["id", "organisers"]

    def get_organisations(self, network: Network) -> list[str]:
        links = getattr(network, "accepted_links", None)
        if links is None:
            return []
        return [str(link.organisation_id) for link in links]

    def get_members_count(self, network: Network) -> int:
        return int(getattr(network, "members_count", 0))


class NetworkUpdateSerializer(ModelSerializer):
    level = InlineChoiceField(choices=Level.choices)

    class Meta:
        model = Network
        fields = ["name", "level", "description", "open_to_requests"]


class NetworkOrganisationSerializer(ModelSerializer):
    class Meta:
        model = NetworkOrganisation
        fields = ["id", "network", "organisation", "status", "direction", "decided_at"]
        read_only_fields = fields


class NetworkMemberSerializer(ModelSerializer):
    class Meta:
        model = NetworkMember
        fields = ["id", "network", "person", "status", "direction", "decided_at"]
        read_only_fields = fields


class InviteOrganisationSerializer(serializers.Serializer):
    organisation = VisibleRelatedField(Organisation, visible=invitable_organisations)


class RequestToJoinSerializer(serializers.Serializer):
    organisation = VisibleRelatedField(Organisation, visible=coordinated_organisations)


class InviteMemberSerializer(serializers.Serializer):
    person = VisibleRelatedField(Person, visible=invitable_people)
