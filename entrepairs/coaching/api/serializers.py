"""Shapes of the coaching JSON; they parse and render, the services decide."""

from typing import Any

from rest_framework import serializers

from entrepairs.core.api.fields import (
    BaseModelSerializer,
    InlineChoiceField,
    ModelSerializer,
    VisibleRelatedField,
)

from .. import selectors
from ..models import CoachingScheme, CoachOffer, CoachPairing, CoachRequest
from ..models.offers import COACHING_CRITERIA, MAX_CAPACITY


class CoachPersonRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(source="__str__", read_only=True)


class CoachOfferSerializer(ModelSerializer):
    person = CoachPersonRefSerializer(read_only=True)
    load = serializers.SerializerMethodField(help_text="New tutors the coach holds a place for.")

    class Meta:
        model = CoachOffer
        fields = [
            "id",
            "organisation",
            "person",
            "capacity",
            "load",
            "region",
            "languages",
            "profession",
            "availability",
            "active",
        ]
        read_only_fields = fields

    def get_load(self, offer: CoachOffer) -> int:
        return int(getattr(offer, "load", 0))


class CoachOfferWriteSerializer(serializers.Serializer):
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY)
    region = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    profession = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    languages = serializers.ListField(
        child=serializers.CharField(max_length=40), max_length=10, required=False, default=list
    )
    availability = serializers.ListField(
        child=serializers.CharField(max_length=20), max_length=14, required=False, default=list
    )
    active = serializers.BooleanField(required=False, default=True)


class CoachRequestSerializer(ModelSerializer):
    person = CoachPersonRefSerializer(read_only=True)

    class Meta:
        model = CoachRequest
        fields = ["id", "organisation", "person", "since", "status", "flagged_on"]
        read_only_fields = fields


class CoachProposeSerializer(serializers.Serializer):
    offer = VisibleRelatedField(
        CoachOffer, visible=selectors.offers_for, help_text="The coach's offer."
    )


class CoachReasonSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    weight = serializers.FloatField()
    raw = serializers.FloatField(help_text="How far the criterion is met, from 0 to 1.")
    contribution = serializers.FloatField()


class CoachPairingSerializer(ModelSerializer):
    coach = CoachPersonRefSerializer(read_only=True)
    tutor = CoachPersonRefSerializer(read_only=True)
    reasons = serializers.SerializerMethodField()
    meeting_count = serializers.SerializerMethodField()
    coach_feedback = serializers.SerializerMethodField(
        help_text="To its author and the coordinators, once given."
    )
    tutor_feedback = serializers.SerializerMethodField(
        help_text="To its author and the coordinators, once given."
    )
    coach_rating = serializers.SerializerMethodField(
        help_text="From 1 to 5; to its author and the coordinators, once given."
    )
    tutor_rating = serializers.SerializerMethodField(
        help_text="From 1 to 5; to its author and the coordinators, once given."
    )
    end_note = serializers.SerializerMethodField(
        help_text="The coordinators' note on why the pairing ended: to the coordinators only."
    )

    class Meta:
        model = CoachPairing
        fields = [
            "id",
            "organisation",
            "coach",
            "tutor",
            "state",
            "score",
            "reasons",
            "confirmed_by_coach",
            "confirmed_by_tutor",
            "ended_on",
            "end_reason",
            "end_note",
            "meeting_count",
            "coach_rating",
            "coach_feedback",
            "tutor_rating",
            "tutor_feedback",
        ]
        read_only_fields = fields

    def get_reasons(self, pairing: CoachPairing) -> list[dict[str, Any]]:
        return CoachReasonSerializer(
            [
                {"criterion": c, "weight": w, "raw": r, "contribution": x}
                for c, w, r, x in pairing.reasons
            ],
            many=True,
        ).data  # type: ignore[return-value]

    def get_meeting_count(self, pairing: CoachPairing) -> int:
        return int(getattr(pairing, "meeting_count", 0))

    def _feedback(self, pairing: CoachPairing) -> selectors.Feedback:
        return selectors.feedback_of(self.context["request"].user, pairing)

    def get_coach_feedback(self, pairing: CoachPairing) -> str | None:
        return self._feedback(pairing).coach

    def get_tutor_feedback(self, pairing: CoachPairing) -> str | None:
        return self._feedback(pairing).tutor

    def get_coach_rating(self, pairing: CoachPairing) -> int | None:
        return self._feedback(pairing).coach_rating

    def get_tutor_rating(self, pairing: CoachPairing) -> int | None:
        return self._feedback(pairing).tutor_rating

    def get_end_note(self, pairing: CoachPairing) -> str | None:
        ending = selectors.ending_of(self.context["request"].user, pairing)
        return ending.note if ending is not None else None


class CoachMeetingSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True, source="pk")
    date = serializers.DateField()
    note = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Read by the pair only (empty for the coordinators).",
    )


class CoachEndSerializer(serializers.Serializer):
    # Inline like the pairing's `end_reason`: both then take settings' CoachingEndReasonEnum (a
    # plain ChoiceField hashes its labels too and fell back to an anonymous `ReasonEnum`).
    reason = InlineChoiceField(choices=CoachPairing.EndReason.choices)
    note = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Confidential (the coordinators only); required when the reason is « other ».",
    )


class CoachFeedbackSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Read by its author and the coordinators.",
    )


class CoachSchemeSerializer(BaseModelSerializer):
    weights = serializers.DictField(
        child=serializers.FloatField(min_value=0, max_value=10),
        help_text="Criteria: " + ", ".join(COACHING_CRITERIA) + ".",
    )
    flag_after_weeks = serializers.IntegerField(min_value=1, max_value=52)

    class Meta:
        model = CoachingScheme
        fields = ["organisation", "weights", "flag_after_weeks"]
        read_only_fields = ["organisation"]
