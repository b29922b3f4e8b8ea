"""Events' JSON API: events, registration and the waiting list, attendance and feedback. Each
write calls one function of events.services; an event the requester may not see is a 404."""

from dataclasses import asdict
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from entrepairs.core.api.schema import building_schema
from entrepairs.core.views import require
from entrepairs.people.selectors import acting_person

from .. import selectors, services, training_events
from ..models import Event, Registration
from . import serializers as s


class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Events of the networks and organisations the requester belongs to; `?when=past` for the
    past ones (default: coming)."""

    serializer_class = s.EventSerializer
    lookup_value_converter = "uuid"
    queryset = Event.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Event.objects.none()
        if self.action == "list":
            if self.request.query_params.get("when") == "past":
                return selectors.past_for(self.request.user)
            return selectors.upcoming_for(self.request.user)
        return selectors.events_for(self.request.user)

    @extend_schema(request=s.EventCreateSerializer, responses={201: s.EventSerializer})
    def create(self, request: Request) -> Response:
        """Plan an event for a network one organises or an organisation one coordinates."""
        data = s.EventCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        host = fields.get("network") or fields.get("organisation")
        if host is not None:
            require(request.user, "events.host_event", host)
        session = fields.pop("training_session", None)
        by = acting_person(request.user)
        if session is not None:
            event = training_events.training_event_create(session=session, by=by, **fields)
        else:
            event = services.event_create(by=by, **fields)
        out = selectors.get_event_for(request.user, event.pk)
        return Response(s.EventSerializer(out).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.EventUpdateSerializer, responses=s.EventSerializer)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        event = self.get_object()
        require(request.user, "events.change_event", event)
        data = s.EventUpdateSerializer(event, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.event_update(event=event, by=acting_person(request.user), **data.validated_data)
        return Response(s.EventSerializer(self.get_object()).data)

    @extend_schema(request=None, responses={201: s.EventRegistrationSerializer})
    @action(detail=True, methods=["post"])
    def register(self, request: Request, pk: Any = None) -> Response:
        """Register, or join the waiting list when the event is full."""
        event = self.get_object()
        registration = services.register(event=event, by=acting_person(request.user))
        return Response(
            s.EventRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses=s.EventRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        """Cancel one's registration (or leave the waiting list): a freed seat goes to the first
        on the waiting list, who is told."""
        event = self.get_object()
        registration = services.cancel(event=event, by=acting_person(request.user))
        return Response(s.EventRegistrationSerializer(registration).data)

    @extend_schema(request=None, responses=s.EventRegistrationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)  # one event's list, whole
    def participants(self, request: Request, pk: Any = None) -> Response:
        """Who is registered or waiting (the organisers)."""
        event = self.get_object()
        require(request.user, "events.view_registrations", event)
        rows = selectors.registrations_of(event)
        return Response(s.EventRegistrationSerializer(rows, many=True).data)

    @extend_schema(
        request=s.EventAttendanceSerializer, responses=s.EventRegistrationSerializer(many=True)
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: Any = None) -> Response:
        """Record who attended, once the event is over (the organisers)."""
        event = self.get_object()
        require(request.user, "events.change_event", event)
        data = s.EventAttendanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.attendance_record(
            event=event, present=data.validated_data["present"], by=acting_person(request.user)
        )
        rows = [
            r
            for r in selectors.registrations_of(event)
            if r.status == Registration.Status.REGISTERED
        ]
        return Response(s.EventRegistrationSerializer(rows, many=True).data)

    @extend_schema(request=s.EventFeedbackSerializer, responses={201: s.EventFeedbackSerializer})
    @action(detail=True, methods=["post"])
    def feedback(self, request: Request, pk: Any = None) -> Response:
        """An attendee's rating (1 to 5) and comment, once the event is over."""
        event = self.get_object()
        data = s.EventFeedbackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = services.feedback_give(
            event=event,
            by=acting_person(request.user),
            rating=data.validated_data["rating"],
            comment=data.validated_data.get("comment", ""),
        )
        return Response(s.EventFeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.EventFeedbackSummarySerializer)
    @action(detail=True, methods=["get"], url_path="feedback-summary")
    def feedback_summary(self, request: Request, pk: Any = None) -> Response:
        """The organisers' summary: answers, mean rating, each rating's count, comments."""
        event = self.get_object()
        require(request.user, "events.view_registrations", event)
        return Response(asdict(selectors.feedback_summary(event)))

    @extend_schema(request=s.EventTrainingSessionSerializer, responses=s.EventSerializer)
    @action(detail=True, methods=["post"], url_path="training-session")
    def training_session(self, request: Request, pk: Any = None) -> Response:
        """Hold a training session as this training event (its organisers, who run the
        training): registering then enrols in the session, the attendance records it."""
        event = self.get_object()
        require(request.user, "events.change_event", event)
        data = s.EventTrainingSessionSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        training_events.training_session_link(
            event=event,
            session=data.validated_data["training_session"],
            by=acting_person(request.user),
        )
        return Response(s.EventSerializer(self.get_object()).data)

    @extend_schema(
        methods=["GET"], request=None, responses=s.ExperiencedTutorSeatSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        request=s.ExperiencedTutorInviteSerializer,
        responses={201: s.ExperiencedTutorSeatSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="experienced-tutors",
        pagination_class=None,  # one event's list, bounded by its seats
    )
    def experienced_tutors(self, request: Request, pk: Any = None) -> Response:
        """The experienced tutors invited to a training event (its organisers); POST invites
        one (a coach open to new tutors), on the event's seats for them."""
        event = self.get_object()
        require(request.user, "events.view_registrations", event)
        if request.method == "GET":
            rows = training_events.experienced_seats_of(event)
            return Response(s.ExperiencedTutorSeatSerializer(rows, many=True).data)
        require(request.user, "events.change_event", event)
        data = s.ExperiencedTutorInviteSerializer(data=request.data, event=event)
        data.is_valid(raise_exception=True)
        seat = training_events.experienced_tutor_invite(
            event=event, person=data.validated_data["person"], by=acting_person(request.user)
        )
        return Response(s.ExperiencedTutorSeatSerializer(seat).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"], url_path="experienced-tutors/decline")
    def decline_experienced(self, request: Request, pk: Any = None) -> Response:
        """An invited experienced tutor gives their seat back."""
        event = self.get_object()
        training_events.experienced_tutor_decline(event=event, by=acting_person(request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RegistrationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """One's own registrations, and those of the events one organises."""

    serializer_class = s.EventRegistrationSerializer
    lookup_value_converter = "uuid"
    queryset = Registration.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return Registration.objects.none()
        return selectors.registrations_for(self.request.user)


def register(router: Any) -> None:
    """Register this app's viewsets on the shared v1 router."""
    router.register("events/registrations", RegistrationViewSet, basename="event-registration")
    router.register("events", EventViewSet, basename="event")


api_paths: list[Any] = []
