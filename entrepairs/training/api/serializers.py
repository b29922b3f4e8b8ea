"""Shapes of training's JSON; they parse and render, the services decide."""

from typing import Any

from rest_framework import serializers

from entrepairs.core.api.fields import InlineChoiceField, ModelSerializer, VisibleRelatedField
from entrepairs.organisations.models import Organisation, Role
from entrepairs.organisations.selectors import organisations_visible_to
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person
from entrepairs.people.selectors import people_visible_to

from ..models import RoleRequirement, TrainingCompletion, TrainingModule, TrainingSession
from ..selectors import attendees_visible_to, modules_for, sessions_for


def _modules(user: Any) -> Any:
    return modules_for(viewer_for(user))


def _sessions(user: Any) -> Any:
    return sessions_for(viewer_for(user))


# On a write, an organisation, a module or a person the writer may not see is unknown, like a
# missing id: no answer tells that an unseen id exists (security review F9).
def _module() -> VisibleRelatedField:
    return VisibleRelatedField(TrainingModule, visible=_modules)


class TrainingModuleSerializer(ModelSerializer):
    organisation = VisibleRelatedField(Organisation, visible=organisations_visible_to)
    staff_roles = serializers.ListField(
        child=serializers.CharField(max_length=30),
        required=False,
        help_text="The roles that must have completed this module (requirements per role).",
    )

    class Meta:
        model = TrainingModule
        fields = [
            "id",
            "organisation",
            "name",
            "topic",
            "audience",
            "staff_roles",
            "validity_months",
            "partner",
            "requires_session",
        ]
        read_only_fields = ["id"]

    def to_representation(self, instance: TrainingModule) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["staff_roles"] = sorted(r.role for r in instance.requirements.all())
        return data


class TrainingSessionSerializer(ModelSerializer):
    module = _module()
    attendees: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    already_held = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Record a past session (a past `held_on` is refused without it).",
    )

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "module",
            "held_on",
            "place",
            "trainer",
            "capacity",
            "attendees",
            "already_held",
        ]
        extra_kwargs = {"capacity": {"min_value": 1, "max_value": 1000}}
        read_only_fields = ["id", "attendees"]


class AttendanceSerializer(serializers.Serializer):
    # The organisation's people, and whoever enrolled to its sessions (a mentor, a partner
    # agency's case worker).
    attendees = VisibleRelatedField(Person, visible=attendees_visible_to, many=True)


class RoleRequirementSerializer(ModelSerializer):
    module = _module()
    role = InlineChoiceField(choices=Role.choices)
    # A number, not a string enum: 12 (every year), 24 (every two years), null (completed once);
    # the service refuses any other value with its message.
    recurrence_months = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=120,
        help_text="12: renewed every year; 24: every two years; null: completed once.",
    )

    class Meta:
        model = RoleRequirement
        fields = ["id", "module", "role", "recurrence_months"]
        read_only_fields = ["id"]


class TrainingCompletionSerializer(ModelSerializer):
    person = VisibleRelatedField(Person, visible=people_visible_to)
    module = _module()
    session: Any = VisibleRelatedField(
        TrainingSession, visible=_sessions, required=False, allow_null=True, default=None
    )

    class Meta:
        model = TrainingCompletion
        fields = ["id", "person", "module", "session", "completed_on", "expires_on"]
        read_only_fields = ["id", "expires_on"]


class MyRequirementSerializer(serializers.Serializer):
    """A training required of the signed-in person (GET training/mine/)."""

    module = serializers.UUIDField(source="module.pk")
    name = serializers.CharField(source="module.name")
    partner = serializers.CharField(source="module.partner")
    reasons = serializers.ListField(child=serializers.CharField())
    state = serializers.ChoiceField(
        source="cell.state", choices=["ok", "expiring", "expired", "missing"]
    )
    completed_on = serializers.DateField(source="cell.completed_on", allow_null=True)
    expires_on = serializers.DateField(source="cell.expires_on", allow_null=True)
    sessions = serializers.SerializerMethodField()

    def get_sessions(self, obj: Any) -> list[dict[str, Any]]:
        return [
            {
                "id": str(s.pk),
                "held_on": s.held_on.isoformat(),
                "place": s.place,
                "enrolled": o.enrolled,
                # No seat left (POST enrolment answers 400 with the reason).
                "full": o.full,
                # Held as an event: its seats are taken there (POST enrolment answers 400).
                "event": {"title": o.held_as.title, "url": o.held_as.url} if o.held_as else None,
            }
            for o in obj.offers
            for s in [o.session]
        ]


class StaffCompletionSerializer(serializers.Serializer):
    person = VisibleRelatedField(Person, visible=people_visible_to)
    module = _module()
    completed_on = serializers.DateField()
    session = VisibleRelatedField(
        TrainingSession, visible=_sessions, required=False, allow_null=True, default=None
    )
