"""Networks' JSON API: networks, their organisations (invitations, requests, consent) and their
members. Each write calls one function of networks.services; an object the requester may not
know about is a 404, like a missing id."""

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from entrepairs.core.api.schema import building_schema
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import selectors, services
from ..models import Network, NetworkMember, NetworkOrganisation
from . import serializers as s
from .directory import DirectoryView, MyDirectoryProfileView


def _actor(request: Any) -> Person | None:
    viewer = viewer_for(request.user)
    return Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None


def _parse(serializer_class: Any, request: Request) -> dict[str, Any]:
    data = serializer_class(data=request.data, context={"request": request})
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class NetworkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Networks of peers across organisations that the requester sees: those of the
    organisations they work in, and those they organise."""

    serializer_class = s.NetworkSerializer
    lookup_value_converter = "uuid"
    queryset = Network.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Network.objects.none()
        return selectors.networks_for(self.request.user)

    def perform_create(self, serializer: Any) -> None:
        created = services.network_create(by=_actor(self.request), **serializer.validated_data)
        serializer.instance = selectors.get_network_for(self.request.user, created.pk)

    @extend_schema(request=s.NetworkUpdateSerializer, responses=s.NetworkSerializer)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        network = self.get_object()
        data = s.NetworkUpdateSerializer(network, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = {
            "name": network.name,
            "level": network.level,
            "description": network.description,
            "open_to_requests": network.open_to_requests,
            **data.validated_data,
        }
        services.network_update(network=network, by=_actor(request), **fields)
        return Response(s.NetworkSerializer(self.get_object()).data)

    @extend_schema(
        request=s.InviteOrganisationSerializer, responses={201: s.NetworkOrganisationSerializer}
    )
    @action(detail=True, methods=["post"], url_path="invite-organisation")
    def invite_organisation(self, request: Request, pk: Any = None) -> Response:
        """Invite an organisation: it joins only when one of its coordinators accepts."""
        network = self.get_object()
        data = _parse(s.InviteOrganisationSerializer, request)
        link = services.organisation_invite(network=network, by=_actor(request), **data)
        return Response(s.NetworkOrganisationSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.InviteMemberSerializer, responses={201: s.NetworkMemberSerializer})
    @action(detail=True, methods=["post"], url_path="invite-member")
    def invite_member(self, request: Request, pk: Any = None) -> Response:
        """Invite a person of a member organisation: they accept or decline."""
        network = self.get_object()
        data = _parse(s.InviteMemberSerializer, request)
        member = services.member_invite(network=network, by=_actor(request), **data)
        return Response(s.NetworkMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.InviteMemberSerializer, responses=s.NetworkSerializer)
    @action(detail=True, methods=["post"], url_path="add-organiser")
    def add_organiser(self, request: Request, pk: Any = None) -> Response:
        """An organiser names another organiser among the network's members."""
        network = self.get_object()
        data = _parse(s.InviteMemberSerializer, request)
        services.organiser_add(network=network, by=_actor(request), **data)
        return Response(s.NetworkSerializer(self.get_object()).data)

    @extend_schema(request=None, responses={201: s.NetworkMemberSerializer})
    @action(detail=True, methods=["post"])
    def join(self, request: Request, pk: Any = None) -> Response:
        """Ask to join as a person of a member organisation: an organiser accepts."""
        network = self.get_object()
        member = services.member_request(network=network, by=_actor(request))
        return Response(s.NetworkMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.RequestToJoinSerializer, responses={201: s.NetworkOrganisationSerializer}
    )
    @action(detail=True, methods=["post"], url_path="request-to-join")
    def request_to_join(self, request: Request, pk: Any = None) -> Response:
        """A coordinator asks for their organisation to join a network open to requests."""
        network = selectors.get_open_network_for(request.user, pk)
        data = _parse(s.RequestToJoinSerializer, request)
        link = services.organisation_request(network=network, by=_actor(request), **data)
        return Response(s.NetworkOrganisationSerializer(link).data, status=status.HTTP_201_CREATED)


class NetworkOrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Organisations in networks: members, invitations waiting for their coordinator's consent,
    requests waiting for an organiser, declined, left."""

    serializer_class = s.NetworkOrganisationSerializer
    lookup_value_converter = "uuid"
    queryset = NetworkOrganisation.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return NetworkOrganisation.objects.none()
        return selectors.links_for(self.request.user)

    def _answer(self, request: Request, accept: bool) -> Response:
        link = services.link_answer(link=self.get_object(), accept=accept, by=_actor(request))
        return Response(s.NetworkOrganisationSerializer(link).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: Any = None) -> Response:
        """An invitation: only a coordinator of the invited organisation; a request: an
        organiser of the network."""
        return self._answer(request, True)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: Any = None) -> Response:
        return self._answer(request, False)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def leave(self, request: Request, pk: Any = None) -> Response:
        """A coordinator takes their organisation out of the network."""
        link = services.link_leave(link=self.get_object(), by=_actor(request))
        return Response(s.NetworkOrganisationSerializer(link).data)


class NetworkMemberViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """People in networks: accepted members, pending invitations and requests, the requester's
    own rows."""

    serializer_class = s.NetworkMemberSerializer
    lookup_value_converter = "uuid"
    queryset = NetworkMember.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return NetworkMember.objects.none()
        return selectors.members_for(self.request.user)

    def _answer(self, request: Request, accept: bool) -> Response:
        member = services.member_answer(member=self.get_object(), accept=accept, by=_actor(request))
        return Response(s.NetworkMemberSerializer(member).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: Any = None) -> Response:
        """An invitation: only the invited person; a request: an organiser of the network."""
        return self._answer(request, True)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: Any = None) -> Response:
        return self._answer(request, False)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def leave(self, request: Request, pk: Any = None) -> Response:
        """The member leaves the network (or withdraws a pending request)."""
        member = services.member_leave(member=self.get_object(), by=_actor(request))
        return Response(s.NetworkMemberSerializer(member).data)


def register(router: Any) -> None:
    """Register this app's viewsets on the shared v1 router."""
    router.register(
        "networks/organisations", NetworkOrganisationViewSet, basename="network-organisation"
    )
    router.register("networks/members", NetworkMemberViewSet, basename="network-member")
    router.register("networks", NetworkViewSet, basename="network")


api_paths: list[Any] = [
    path("networks/<uuid:pk>/directory/", DirectoryView.as_view(), name="network-directory-list"),
    path(
        "networks/<uuid:pk>/directory/me/",
        MyDirectoryProfileView.as_view(),
        name="network-directory-me",
    ),
]
