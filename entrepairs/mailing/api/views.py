"""Announcements and subscriptions in the JSON API: the same rules, selectors and services as the
pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from entrepairs.core.api import RulesPermission
from entrepairs.core.api.schema import building_schema
from entrepairs.core.french import french_text
from entrepairs.core.http import client_address
from entrepairs.core.ratelimit import RateLimited
from entrepairs.organisations.models import Organisation
from entrepairs.people.selectors import acting_person

from .. import selectors, services
from ..models import Announcement, ListMessage, MailingList, Subscription
from .serializers import (
    AnnouncementSerializer,
    ListMessageSerializer,
    ListSubscribeSerializer,
    MailingListSerializer,
    NewsletterAnswerSerializer,
    NewsletterConfirmSerializer,
    NewsletterSignUpSerializer,
    SubscriberSerializer,
    SubscriptionSerializer,
)


class AnnouncementViewSet(viewsets.ModelViewSet):
    serializer_class = AnnouncementSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    permission_action = {"publish": "change"}

    def get_queryset(self) -> Any:
        return selectors.announcements_visible_to(self.request.user).order_by("-created_at", "id")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.announcement_save(
            announcement=Announcement(**serializer.validated_data),
            by=self.request.user,
            author=acting_person(self.request.user),
        )

    def perform_update(self, serializer: Any) -> None:
        announcement = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(announcement, key, value)
        serializer.instance = services.announcement_save(
            announcement=announcement, by=self.request.user
        )

    def perform_destroy(self, instance: Announcement) -> None:
        services.announcement_delete(announcement=instance, by=self.request.user)

    @extend_schema(request=None, responses=AnnouncementSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: Any = None) -> Response:
        announcement = self.get_object()
        services.announcement_publish(announcement=announcement, by=request.user)
        return Response(AnnouncementSerializer(announcement).data)


class SubscriptionViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's own opt-in subscriptions (their account's e-mail address)."""

    serializer_class = SubscriptionSerializer
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Subscription.objects.none()
        return selectors.subscriptions_of(self.request.user).order_by("created_at", "id")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.subscribe(
            provider=serializer.validated_data["provider"],
            email=getattr(self.request.user, "email", ""),
            person=acting_person(self.request.user),
        )

    def perform_destroy(self, instance: Subscription) -> None:
        services.unsubscribe(token=instance.token)


class SubscriberListView(generics.ListAPIView):
    """The sign-ups of the newsletters the caller coordinates (waiting, active or gone): the
    list's owner answers for these addresses; nobody else reads them."""

    serializer_class = SubscriberSerializer

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Subscription.objects.none()
        return selectors.subscribers_for(self.request.user)


