"""Shapes of training's JSON; they parse and render, the services decide."""

from typing import Any

from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from entrepairs.core.api.fields import InlineChoiceField, ModelSerializer
from entrepairs.organisations.models import Organisation, Role
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from ..models import RoleRequirement, TrainingCompletion, TrainingModule, TrainingSession
from ..selectors import modules_for


class UnseenIsUnknown:
    """On a write, a module or a person the writer may not see is unknown, like a missing id: no
    answer tells that an unseen id exists (security review F9)."""

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()  # type: ignore[misc]
        request = self.context.get("request")  # type: ignore[attr-defined]
        if request is None or request.method in SAFE_METHODS:
            return fields
        if isinstance(fields.get("module"), serializers.PrimaryKeyRelatedField):
            fields["module"].queryset = modules_for(viewer_for(request.user))
        if isinstance(fields.get("person"), serializers.PrimaryKeyRelatedField):
            fields["person"].queryset = Person.objects.visible_to(request.user)
        return fields


class TrainingModuleSerializer(ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
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
        ]
        read_only_fields = ["id"]

    def to_representation(self, instance: TrainingModule) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["staff_roles"] = sorted(r.role for r in instance.requirements.all())
        return data


class TrainingSessionSerializer(UnseenIsUnknown, ModelSerializer):
    module = serializers.PrimaryKeyRelatedField(queryset=TrainingModule.objects.all())
    attendees: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "module", "held_on", "place", "trainer", "attendees"]
        read_only_fields = ["id", "attendees"]


class AttendanceSerializer(serializers.Serializer):
    attendees = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), many=True)


class RoleRequirementSerializer(UnseenIsUnknown, ModelSerializer):
    module = serializers.PrimaryKeyRelatedField(queryset=TrainingModule.objects.all())
    role = InlineChoiceField(choices=Role.choices)

    class Meta:
        model = RoleRequirement
        fields = ["id", "module", "role"]
        read_only_fields = ["id"]


class TrainingCompletionSerializer(UnseenIsUnknown, ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    module = serializers.PrimaryKeyRelatedField(queryset=TrainingModule.objects.all())
    session: Any = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = TrainingCompletion
        fields = ["id", "person", "module", "session", "completed_on", "expires_on"]
        read_only_fields = ["id", "session", "expires_on"]


class StaffCompletionSerializer(UnseenIsUnknown, serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    module = serializers.PrimaryKeyRelatedField(queryset=TrainingModule.objects.all())
    completed_on = serializers.DateField()
