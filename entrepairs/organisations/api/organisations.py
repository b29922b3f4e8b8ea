"""Organisations, sites, teams and memberships in the JSON API."""

from typing import Any

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from entrepairs.core.api import RulesPermission
from entrepairs.core.api.fields import BaseModelSerializer, VisibleRelatedField
from entrepairs.organisations.viewer import viewer_for

from .. import services, vat
from ..forms import LEGAL_IDENTITY_FIELDS, MFA_ROLE_CHOICES
from ..models import Membership, Organisation, RoleRequest, Site, Team
from ..rules import (
    in_organisation_q,
    membership_visible_q,
    organisation_visible_q,
    receives_role_request,
    role_request_incoming_q,
    role_request_sent_q,
    role_request_visible_q,
)
from ..selectors import (
    organisations_visible_to,
    people_to_give_roles,
    sites_visible_to,
    teams_visible_to,
)
from ..siret import normalise, validate_siret


class SiretSerializerField(serializers.CharField):
    """A SIRET sent with spaces loses them; its check keys are the model field's
    (`organisations.siret`), checked by the service."""

    def to_internal_value(self, data: Any) -> str:
        return normalise(super().to_internal_value(data))


class VatNumberSerializerField(serializers.CharField):
    """A VAT number sent with spaces loses them, upper-cased (`organisations.vat`)."""

    def to_internal_value(self, data: Any) -> str:
        return vat.normalise(super().to_internal_value(data))


class NdaSerializerField(serializers.CharField):
    def to_internal_value(self, data: Any) -> str:
        return vat.normalise_nda(super().to_internal_value(data))


class OrganisationSerializer(BaseModelSerializer):
    siret = SiretSerializerField(
        required=False, allow_blank=True, max_length=20, validators=[validate_siret]
    )
    vat_number = VatNumberSerializerField(
        required=False, allow_blank=True, max_length=30, validators=[vat.validate_vat_number]
    )
    training_declaration_number = NdaSerializerField(
        required=False, allow_blank=True, max_length=30, validators=[vat.validate_nda]
    )
    # A list of roles, never null: a form-encoded request sends the roles one by one (an empty
    # value clears the list), the same choices as the settings page.
    require_mfa_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=MFA_ROLE_CHOICES, allow_blank=True),
        required=False,
        allow_empty=True,
    )

    def validate_require_mfa_roles(self, roles: list[str]) -> list[str]:
        return sorted({role for role in roles if role})

    def create(self, validated: dict[str, Any]) -> Organisation:
        return services.organisation_create(
            organisation=Organisation(**validated), by=self.context["request"].user
        )

    def update(self, organisation: Organisation, validated: dict[str, Any]) -> Organisation:
        return services.organisation_update(
            organisation=_apply(organisation, validated), by=self.context["request"].user
        )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "region",
            "require_mfa_roles",
            *LEGAL_IDENTITY_FIELDS,
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]


def _apply(instance: Any, validated: dict[str, Any]) -> Any:
    for name, value in validated.items():
        setattr(instance, name, value)
    return instance


class ScopedSerializer(BaseModelSerializer):
    """Records that belong to an organisation. Who may write them, tenancy and unique names are
    the services' rules (`organisations.services`): the serializer only parses."""

    # An organisation the writer may not see is unknown (400 on the field, like a missing one);
    # one they see but do not manage is the service's refusal (403).
    organisation = VisibleRelatedField(Organisation, visible=organisations_visible_to)

    def get_validators(self) -> list:
        # The unique constraints are checked by the service, with the page's message.
        return []


class SiteSerializer(ScopedSerializer):
    class Meta:
        model = Site
        fields = ["id", "organisation", "name", "address", "region"]

    def create(self, validated: dict[str, Any]) -> Site:
        return services.site_save(site=Site(**validated), by=self.context["request"].user)

    def update(self, site: Site, validated: dict[str, Any]) -> Site:
        return services.site_save(site=_apply(site, validated), by=self.context["request"].user)


class TeamSerializer(ScopedSerializer):
    parent = VisibleRelatedField(  # type: ignore[assignment]
        Team, visible=teams_visible_to, allow_null=True, required=False
    )
    site = VisibleRelatedField(Site, visible=sites_visible_to, allow_null=True, required=False)

    class Meta:
        model = Team
        fields = ["id", "organisation", "name", "kind", "parent", "site"]

    def create(self, validated: dict[str, Any]) -> Team:
        return services.team_save(team=Team(**validated), by=self.context["request"].user)

    def update(self, team: Team, validated: dict[str, Any]) -> Team:
        return services.team_save(team=_apply(team, validated), by=self.context["request"].user)


class MembershipSerializer(ScopedSerializer):
    person = VisibleRelatedField(
        Membership._meta.get_field("person").related_model, visible=people_to_give_roles
    )

    class Meta:
        model = Membership
        fields = ["id", "person", "organisation", "role", "is_active"]

    def create(self, validated: dict[str, Any]) -> Membership:
        """Someone whose home is another organisation gets a role here only by accepting a role
        request (/api/v1/role-requests/): `services.membership_save` refuses it."""
        return services.membership_save(
            membership=Membership(**validated), by=self.context["request"].user
        )

    def update(self, membership: Membership, validated: dict[str, Any]) -> Membership:
        return services.membership_save(
            membership=_apply(membership, validated), by=self.context["request"].user
        )


