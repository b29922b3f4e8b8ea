"""Serializers of the casework API: the shape only; writes go through the services."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from entrepairs.core.api.fields import InlineChoiceField, ModelSerializer
from entrepairs.organisations.models import Team
from entrepairs.people.api.placements import PlacementHistorySerializer, history_data
from entrepairs.people.models import Person
from entrepairs.people.placements import history_of

from ..models import (
    AllocationProposal,
    Case,
    CaseEvent,
    Leave,
    MemberProfile,
    Placement,
    PlacementKind,
    Procedure,
    ProposedMove,
    Vulnerability,
)


@extend_schema_field(OpenApiTypes.UUID)
class AnyId(serializers.UUIDField):
    """An id the view resolves through the visibility rules (invisible and missing: 404). Read
    from the foreign key's `<name>_id`: fetching the related row would cost a query per row."""

    def get_attribute(self, instance: Any) -> Any:
        return getattr(instance, f"{self.source}_id")


class MemberLoadSerializer(serializers.Serializer):
    person = serializers.UUIDField()
    name = serializers.CharField()
    fte = serializers.FloatField()
    cap = serializers.IntegerField()
    cases_before = serializers.IntegerField()
    load_before = serializers.IntegerField()
    ratio_before = serializers.FloatField()
    cases_after = serializers.IntegerField(required=False)
    load_after = serializers.IntegerField(required=False)
    ratio_after = serializers.FloatField(required=False)
    excluded = serializers.CharField()


class CoreTeamSerializer(ModelSerializer):
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = Team
        fields = ["id", "name", "organisation", "parent", "warnings"]

    def get_warnings(self, team: Team) -> list[str]:
        return self.context.get("warnings", {}).get(team.pk, [])


class CoreTeamDetailSerializer(CoreTeamSerializer):
    members = serializers.SerializerMethodField()
    new_cases = serializers.SerializerMethodField()

    class Meta(CoreTeamSerializer.Meta):
        fields = [*CoreTeamSerializer.Meta.fields, "members", "new_cases"]

    @extend_schema_field(MemberLoadSerializer(many=True))
    def get_members(self, team: Team) -> list[dict[str, Any]]:
        return [m.as_json() for m in self.context["overview"].members]

    def get_new_cases(self, team: Team) -> int:
        return self.context["overview"].new_cases


class MemberProfileSerializer(ModelSerializer):
    person = AnyId()
    # The bounds are the service's (same message on every channel).
    fte = serializers.DecimalField(max_digits=4, decimal_places=2)
    max_caseload = serializers.IntegerField()

    class Meta:
        model = MemberProfile
        fields = ["id", "person", "fte", "max_caseload"]
        read_only_fields = ["id"]

    def to_representation(self, instance: MemberProfile) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["person"] = str(instance.person_id)
        return data


class LeaveSerializer(ModelSerializer):
    person = AnyId()

    class Meta:
        model = Leave
        fields = ["id", "person", "starts_on", "ends_on"]
        read_only_fields = ["id"]

    def to_representation(self, instance: Leave) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["person"] = str(instance.person_id)
        return data


class CaseListSerializer(ModelSerializer):
    class Meta:
        model = Case
        fields = ["id", "core_team", "child", "guardian", "status", "weight", "opened_on"]
        read_only_fields = fields


class PlacementSerializer(ModelSerializer):
    """A move recorded from the case (the answer is the placement as history)."""

    class Meta:
        model = Placement
        fields = ["id", "kind", "since", "until", "note"]
        read_only_fields = ["id", "until"]


class CaseEventSerializer(ModelSerializer):
    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "happened_on", "text", "by"]
        read_only_fields = fields


