"""Shapes of the events' JSON; they parse and render, the services decide."""

from typing import Any

from rest_framework import serializers

from entrepairs.core.api.fields import InlineChoiceField, ModelSerializer, VisibleRelatedField
from entrepairs.networks.models import Network
from entrepairs.networks.selectors import networks_for
from entrepairs.organisations.models import Organisation
from entrepairs.people.models import Person
from entrepairs.training.models import TrainingSession

from ..models import Event, ExperiencedTutorSeat, Feedback, Kind, Registration
from ..services import EDITABLE


def _organisations_seen(user: Any) -> Any:
    from entrepairs.organisations.viewer import viewer_for

    from ..rules import staff_orgs

    return Organisation.objects.filter(pk__in=staff_orgs(viewer_for(user)))


def _sessions_run(user: Any) -> Any:
    """Training sessions the requester runs (training's rule)."""
    from entrepairs.organisations.viewer import viewer_for
    from entrepairs.training.selectors import sessions_for

    return sessions_for(viewer_for(user))


class EventSerializer(ModelSerializer):
    kind = InlineChoiceField(choices=Kind.choices)
    registered_count = serializers.SerializerMethodField(help_text="People registered.")
    waiting_count = serializers.SerializerMethodField(help_text="People on the waiting list.")

    class Meta:
        model = Event
        fields = [
            "id",
            "kind",
            "title",
            "network",
            "organisation",
            "place",
            "video_link",
            "starts_at",
            "ends_at",
            "capacity",
            "description",
            "registration_open",
            "experienced_seats",
            "training_session",
            "registered_count",
            "waiting_count",
        ]
        read_only_fields = ["id", "network", "organisation", "training_session"]
        extra_kwargs = {
            "training_session": {
                "help_text": "The training session this event is held as: registering enrols in "
                "it, the attendance records it."
            }
        }

    def get_registered_count(self, event: Event) -> int:
        return int(getattr(event, "registered_count", 0))

    def get_waiting_count(self, event: Event) -> int:
        return int(getattr(event, "waiting_count", 0))


class EventCreateSerializer(ModelSerializer):
    """Give `network` or `organisation`: the host, among those the requester sees."""

    kind = InlineChoiceField(choices=Kind.choices)
    network = VisibleRelatedField(Network, visible=networks_for, required=False, allow_null=True)
    organisation = VisibleRelatedField(
        Organisation, visible=_organisations_seen, required=False, allow_null=True
    )
    training_session = VisibleRelatedField(
        TrainingSession,
        visible=_sessions_run,
        required=False,
        allow_null=True,
        help_text="Hold this training session as the event (kind training; by default hosted by "
        "the training's organisation, with the session's place and seats).",
    )
    already_held = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Record a past event (a past `starts_at` is refused without it).",
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "network",
            "organisation",
            "place",
            "video_link",
            "starts_at",
            "ends_at",
            "capacity",
            "description",
            "registration_open",
            "experienced_seats",
            "training_session",
            "already_held",
        ]
        # The services check the event as a whole (one host, ends after it starts).
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return attrs


class EventUpdateSerializer(ModelSerializer):
    kind = InlineChoiceField(choices=Kind.choices)

    class Meta:
        model = Event
        fields = list(EDITABLE)  # what the service lets a host change, once
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return attrs


class EventRegistrationSerializer(ModelSerializer):
    status = InlineChoiceField(choices=Registration.Status.choices, read_only=True)
    waiting_position = serializers.SerializerMethodField(
        help_text="1 for the first on the waiting list; null when not waiting."
    )

    class Meta:
        model = Registration
        fields = ["id", "event", "person", "status", "joined_at", "attended", "waiting_position"]
        read_only_fields = fields

    def get_waiting_position(self, registration: Registration) -> int | None:
        from ..selectors import waiting_position

        return waiting_position(registration)


class EventAttendanceSerializer(serializers.Serializer):
    present = serializers.ListField(
        child=serializers.UUIDField(),
        help_text="Ids of the registrations of the people who attended; the others are absent.",
    )


class EventFeedbackSerializer(ModelSerializer):
    class Meta:
        model = Feedback
        fields = ["id", "event", "rating", "comment"]
        read_only_fields = ["id", "event"]
        extra_kwargs = {"rating": {"min_value": 1, "max_value": 5}}


class EventFeedbackSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    average = serializers.FloatField(allow_null=True)
    by_rating = serializers.DictField(child=serializers.IntegerField())
    comments = serializers.ListField(child=serializers.CharField())


class EventTrainingSessionSerializer(serializers.Serializer):
    training_session = VisibleRelatedField(
        TrainingSession,
        visible=_sessions_run,
        help_text="A session (of a training the requester runs) held on the event's day.",
    )


class ExperiencedTutorSeatSerializer(ModelSerializer):
    class Meta:
        model = ExperiencedTutorSeat
        fields = ["id", "event", "person", "invited_by", "created_at"]
        read_only_fields = fields


class ExperiencedTutorInviteSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(),
        help_text="An experienced tutor (a coach open to new tutors) of the event's organisations.",
    )

    def __init__(self, *args: Any, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from ..training_events import invitable_experienced_tutors

        field: Any = self.fields["person"]
        field.queryset = (
            invitable_experienced_tutors(event) if event is not None else Person.objects.none()
        )
