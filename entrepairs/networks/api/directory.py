"""A network's directory in the JSON API (issue 16 point 2): the list, with the page's filters,
reads selectors.directory_for (each member's details only as they share them with the
requester); "my entry" reads and changes the requester's own choices through
services.directory_profile_update. A network the requester does not see is a 404."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from entrepairs.core.api.fields import InlineChoiceField
from entrepairs.people.models import Profession
from entrepairs.people.selectors import acting_person

from .. import selectors, services
from ..models import FIELD_KEYS, Audience, NetworkMember
from ..models.directory import PRESENTATION_MAX


class DirectoryEntrySerializer(serializers.Serializer):
    """One member as the requester sees them: a detail its owner does not share with the
    requester is null."""

    id = serializers.UUIDField(help_text="The network membership's id.")
    person = serializers.UUIDField(source="person_id")
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    is_own = serializers.BooleanField(help_text="The requester's own entry.")
    email = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    organisation = serializers.CharField(allow_null=True, help_text="Its name.")
    profession = serializers.CharField(
        allow_null=True, help_text="A profession's code, as on people (`tutor`)."
    )
    region = serializers.CharField(allow_null=True)
    languages = serializers.ListField(
        child=serializers.CharField(), allow_null=True, help_text="Language codes."
    )
    experience = serializers.IntegerField(allow_null=True, help_text="Years of experience.")
    presentation = serializers.CharField(allow_null=True)


def _audience_field() -> serializers.CharField:
    # Checked by the service (one home for the rule and its message): a plain string here, so
    # the eight fields share no enum component.
    return serializers.CharField(
        required=False,
        max_length=20,
        help_text="`nobody` (the default), `group` (people who share a group with me) or "
        "`network` (the network's members).",
    )


class DirectoryProfileSerializer(serializers.Serializer):
    """With whom each detail of the requester's entry is shared: `nobody` (the default),
    `group` (people who share a group with them) or `network` (the network's members)."""

    email = _audience_field()
    phone = _audience_field()
    organisation = _audience_field()
    profession = _audience_field()
    region = _audience_field()
    languages = _audience_field()
    experience = _audience_field()
    presentation = _audience_field()
    presentation_text = serializers.CharField(
        required=False, allow_blank=True, max_length=PRESENTATION_MAX
    )


def _profile_data(member: NetworkMember) -> dict[str, Any]:
    profile = getattr(member, "directory_profile", None)
    audiences = profile.audiences() if profile else dict.fromkeys(FIELD_KEYS, Audience.NOBODY.value)
    return {**audiences, "presentation_text": profile.presentation if profile else ""}


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Words of a name or of a detail shared with you."),
    OpenApiParameter("region", str, description="Part of a region shared with you."),
    OpenApiParameter("profession", str, enum=[c for c, _l in Profession.choices]),
    OpenApiParameter("language", str, description="A language code or name (`ar`, `arabe`)."),
    OpenApiParameter("min_years", int, description="At least so many years of experience."),
]


class DirectorySearchSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    region = serializers.CharField(required=False, allow_blank=True, max_length=100)
    profession = InlineChoiceField(choices=Profession.choices, required=False, allow_blank=True)
    language = serializers.CharField(required=False, allow_blank=True, max_length=50)
    min_years = serializers.IntegerField(required=False, min_value=0, max_value=80)


class DirectoryView(generics.GenericAPIView):
    """The network's directory: its members, each with the details they share with you."""

    queryset = NetworkMember.objects.none()  # the rows come from selectors.directory_for

    serializer_class = DirectoryEntrySerializer

    @extend_schema(parameters=SEARCH_PARAMETERS, responses=DirectoryEntrySerializer(many=True))
    def get(self, request: Request, pk: Any) -> Response:
        network = selectors.get_network_for(request.user, pk)
        search = DirectorySearchSerializer(data=request.query_params)
        search.is_valid(raise_exception=True)
        rows = selectors.directory_for(
            request.user, network, selectors.DirectorySearch(**search.validated_data)
        )
        page = self.paginate_queryset(rows)
        entries = [selectors.directory_entry(row) for row in page or []]
        return self.get_paginated_response(DirectoryEntrySerializer(entries, many=True).data)


class MyDirectoryProfileView(APIView):
    """Your entry in the network's directory: with whom each detail is shared. Only a member of
    the network has one (403 for someone who sees the network without being its member)."""

    def _member(self, request: Request, pk: Any) -> NetworkMember:
        network = selectors.get_network_for(request.user, pk)
        member = selectors.own_directory_member(request.user, network)
        if member is None:
            raise PermissionDenied(_("Only the network's members have an entry in its directory."))
        return member

    @extend_schema(responses=DirectoryProfileSerializer)
    def get(self, request: Request, pk: Any) -> Response:
        return Response(DirectoryProfileSerializer(_profile_data(self._member(request, pk))).data)

    @extend_schema(
        request=DirectoryProfileSerializer,
        responses=DirectoryProfileSerializer,
    )
    def patch(self, request: Request, pk: Any) -> Response:
        member = self._member(request, pk)
        data = DirectoryProfileSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        text = changes.pop("presentation_text", None)
        services.directory_profile_update(
            member=member, by=acting_person(request.user), presentation_text=text, **changes
        )
        fresh = self._member(request, pk)
        return Response(DirectoryProfileSerializer(_profile_data(fresh)).data)