class CaseSerializer(ModelSerializer):
    """A case with its confidential content (reading it is audited)."""

    core_team = AnyId()
    child = AnyId(required=False, help_text="A child already registered; or new_child_*.")
    new_child_first_name = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=100
    )
    new_child_last_name = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=100
    )
    placement_kind = InlineChoiceField(
        choices=PlacementKind.choices, write_only=True, required=False, allow_blank=True
    )
    procedures = serializers.ListField(
        child=InlineChoiceField(choices=Procedure.choices), required=False
    )
    vulnerability = InlineChoiceField(choices=Vulnerability.choices, required=False)
    placements = serializers.SerializerMethodField()
    events = CaseEventSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "core_team",
            "child",
            "new_child_first_name",
            "new_child_last_name",
            "guardian",
            "status",
            "birth_date",
            "vulnerability",
            "procedures",
            "placement_kind",
            "weight",
            "summary",
            "opened_on",
            "closed_on",
            "placements",
            "events",
        ]
        read_only_fields = ["id", "guardian", "status", "weight", "closed_on"]
        extra_kwargs = {
            "opened_on": {"required": False, "help_text": "Default today; not in the future."}
        }
        validators: list = []  # one open case per child: the service says so, in every channel

    def to_representation(self, instance: Case) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["core_team"] = str(instance.core_team_id)
        data["child"] = str(instance.child_id)
        return data

    @extend_schema_field(PlacementHistorySerializer(many=True))
    def get_placements(self, case: Case) -> list[dict[str, Any]]:
        """The child's one placement history, shared with mentoring (people.placements)."""
        return history_data(history_of(case.child))  # type: ignore[no-any-return]


class CaseUpdateSerializer(serializers.Serializer):
    birth_date = serializers.DateField(required=False)
    vulnerability = InlineChoiceField(choices=Vulnerability.choices, required=False)
    procedures = serializers.ListField(
        child=InlineChoiceField(choices=Procedure.choices), required=False
    )
    summary = serializers.CharField(required=False, allow_blank=True)


class AssignSerializer(serializers.Serializer):
    # Narrowed by the view to `selectors.guardian_candidates(case)`.
    guardian = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    reason = serializers.CharField(allow_blank=True, max_length=300)


class ProposedMoveSerializer(ModelSerializer):
    class Meta:
        model = ProposedMove
        fields = ["case", "from_person", "to_person", "weight", "reason"]
        read_only_fields = fields


class ProposalSerializer(ModelSerializer):
    core_team = AnyId()
    max_moves = serializers.IntegerField(write_only=True, required=False, allow_null=True)
    moves = ProposedMoveSerializer(many=True, read_only=True)
    loads = MemberLoadSerializer(many=True, read_only=True)

    class Meta:
        model = AllocationProposal
        fields = [
            "id",
            "core_team",
            "kind",
            "max_moves",
            "status",
            "proposed_by",
            "decided_by",
            "decided_at",
            "max_ratio_before",
            "max_ratio_after",
            "bound",
            "solver_status",
            "loads",
            "moves",
            "note",
            "created_at",
        ]
        read_only_fields = [f for f in fields if f not in ("core_team", "kind", "max_moves")]

    def to_representation(self, instance: AllocationProposal) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["core_team"] = str(instance.core_team_id)
        return data


class ConfirmSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class WeekLoadsSerializer(serializers.Serializer):
    """One week of a core team's caseloads (figures only)."""

    week = serializers.DateField()
    members = serializers.IntegerField()
    cases = serializers.IntegerField()
    highest_ratio = serializers.FloatField()
    average_ratio = serializers.FloatField()
    lowest_ratio = serializers.FloatField()
    spread = serializers.FloatField(help_text="Highest over average: 1.0 is perfectly balanced.")


class TeamFiguresSerializer(serializers.Serializer):
    """A core team's figures (counts only): continuity, safety-check timeliness, decisions and
    their required advice, care plans approved in time."""

    continuity = serializers.DictField(child=serializers.IntegerField())
    safety = serializers.DictField(child=serializers.IntegerField())
    decisions = serializers.DictField(child=serializers.IntegerField())
    care_plans = serializers.DictField(child=serializers.IntegerField())
