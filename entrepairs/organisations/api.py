"""Organisations, sites, teams and memberships in the JSON API."""

from typing import Any

from rest_framework import serializers, viewsets

from entrepairs.core.api import RulesPermission
from entrepairs.core.permissions import check, viewer_for
from entrepairs.people.models import Person

from .models import Membership, Organisation, Site, Team
from .rules import in_organisation_q, organisation_visible_q


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind", "region", "require_mfa_roles", "created_at"]
        read_only_fields = ["id", "created_at"]


class ScopedSerializer(serializers.ModelSerializer):
    """Records that belong to an organisation: the writer must manage that organisation."""

    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    def validate_organisation(self, organisation: Organisation) -> Organisation:
        if not check(
            self.context["request"].user, "organisations.change_organisation", organisation
        ):
            raise serializers.ValidationError("You cannot manage this organisation.")
        return organisation

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        model: Any = self.Meta.model
        instance = model(**{**self._current(), **attrs})
        instance.full_clean(exclude=["id"], validate_unique=True)
        return attrs

    def _current(self) -> dict[str, Any]:
        if self.instance is None:
            return {}
        return {
            f.name: getattr(self.instance, f.name)
            for f in self.Meta.model._meta.concrete_fields  # type: ignore[attr-defined]
        }


class SiteSerializer(ScopedSerializer):
    class Meta:
        model = Site
        fields = ["id", "organisation", "name", "address", "region"]


class TeamSerializer(ScopedSerializer):
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Team.objects.all(), allow_null=True, required=False
    )
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Team
        fields = ["id", "organisation", "name", "kind", "parent", "site"]


class MembershipSerializer(ScopedSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())

    class Meta:
        model = Membership
        fields = ["id", "person", "organisation", "role", "is_active"]

    def validate_person(self, person: Person) -> Person:
        if not check(self.context["request"].user, "people.view_person", person):
            raise serializers.ValidationError("Unknown person.")
        return person


class OrganisationViewSet(viewsets.ModelViewSet):
    serializer_class = OrganisationSerializer
    permission_classes = [RulesPermission]

    def get_queryset(self) -> Any:
        return Organisation.objects.filter(organisation_visible_q(viewer_for(self.request.user)))


class _ScopedViewSet(viewsets.ModelViewSet):
    permission_classes = [RulesPermission]
    model: Any = None
    related: tuple[str, ...] = ()

    def get_queryset(self) -> Any:
        queryset = self.model.objects.filter(in_organisation_q(viewer_for(self.request.user)))
        if self.related:  # select_related() without fields is deprecated
            queryset = queryset.select_related(*self.related)
        return queryset.order_by("pk")


class SiteViewSet(_ScopedViewSet):
    serializer_class = SiteSerializer
    model = Site
    filterset_fields = ["organisation"]


class TeamViewSet(_ScopedViewSet):
    serializer_class = TeamSerializer
    model = Team
    filterset_fields = ["organisation", "parent", "kind"]


class MembershipViewSet(_ScopedViewSet):
    serializer_class = MembershipSerializer
    model = Membership
    filterset_fields = ["organisation", "person", "role"]
