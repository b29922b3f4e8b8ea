"""Coaching's JSON API: offers, requests, pairings (confirm, decline, meetings, end,
feedback) and each organisation's scheme (weights, flag delay, the engine's proposals). Each
write calls one function of coaching.services; a record the requester may not see is a 404, an
action they see but may not take a 403."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from entrepairs.core.api.schema import building_schema
from entrepairs.core.views import require
from entrepairs.organisations.models import Organisation
from entrepairs.people.selectors import acting_person

from .. import selectors, services
from ..models import CoachOffer, CoachPairing, CoachRequest
from . import serializers as s

ReadOnly = (mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet)


class OfferViewSet(*ReadOnly):  # type: ignore[misc]
    """Coach offers: one's own, and all of the organisations one coordinates."""

    serializer_class = s.CoachOfferSerializer
    lookup_value_converter = "uuid"
    queryset = CoachOffer.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return CoachOffer.objects.none()
        return selectors.offers_for(self.request.user)

    @extend_schema(request=s.CoachOfferWriteSerializer, responses=s.CoachOfferSerializer)
    @action(detail=False, methods=["post"])
    def mine(self, request: Request) -> Response:
        """Volunteer as a coach in one's organisation, or change one's offer."""
        data = s.CoachOfferWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offer = services.offer_save(by=acting_person(request.user), **data.validated_data)
        return Response(
            s.CoachOfferSerializer(selectors.get_offer_for(request.user, offer.pk)).data
        )


class RequestViewSet(*ReadOnly):  # type: ignore[misc]
    """Requests for a coach: one's own, and all of the organisations one coordinates."""

    serializer_class = s.CoachRequestSerializer
    lookup_value_converter = "uuid"
    queryset = CoachRequest.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return CoachRequest.objects.none()
        return selectors.requests_for(self.request.user)

    @extend_schema(request=None, responses={201: s.CoachRequestSerializer})
    def create(self, request: Request) -> Response:
        """Ask for a coach (a new tutor, in their organisation)."""
        made = services.coach_ask(by=acting_person(request.user))
        out = selectors.get_request_for(request.user, made.pk)
        return Response(s.CoachRequestSerializer(out).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.CoachRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: Any = None) -> Response:
        """The new tutor withdraws their open request (a waiting proposal is declined)."""
        found = self.get_object()
        require(request.user, "coaching.withdraw_request", found)
        services.coach_request_withdraw(request=found, by=acting_person(request.user))
        return Response(s.CoachRequestSerializer(self.get_object()).data)

    @extend_schema(request=s.CoachProposeSerializer, responses={201: s.CoachPairingSerializer})
    @action(detail=True, methods=["post"])
    def propose(self, request: Request, pk: Any = None) -> Response:
        """Propose a coach to this new tutor (the organisation's coordinators)."""
        found = self.get_object()
        require(request.user, "coaching.run_scheme", found)
        data = s.CoachProposeSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        pairing = services.pairing_propose(
            request=found, offer=data.validated_data["offer"], by=acting_person(request.user)
        )
        out = selectors.get_pairing_for(request.user, pairing.pk)
        ctx = {"request": request}
        return Response(
            s.CoachPairingSerializer(out, context=ctx).data, status=status.HTTP_201_CREATED
        )


