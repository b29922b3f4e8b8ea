"""Shapes of networks' JSON; they parse and render, the services decide."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from entrepairs.core.api.fields import InlineChoiceField, ModelSerializer, VisibleRelatedField
from entrepairs.groups.models import Kind
from entrepairs.organisations.models import Organisation
from entrepairs.people.models import Person

from ..models import HostedGroup, Level, Network, NetworkMember, NetworkOrganisation, NewsItem
from ..selectors import (
    coordinated_organisations,
    invitable_organisations,
    invitable_people,
    network_organisations_for,
    network_people_for,
    networks_for,
)


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


class NewsItemSerializer(ModelSerializer):
    network = VisibleRelatedField(Network, visible=networks_for)
    published_on = serializers.DateField(required=False)

    class Meta:
        model = NewsItem
        fields = ["id", "network", "title", "body", "published_on", "author", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class NewsUpdateSerializer(ModelSerializer):
    class Meta:
        model = NewsItem
        fields = ["title", "body", "published_on"]


class SessionSlotSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class HostedGroupSerializer(ModelSerializer):
    """A hosted group's frame as the network's members see it: name, kind, next sessions; its
    content stays behind the groups module's rules (`/api/v1/groups/{group}/`)."""

    name = serializers.CharField(source="group.name", read_only=True)
    kind = serializers.CharField(source="group.kind", read_only=True)
    schedule = serializers.SerializerMethodField(help_text="The next planned sessions.")

    class Meta:
        model = HostedGroup
        fields = ["id", "network", "group", "name", "kind", "schedule"]
        read_only_fields = fields

    @extend_schema_field(SessionSlotSerializer(many=True))
    def get_schedule(self, hosted: HostedGroup) -> list[dict[str, Any]]:
        sessions = getattr(hosted.group, "upcoming_sessions", [])[:5]
        return SessionSlotSerializer(sessions, many=True).data  # type: ignore[return-value]


class HostedGroupCreateSerializer(serializers.Serializer):
    network = VisibleRelatedField(Network, visible=networks_for)
    organisation = VisibleRelatedField(Organisation, visible=network_organisations_for)
    organisations = VisibleRelatedField(
        Organisation, visible=network_organisations_for, many=True, required=False
    )
    name = serializers.CharField(max_length=200)
    kind = InlineChoiceField(choices=Kind.choices)
    facilitators = VisibleRelatedField(
        Person, visible=network_people_for, many=True, required=False
    )
    description = serializers.CharField(required=False, allow_blank=True)
    hard_questions = serializers.BooleanField(required=False)


class HostedMemberSerializer(serializers.Serializer):
    person = VisibleRelatedField(Person, visible=network_people_for)