class NewsletterSignUpView(APIView):
    """Public newsletter sign-up (no account): the address receives a confirmation link (double
    opt-in). The answer is the same whether the address was known or not."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [AnonRateThrottle]

    @extend_schema(
        request=NewsletterSignUpSerializer,
        responses={202: NewsletterAnswerSerializer},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = NewsletterSignUpSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        provider = Organisation.objects.filter(pk=data.validated_data["provider"]).first()
        if provider is None:
            raise DjangoValidationError({"provider": _("Unknown organisation.")})
        try:
            services.subscribe_public(
                provider=provider,
                email=data.validated_data["email"],
                client_ip=client_address(request),
            )
        except RateLimited as exc:
            raise Throttled(detail=exc.message) from exc
        return Response(
            {
                "detail": _(
                    "If this address is not subscribed yet, it will receive a link to confirm."
                )
            },
            status=status.HTTP_202_ACCEPTED,
        )


class NewsletterConfirmView(APIView):
    """The second opt-in, for clients that read the token from the e-mailed link."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [AnonRateThrottle]

    @extend_schema(
        request=NewsletterConfirmSerializer,
        responses={200: NewsletterAnswerSerializer},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = NewsletterConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sub = services.subscription_confirm(token=data.validated_data["token"])
        return Response(
            {
                "detail": french_text(
                    _("%(email)s will receive the announcements of %(org)s.")
                    % {"email": sub.email, "org": sub.provider}
                )
            }
        )


class MailingListViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The mailing lists of the networks the caller sees (others: 404). Organisers create and
    change them; members subscribe and read the archive; organisers post (members too on a list
    open to their posts)."""

    serializer_class = MailingListSerializer
    lookup_value_converter = "uuid"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        if building_schema(self):
            return MailingList.objects.none()
        return selectors.lists_for(self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if not building_schema(self):
            context["subscribed"] = selectors.own_list_subscriptions(self.request.user)
        return context

    def perform_create(self, serializer: Any) -> None:
        saved = services.mailing_list_save(
            mailing_list=MailingList(**serializer.validated_data), by=self.request.user
        )
        serializer.instance = selectors.lists_for(self.request.user).get(pk=saved.pk)

    def perform_update(self, serializer: Any) -> None:
        mailing_list = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(mailing_list, key, value)
        services.mailing_list_save(mailing_list=mailing_list, by=self.request.user)
        serializer.instance = selectors.lists_for(self.request.user).get(pk=mailing_list.pk)

    @extend_schema(
        request=ListSubscribeSerializer,
        responses={200: MailingListSerializer, 202: NewsletterAnswerSerializer},
    )
    @action(detail=True, methods=["post"])
    def subscribe(self, request: Request, pk: Any = None) -> Response:
        """Without `email`: the account's address, at once (one click). With `email`: another
        address, which must confirm by the link it receives (double opt-in)."""
        mailing_list = self.get_object()
        data = ListSubscribeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email = data.validated_data.get("email")
        if email:
            try:
                services.list_subscribe_address(
                    mailing_list=mailing_list,
                    email=email,
                    by=request.user,
                    client_ip=client_address(request),
                )
            except RateLimited as exc:
                raise Throttled(detail=exc.message) from exc
            detail = _("If this address is not subscribed yet, it will receive a link to confirm.")
            return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)
        services.list_subscribe(mailing_list=mailing_list, by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=mailing_list.pk)).data)

    @extend_schema(request=None, responses=MailingListSerializer)
    @action(detail=True, methods=["post"])
    def unsubscribe(self, request: Request, pk: Any = None) -> Response:
        mailing_list = self.get_object()
        services.list_unsubscribe(mailing_list=mailing_list, by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=mailing_list.pk)).data)

    @extend_schema(methods=["GET"], request=None, responses=ListMessageSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=ListMessageSerializer, responses={201: ListMessageSerializer}
    )
    @action(detail=True, methods=["get", "post"], serializer_class=ListMessageSerializer)
    def messages(self, request: Request, pk: Any = None) -> Response:
        """GET: the list's archive (newest first, paginated). POST `{subject, body}`: send a
        message; it is queued for the worker and answered at once with its progress."""
        mailing_list = self.get_object()
        if request.method == "POST":
            data = ListMessageSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            message = services.list_message_post(
                mailing_list=mailing_list,
                subject=data.validated_data["subject"],
                body=data.validated_data["body"],
                by=request.user,
            )
            return Response(ListMessageSerializer(message).data, status=status.HTTP_201_CREATED)
        archive = selectors.list_messages_for(request.user).filter(mailing_list=mailing_list)
        page = self.paginate_queryset(archive)
        return self.get_paginated_response(ListMessageSerializer(page, many=True).data)


class ListMessageViewSet(viewsets.ReadOnlyModelViewSet):
    """The archived messages of the lists of the networks the caller sees, with their sending
    progress (`sent` of `total`)."""

    serializer_class = ListMessageSerializer
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        if building_schema(self):
            return ListMessage.objects.none()
        return selectors.list_messages_for(self.request.user)


api_paths = [
    path("groups/newsletter/", NewsletterSignUpView.as_view(), name="newsletter-sign-up"),
    path(
        "groups/newsletter/subscribers/",
        SubscriberListView.as_view(),
        name="newsletter-subscribers",
    ),
    path("groups/newsletter/confirm/", NewsletterConfirmView.as_view(), name="newsletter-confirm"),
]
