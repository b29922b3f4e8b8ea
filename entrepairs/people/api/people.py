"""People in the JSON API: the same rules and services as the pages."""

from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from entrepairs.core import listcache
from entrepairs.core.api import IdsFirstPagination, RulesPermission
from entrepairs.core.api.fields import BaseModelSerializer, VisibleRelatedField
from entrepairs.core.audit import record_access
from entrepairs.organisations.models import Organisation, Role, Team
from entrepairs.organisations.selectors import organisations_visible_to, teams_visible_to
from entrepairs.organisations.viewer import viewer_for

from .. import services
from ..models import EDITABLE_FIELDS, HALF_DAYS, LIST_ORDER, Person
from ..rules import list_scope
from ..selectors import people_visible_to


class ChangeWarningDetailsSerializer(serializers.Serializer):
    """The people and the group a `hierarchy_in_group` warning is about."""

    group = serializers.UUIDField()
    group_name = serializers.CharField()
    superior = serializers.UUIDField()
    superior_name = serializers.CharField()
    superior_role = serializers.CharField(help_text="`member` or `facilitator`.")
    subordinate = serializers.UUIDField()
    subordinate_name = serializers.CharField()
    subordinate_role = serializers.CharField(help_text="`member` or `facilitator`.")
    level = serializers.IntegerField(help_text="2 for N+2, as in the breaches API.")


class ChangeWarningSerializer(serializers.Serializer):
    """A rule of another module that the change breaks; the change is recorded all the same."""

    code = serializers.CharField(
        help_text="`hierarchy_in_group`: the new line-management chain now sits in a "
        "supervision, practice-analysis or peer-support group."
    )
    message = serializers.CharField(help_text="Who and where, in the request's language.")
    fix = serializers.CharField(help_text="What to do about it.")
    url = serializers.CharField(help_text="The page where to fix it.")
    details = ChangeWarningDetailsSerializer(help_text="For `hierarchy_in_group`.")


class PersonSerializer(BaseModelSerializer):
    # An organisation, a team or a line manager the writer may not see is unknown (400 on the
    # field, like a missing id); an organisation they see but do not manage is the service's
    # refusal (403).
    organisation = VisibleRelatedField(Organisation, visible=organisations_visible_to)
    team = VisibleRelatedField(Team, visible=teams_visible_to, allow_null=True, required=False)
    line_manager = VisibleRelatedField(
        Person, visible=people_visible_to, allow_null=True, required=False
    )
    languages = serializers.ListField(child=serializers.CharField(max_length=10), required=False)
    availability = serializers.ListField(
        child=serializers.ChoiceField(choices=HALF_DAYS), required=False
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices),
        required=False,
        write_only=True,
        help_text="Roles in the person's organisation; replaces the current ones when given.",
    )
    has_account = serializers.BooleanField(
        read_only=True,
        help_text="Has signed in at least once (an invitation not yet followed counts as none).",
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "organisation",
            *EDITABLE_FIELDS,
            "has_account",
            "roles",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.change_warnings: list[Any] = []  # set by a write (`services.person_save_warned`)

    # Who may write a person of an organisation, and the team and line manager of the same
    # organisation, are the service's rules (`services.person_save`, `Person.clean`).

    @transaction.atomic
    def create(self, validated: dict[str, Any]) -> Person:
        roles = validated.pop("roles", None)
        person, self.change_warnings = services.person_save_warned(
            person=Person(**validated), roles=roles, by=self.context["request"].user
        )
        return person

    @transaction.atomic
    def update(self, person: Person, validated: dict[str, Any]) -> Person:
        roles = validated.pop("roles", None)
        for key, value in validated.items():
            setattr(person, key, value)
        person, self.change_warnings = services.person_save_warned(
            person=person, roles=roles, by=self.context["request"].user
        )
        return person


class PersonWrittenSerializer(PersonSerializer):
    """The answer to a create or an update: the person, and what the change breaks elsewhere."""

    warnings = serializers.SerializerMethodField(
        help_text="Rules of other modules the change breaks (a new line manager who now sits in "
        "a group with their staff): the change is recorded, these say what to fix. Empty when "
        "nothing is broken."
    )

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "warnings"]

    @extend_schema_field(ChangeWarningSerializer(many=True))
    def get_warnings(self, person: Person) -> list[dict[str, Any]]:
        return [warning.as_dict() for warning in self.change_warnings]


class InvitationSentSerializer(serializers.Serializer):
    detail = serializers.CharField()


class PersonFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", label="Search in names and e-mail")

    class Meta:
        model = Person
        fields = ["organisation", "team", "profession", "is_active", "email", "external_id"]

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.search(q=value)


class PersonViewSet(viewsets.ModelViewSet):
    serializer_class = PersonSerializer
    permission_classes = [RulesPermission]
    filterset_class = PersonFilter
    pagination_class = IdsFirstPagination
    lookup_value_converter = "uuid"

    def get_serializer_class(self) -> Any:
        if self.action in ("create", "update", "partial_update"):
            return PersonWrittenSerializer
        return PersonSerializer

    def get_queryset(self) -> Any:
        return (
            Person.objects.visible_to(self.request.user)
            .for_list()
            .select_related("user")  # has_account
            .order_by(*LIST_ORDER)
        )

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        # The serialized page is cached (core.listcache) for viewers of the same scope: rendering
        # 50 people is most of a request's time. The query string holds filters and page.
        data = listcache.get_or_compute(
            (
                "people api",
                viewer_for(request.user).scope_key,
                sorted(request.query_params.lists()),
                request.build_absolute_uri(request.path),
                get_language(),
            ),
            lambda: super(PersonViewSet, self).list(request, *args, **kwargs).data,
            orgs=list_scope(viewer_for(request.user)),
        )
        return Response(data)

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        person = self.get_object()
        record_access(person)
        return Response(self.get_serializer(person).data)

    def perform_destroy(self, instance: Person) -> None:
        services.person_delete(person=instance, by=self.request.user)

    # The invitation's rule is the service's: the action only fetches a person the caller sees.
    permission_action = {"invite": "view"}

    @extend_schema(request=None, responses={202: InvitationSentSerializer})
    @action(detail=True, methods=["post"])
    def invite(self, request: Any, pk: Any = None) -> Response:
        """E-mail the person a link to their account. The answer is the same whether or not an
        account already uses their address (an existing account is never linked)."""
        person = self.get_object()
        services.person_invite(person=person, by=request.user)
        return Response(
            {"detail": _("An invitation was sent to %(email)s.") % {"email": person.email}},
            status=202,
        )