class PairingViewSet(*ReadOnly):  # type: ignore[misc]
    """Coach pairings: one's own (as coach or new tutor), and all of the organisations one
    coordinates."""

    serializer_class = s.CoachPairingSerializer
    lookup_value_converter = "uuid"
    queryset = CoachPairing.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return CoachPairing.objects.none()
        return selectors.pairings_for(self.request.user)

    def _answer(self, pairing: CoachPairing) -> Response:
        out = selectors.get_pairing_for(self.request.user, pairing.pk)
        return Response(s.CoachPairingSerializer(out, context={"request": self.request}).data)

    @extend_schema(request=None, responses=s.CoachPairingSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: Any = None) -> Response:
        """The coach or the new tutor confirms; both confirmed, the pairing is active."""
        pairing = self.get_object()
        require(request.user, "coaching.respond_pairing", pairing)
        return self._answer(
            services.pairing_confirm(pairing=pairing, by=acting_person(request.user))
        )

    @extend_schema(request=None, responses=s.CoachPairingSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: Any = None) -> Response:
        """The coach or the new tutor declines the proposal."""
        pairing = self.get_object()
        require(request.user, "coaching.respond_pairing", pairing)
        return self._answer(
            services.pairing_decline(pairing=pairing, by=acting_person(request.user))
        )

    @extend_schema(request=s.CoachEndSerializer, responses=s.CoachPairingSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: Any = None) -> Response:
        """End an active pairing with a reason (the organisation's coordinators): the coach's
        place is freed and both of the pair are asked for their feedback."""
        pairing = self.get_object()
        require(request.user, "coaching.end_pairing", pairing)
        data = s.CoachEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(
            services.pairing_end(
                pairing=pairing, by=acting_person(request.user), **data.validated_data
            )
        )

    @extend_schema(request=s.CoachFeedbackSerializer, responses=s.CoachPairingSerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request: Request, pk: Any = None) -> Response:
        """Give one's feedback on an ended pairing (the coach or the new tutor, once each)."""
        pairing = self.get_object()
        require(request.user, "coaching.give_feedback", pairing)
        data = s.CoachFeedbackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(
            services.pairing_feedback(
                pairing=pairing, by=acting_person(request.user), **data.validated_data
            )
        )

    @extend_schema(methods=["GET"], request=None, responses=s.CoachMeetingSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=s.CoachMeetingSerializer,
        responses={201: s.CoachMeetingSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def meetings(self, request: Request, pk: Any = None) -> Response:
        """The pairing's meetings (notes to the pair only); the pair logs one with POST."""
        pairing = self.get_object()
        if request.method == "GET":
            rows = selectors.meetings_of(request.user, pairing)
            return Response(s.CoachMeetingSerializer(rows, many=True).data)
        require(request.user, "coaching.log_meeting", pairing)
        data = s.CoachMeetingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_log(
            pairing=pairing, by=acting_person(request.user), **data.validated_data
        )
        return Response(s.CoachMeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class SchemeViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """An organisation's coaching scheme, by the organisation's id (its coordinators)."""

    serializer_class = s.CoachSchemeSerializer
    lookup_value_converter = "uuid"
    queryset = Organisation.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Organisation.objects.none()
        return selectors.run_organisations(self.request.user)

    def retrieve(self, request: Request, pk: Any = None) -> Response:
        organisation = self.get_object()
        return Response(s.CoachSchemeSerializer(services.scheme_of(organisation.pk)).data)

    @extend_schema(request=s.CoachSchemeSerializer, responses=s.CoachSchemeSerializer)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        """Set the engine's weights (0 to 10) and the weeks before a waiting tutor is flagged."""
        organisation = self.get_object()
        current = services.scheme_of(organisation.pk)
        data = s.CoachSchemeSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        scheme = services.scheme_update(
            organisation=organisation,
            by=acting_person(request.user),
            weights=dict(data.validated_data.get("weights", {})),
            flag_after_weeks=data.validated_data.get("flag_after_weeks", current.flag_after_weeks),
        )
        return Response(s.CoachSchemeSerializer(scheme).data)

    @extend_schema(request=None, responses=s.CoachPairingSerializer(many=True))
    @action(detail=True, methods=["post"], pagination_class=None)
    def propose(self, request: Request, pk: Any = None) -> Response:
        """The matching engine proposes coaches to every waiting new tutor."""
        organisation = self.get_object()
        made = services.pairings_propose_all(
            organisation=organisation, by=acting_person(request.user)
        )
        rows = selectors.pairings_for(request.user).filter(pk__in=[p.pk for p in made])
        return Response(
            s.CoachPairingSerializer(rows, many=True, context={"request": request}).data
        )


def register(router: Any) -> None:
    """Register this app's viewsets on the shared v1 router."""
    router.register("coaching/offers", OfferViewSet, basename="coach-offer")
    router.register("coaching/requests", RequestViewSet, basename="coach-request")
    router.register("coaching/pairings", PairingViewSet, basename="coach-pairing")
    router.register("coaching/organisations", SchemeViewSet, basename="coaching-scheme")


api_paths: list[Any] = []
