"""Networks' JSON API: networks, their organisations (invitations, requests, consent) and their
members. Each write calls one function of networks.services; an object the requester may not
know about is a 404, like a missing id."""

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from entrepairs.core.api.schema import building_schema
from entrepairs.people.selectors import acting_person

from .. import selectors, services
from ..models import HostedGroup, Network, NetworkMember, NetworkOrganisation, NewsItem
from . import serializers as s
from .directory import DirectoryView, MyDirectoryProfileView


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
        created = services.network_create(
            by=acting_person(self.request.user), **serializer.validated_data
        )
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
        services.network_update(network=network, by=acting_person(request.user), **fields)
        return Response(s.NetworkSerializer(self.get_object()).data)

    @extend_schema(
        request=s.InviteOrganisationSerializer, responses={201: s.NetworkOrganisationSerializer}
    )
    @action(detail=True, methods=["post"], url_path="invite-organisation")
    def invite_organisation(self, request: Request, pk: Any = None) -> Response:
        """Invite an organisation: it joins only when one of its coordinators accepts."""
        network = self.get_object()
        data = _parse(s.InviteOrganisationSerializer, request)
        link = services.organisation_invite(network=network, by=acting_person(request.user), **data)
        return Response(s.NetworkOrganisationSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.InviteMemberSerializer, responses={201: s.NetworkMemberSerializer})
    @action(detail=True, methods=["post"], url_path="invite-member")
    def invite_member(self, request: Request, pk: Any = None) -> Response:
        """Invite a person of a member organisation: they accept or decline."""
        network = self.get_object()
        data = _parse(s.InviteMemberSerializer, request)
        member = services.member_invite(network=network, by=acting_person(request.user), **data)
        return Response(s.NetworkMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.InviteMemberSerializer, responses=s.NetworkSerializer)
    @action(detail=True, methods=["post"], url_path="add-organiser")
    def add_organiser(self, request: Request, pk: Any = None) -> Response:
        """An organiser names another organiser among the network's members."""
        network = self.get_object()
        data = _parse(s.InviteMemberSerializer, request)
        services.organiser_add(network=network, by=acting_person(request.user), **data)
        return Response(s.NetworkSerializer(self.get_object()).data)

    @extend_schema(request=None, responses={201: s.NetworkMemberSerializer})
    @action(detail=True, methods=["post"])
    def join(self, request: Request, pk: Any = None) -> Response:
        """Ask to join as a person of a member organisation: an organiser accepts."""
        network = self.get_object()
        member = services.member_request(network=network, by=acting_person(request.user))
        return Response(s.NetworkMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.RequestToJoinSerializer, responses={201: s.NetworkOrganisationSerializer}
    )
    @action(detail=True, methods=["post"], url_path="request-to-join")
    def request_to_join(self, request: Request, pk: Any = None) -> Response:
        """A coordinator asks for their organisation to join a network open to requests."""
        network = selectors.get_open_network_for(request.user, pk)
        data = _parse(s.RequestToJoinSerializer, request)
        link = services.organisation_request(
            network=network, by=acting_person(request.user), **data
        )
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
        link = services.link_answer(
            link=self.get_object(), accept=accept, by=acting_person(request.user)
        )
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
        link = services.link_leave(link=self.get_object(), by=acting_person(request.user))
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
        member = services.member_answer(
            member=self.get_object(), accept=accept, by=acting_person(request.user)
        )
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
        member = services.member_leave(member=self.get_object(), by=acting_person(request.user))
        return Response(s.NetworkMemberSerializer(member).data)


class NewsItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """News of the networks the requester sees (`?network=` narrows to one); organisers
    publish, correct and delete them, members read them (403 when they try to write)."""

    serializer_class = s.NewsItemSerializer
    lookup_value_converter = "uuid"
    queryset = NewsItem.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return NewsItem.objects.none()
        news = selectors.news_for(self.request.user)
        network = self.request.query_params.get("network")
        return news.filter(network_id=network) if network else news

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        from django.core.exceptions import ValidationError

        try:
            return super().list(request, *args, **kwargs)
        except ValidationError:  # a malformed network id narrows to nothing
            return Response({"count": 0, "next": None, "previous": None, "results": []})

    def perform_create(self, serializer: Any) -> None:
        network = serializer.validated_data.pop("network")
        if not self.request.user.has_perm("networks.add_newsitem", network):
            raise PermissionDenied
        serializer.instance = services.news_publish(
            network=network, by=acting_person(self.request.user), **serializer.validated_data
        )

    @extend_schema(request=s.NewsUpdateSerializer, responses=s.NewsItemSerializer)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        news = self.get_object()
        if not request.user.has_perm("networks.change_newsitem", news):
            raise PermissionDenied
        data = s.NewsUpdateSerializer(news, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = {"title": news.title, "body": news.body, "published_on": news.published_on}
        fields.update(data.validated_data)
        updated = services.news_update(news=news, by=acting_person(request.user), **fields)
        return Response(s.NewsItemSerializer(updated, context={"request": request}).data)

    def perform_destroy(self, instance: NewsItem) -> None:
        if not self.request.user.has_perm("networks.delete_newsitem", instance):
            raise PermissionDenied
        services.news_delete(news=instance, by=acting_person(self.request.user))


class HostedGroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Groups hosted by the networks the requester sees: name, kind and next sessions. An
    organiser starts one; organisers and the group's facilitators add members of the network;
    members ask to join. The groups module's rules apply (its services decide)."""

    serializer_class = s.HostedGroupSerializer
    lookup_value_converter = "uuid"
    queryset = HostedGroup.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return HostedGroup.objects.none()
        return selectors.hosted_groups_for(self.request.user)

    @extend_schema(request=s.HostedGroupCreateSerializer, responses={201: s.HostedGroupSerializer})
    def create(self, request: Request) -> Response:
        data = _parse(s.HostedGroupCreateSerializer, request)
        network = data.pop("network")
        if not request.user.has_perm("networks.add_hostedgroup", network):
            raise PermissionDenied
        data["facilitators"] = list(data.get("facilitators", []))
        hosted = services.hosted_group_create(
            network=network, by=acting_person(request.user), **data
        )
        found = selectors.get_hosted_group_for(request.user, hosted.pk)
        return Response(s.HostedGroupSerializer(found).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.HostedMemberSerializer, responses={201: None})
    @action(detail=True, methods=["post"], url_path="add-member")
    def add_member(self, request: Request, pk: Any = None) -> Response:
        """Add a member of the network (organisers, the group's facilitators)."""
        hosted = self.get_object()
        if not request.user.has_perm("networks.add_hostedgroup_member", hosted):
            raise PermissionDenied
        data = _parse(s.HostedMemberSerializer, request)
        member = services.hosted_group_member_add(
            hosted=hosted, by=acting_person(request.user), **data
        )
        return Response(
            {"id": str(member.pk), "group": str(member.group_id), "status": member.status},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"], url_path="ask-to-join")
    def ask_to_join(self, request: Request, pk: Any = None) -> Response:
        """A member of the network asks to join: the group's facilitators are told."""
        services.hosted_group_ask_to_join(hosted=self.get_object(), by=acting_person(request.user))
        return Response(status=status.HTTP_202_ACCEPTED)


def register(router: Any) -> None:
    """Register this app's viewsets on the shared v1 router."""
    router.register(
        "networks/organisations", NetworkOrganisationViewSet, basename="network-organisation"
    )
    router.register("networks/members", NetworkMemberViewSet, basename="network-member")
    router.register("networks/news", NewsItemViewSet, basename="network-news")
    router.register("networks/groups", HostedGroupViewSet, basename="network-hosted-group")
    router.register("networks", NetworkViewSet, basename="network")


api_paths: list[Any] = [
    path("networks/<uuid:pk>/directory/", DirectoryView.as_view(), name="network-directory-list"),
    path(
        "networks/<uuid:pk>/directory/me/",
        MyDirectoryProfileView.as_view(),
        name="network-directory-me",
    ),
]