class OrganisationViewSet(viewsets.ModelViewSet):
    serializer_class = OrganisationSerializer
    permission_classes = [RulesPermission]

    def get_queryset(self) -> Any:
        return Organisation.objects.filter(organisation_visible_q(viewer_for(self.request.user)))

    def perform_destroy(self, instance: Organisation) -> None:
        services.organisation_delete(organisation=instance, by=self.request.user)


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

    def perform_destroy(self, instance: Site) -> None:
        services.site_delete(site=instance, by=self.request.user)


class TeamViewSet(_ScopedViewSet):
    serializer_class = TeamSerializer
    model = Team
    filterset_fields = ["organisation", "parent", "kind"]

    def perform_destroy(self, instance: Team) -> None:
        services.team_delete(team=instance, by=self.request.user)


class MembershipViewSet(_ScopedViewSet):
    serializer_class = MembershipSerializer
    model = Membership
    filterset_fields = ["organisation", "person", "role"]

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        return Membership.objects.filter(membership_visible_q(viewer)).order_by("pk")

    def perform_destroy(self, instance: Membership) -> None:
        services.membership_end(membership=instance, by=self.request.user)


class RoleRequestSerializer(BaseModelSerializer):
    """A role request as its viewer may see it: the organisation that asked sees the address it
    typed and the status, never who it designates; `person` is filled only for the person asked
    and the coordinators of their home organisation."""

    organisation = VisibleRelatedField(
        Organisation, visible=organisations_visible_to, help_text="The organisation asking (yours)."
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    email = serializers.EmailField(help_text="The address of the person you want to ask.")
    direction = serializers.SerializerMethodField(
        help_text="`sent` by an organisation you manage, or `received`: for you to answer."
    )
    person = serializers.SerializerMethodField(
        help_text="The person asked, for the side that answers only."
    )

    class Meta:
        model = RoleRequest
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "role",
            "email",
            "status",
            "direction",
            "person",
            "created_at",
            "answered_at",
        ]
        read_only_fields = ["id", "status", "created_at", "answered_at"]

    def _receives(self, obj: RoleRequest) -> bool:
        return receives_role_request(viewer_for(self.context["request"].user), obj)

    @extend_schema_field(serializers.ChoiceField(choices=["sent", "received"]))
    def get_direction(self, obj: RoleRequest) -> str:
        return "received" if self._receives(obj) else "sent"

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_person(self, obj: RoleRequest) -> Any:
        return str(obj.person_id) if self._receives(obj) else None

    def create(self, validated: dict[str, Any]) -> RoleRequest:
        return services.role_request_create(
            organisation=validated["organisation"],
            role=validated["role"],
            email=validated["email"],
            requested_by=self.context["request"].user,
        )


class RoleRequestFilter(filters.FilterSet):
    box = filters.ChoiceFilter(
        choices=[("sent", "sent"), ("received", "received")],
        method="filter_box",
        label="`sent` by organisations you manage, or `received`: waiting for your answer",
    )

    class Meta:
        model = RoleRequest
        fields = ["organisation", "status", "role"]

    def filter_box(self, queryset: Any, name: str, value: str) -> Any:
        viewer = viewer_for(self.request.user)
        if value == "received":
            return queryset.filter(role_request_incoming_q(viewer))
        return queryset.filter(role_request_sent_q(viewer))


class RoleRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Cross-organisation role requests: ask (POST), list, accept, decline, withdraw.

    Creating one answers 201 whatever the address: it tells nobody whether the address is known.
    The role is created only when the person asked, or a coordinator of their home organisation,
    accepts. A role cannot be given directly through /memberships/ to someone of elsewhere."""

    serializer_class = RoleRequestSerializer
    permission_classes = [RulesPermission]
    permission_action = {"accept": "answer", "decline": "answer", "withdraw": "withdraw"}
    filterset_class = RoleRequestFilter
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        return (
            RoleRequest.objects.filter(role_request_visible_q(viewer))
            .select_related("organisation", "person")
            .order_by("-created_at", "id")
        )

    def _answer(self, service: Any) -> Response:
        role_request = self.get_object()
        service(request=role_request, by=self.request.user)
        role_request.refresh_from_db()
        return Response(self.get_serializer(role_request).data)

    @extend_schema(request=None, responses=RoleRequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Any, pk: Any = None) -> Response:
        """Accept: the role is given now (the person asked or their home coordinator)."""
        return self._answer(services.role_request_accept)

    @extend_schema(request=None, responses=RoleRequestSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Any, pk: Any = None) -> Response:
        """Decline (the person asked or their home coordinator)."""
        return self._answer(services.role_request_decline)

    @extend_schema(request=None, responses=RoleRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Any, pk: Any = None) -> Response:
        """Withdraw a pending request (a coordinator of the organisation that asked)."""
        return self._answer(services.role_request_withdraw)
