"""Casework API for safety checks and key decisions with mandatory expert advice (issue 12
points 6 and 8): the same rules, selectors and services as the pages."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from entrepairs.core.api.fields import InlineChoiceField, ModelSerializer
from entrepairs.core.audit import record_access
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import selectors, services
from ..models import (
    AdviceRequest,
    Decision,
    DecisionType,
    ExpertRole,
    PlacementKind,
    RiskFactor,
    SafetyCheck,
)
from ..rules import organisation_config_q


def _by(request: Any) -> Any:
    return selectors.person_of(request.user)


def _require(request: Any, perm: str, obj: Any = None) -> None:
    if not check(request.user, perm, obj):
        raise PermissionDenied()


# -- serializers --------------------------------------------------------------------------------


class RiskFactorSerializer(ModelSerializer):
    organisation = serializers.UUIDField(source="organisation_id")
    weight = serializers.IntegerField()

    class Meta:
        model = RiskFactor
        fields = ["id", "organisation", "kind", "label", "weight", "active"]
        read_only_fields = ["id"]
        extra_kwargs = {"label": {"allow_blank": True}}
        validators: list = []  # the service says "already exists", in every channel


class DecisionTypeSerializer(ModelSerializer):
    organisation = serializers.UUIDField(source="organisation_id")
    name = serializers.CharField(max_length=200, allow_blank=True)
    required_advice = serializers.ListField(
        child=InlineChoiceField(choices=ExpertRole.choices), required=False
    )
    trigger = InlineChoiceField(
        choices=DecisionType.Trigger.choices, required=False, allow_blank=True
    )

    class Meta:
        model = DecisionType
        fields = ["id", "organisation", "name", "required_advice", "trigger", "active"]
        read_only_fields = ["id"]
        validators: list = []


class AssessedFactorSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    label = serializers.CharField()  # type: ignore[assignment]
    kind = InlineChoiceField(choices=RiskFactor.Kind.choices)
    weight = serializers.IntegerField()


class SafetyCheckListSerializer(ModelSerializer):
    case = serializers.UUIDField(source="case_id")
    timeliness = InlineChoiceField(choices=SafetyCheck.Timeliness.choices, read_only=True)
    # "low", "medium", "high", or "" while the check is not done (a plain string: the schema's
    # shared level enum has no empty value).
    risk = serializers.CharField(read_only=True)

    class Meta:
        model = SafetyCheck
        fields = ["id", "case", "due_on", "done_on", "risk", "score", "timeliness"]
        read_only_fields = fields


class SafetyCheckSerializer(SafetyCheckListSerializer):
    """A check with its confidential results (reading it is audited)."""

    assessment = AssessedFactorSerializer(many=True, read_only=True)
    decisions = serializers.SerializerMethodField()

    class Meta(SafetyCheckListSerializer.Meta):
        fields = [
            *SafetyCheckListSerializer.Meta.fields,
            "assessment",
            "insecurity_signs",
            "notes",
            "ip_sent_on",
            "ip_recipient",
            "decisions",
        ]
        read_only_fields = fields

    def get_decisions(self, obj: SafetyCheck) -> list[str]:
        return [str(pk) for pk in obj.decisions.values_list("pk", flat=True)]


class ScheduleSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    due_on = serializers.DateField()


class SafetyResultSerializer(serializers.Serializer):
    done_on = serializers.DateField()
    factors = serializers.ListField(child=serializers.UUIDField(), required=False)
    notes = serializers.CharField(allow_blank=True)
    insecurity_signs = serializers.BooleanField(required=False, default=False)
    ip_sent_on = serializers.DateField(required=False, allow_null=True)
    ip_recipient = serializers.CharField(required=False, allow_blank=True, max_length=200)


class AdviceSerializer(ModelSerializer):
    """An advice request; the question and advice are shown to the core team and to the expert
    asked only (the list answers its visibility rule)."""

    decision = serializers.UUIDField(source="decision_id", read_only=True)
    expert = serializers.UUIDField(source="expert_id", read_only=True)
    role = InlineChoiceField(choices=ExpertRole.choices, read_only=True)

    class Meta:
        model = AdviceRequest
        fields = ["id", "decision", "expert", "role", "created_at", "advised_at"]
        read_only_fields = fields


class AdviceDetailSerializer(AdviceSerializer):
    class Meta(AdviceSerializer.Meta):
        fields = [*AdviceSerializer.Meta.fields, "question", "advice"]
        read_only_fields = fields


class DecisionListSerializer(ModelSerializer):
    case = serializers.UUIDField(source="case_id", read_only=True)
    decision_type = serializers.UUIDField(source="decision_type_id", read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "case",
            "decision_type",
            "title",
            "status",
            "trigger",
            "decided_at",
            "created_at",
        ]
        read_only_fields = fields


class DecisionSerializer(DecisionListSerializer):
    """A decision with its confidential content (reading it is audited with the reason)."""

    required_advice = serializers.SerializerMethodField()
    missing_advice = serializers.SerializerMethodField()
    advice = serializers.SerializerMethodField()
    decided_by = serializers.UUIDField(source="decided_by_id", read_only=True, allow_null=True)

    class Meta(DecisionListSerializer.Meta):
        fields = [
            *DecisionListSerializer.Meta.fields,
            "options",
            "arguments",
            "child_view",
            "proposed_placement",
            "outcome",
            "decided_by",
            "required_advice",
            "missing_advice",
            "advice",
        ]
        read_only_fields = fields

    def get_required_advice(self, obj: Decision) -> list[str]:
        return list(obj.decision_type.required_advice)

    def get_missing_advice(self, obj: Decision) -> list[str]:
        return [] if obj.is_decided else services.missing_advice(obj)

    @extend_schema_field(AdviceDetailSerializer(many=True))
    def get_advice(self, obj: Decision) -> list[dict[str, Any]]:
        rows = self.context.get("advice", [])
        return AdviceDetailSerializer(rows, many=True).data  # type: ignore[return-value]


class DecisionPrepareSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    decision_type = serializers.UUIDField()
    title = serializers.CharField(allow_blank=True, max_length=200)
    options = serializers.CharField(allow_blank=True)
    arguments = serializers.CharField(allow_blank=True, required=False, default="")
    child_view = serializers.CharField(allow_blank=True, required=False, default="")


class PlacementChangeSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    kind = InlineChoiceField(choices=PlacementKind.choices)
    concerns = serializers.CharField(allow_blank=True)
    child_view = serializers.CharField(allow_blank=True, required=False, default="")


class AdviceAskSerializer(serializers.Serializer):
    expert = serializers.UUIDField()
    question = serializers.CharField(allow_blank=True, required=False, default="")


class AdviceGiveSerializer(serializers.Serializer):
    advice = serializers.CharField(allow_blank=True)


class DecideSerializer(serializers.Serializer):
    outcome = serializers.CharField(allow_blank=True)


# -- views --------------------------------------------------------------------------------------


class _ConfigViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    model: Any = None

    def get_queryset(self) -> Any:
        return self.model.objects.filter(
            organisation_config_q(viewer_for(self.request.user))
        ).order_by("organisation_id", "id")

    def _organisation(self, serializer: Any) -> Any:
        """An organisation the caller works for (another one: 404); the service then checks
        the caller is one of its coordinators (403 otherwise)."""
        organisation_id = serializer.validated_data.pop("organisation_id")
        if not selectors.works_for(self.request.user, organisation_id):
            raise Http404
        return organisation_id


class RiskFactorViewSet(_ConfigViewSet):
    """The organisation's risk and protective factors (weights 1 to 5); POST adds one
    (coordinators)."""

    serializer_class = RiskFactorSerializer
    model = RiskFactor

    def perform_create(self, serializer: Any) -> None:
        organisation_id = self._organisation(serializer)
        serializer.instance = services.risk_factor_save(
            organisation_id=organisation_id, **serializer.validated_data, by=_by(self.request)
        )


class DecisionTypeViewSet(_ConfigViewSet):
    """The organisation's decision types and the expert advice each makes mandatory; POST adds
    one (coordinators)."""

    serializer_class = DecisionTypeSerializer
    model = DecisionType

    def perform_create(self, serializer: Any) -> None:
        organisation_id = self._organisation(serializer)
        d = serializer.validated_data
        serializer.instance = services.decision_type_save(
            organisation_id=organisation_id,
            name=d["name"],
            required_advice=d.get("required_advice", []),
            trigger=d.get("trigger", ""),
            active=d.get("active", True),
            by=_by(self.request),
        )


class SafetyCheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Safety checks of the caller's core team's cases. Reading one is audited."""

    permission_classes = [IsAuthenticated]
    lookup_value_converter = "uuid"
    filterset_fields = ["case", "risk"]

    def get_queryset(self) -> Any:
        rows = selectors.safety_checks_for(viewer_for(self.request.user))
        if self.action == "list":
            return rows.order_by("-due_on", "id")
        return rows.defer(None)

    def get_serializer_class(self) -> Any:
        return SafetyCheckListSerializer if self.action == "list" else SafetyCheckSerializer

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        found = self.get_object()
        record_access(found)
        return Response(SafetyCheckSerializer(found).data)

    @extend_schema(request=ScheduleSerializer, responses={201: SafetyCheckSerializer})
    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = ScheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = selectors.get_case_for(request.user, data.validated_data["case"], "change")
        found = services.safety_check_schedule(
            case=case, due_on=data.validated_data["due_on"], by=_by(request)
        )
        return Response(SafetyCheckSerializer(found).data, status=201)

    @extend_schema(request=SafetyResultSerializer, responses=SafetyCheckSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request: Any, pk: Any = None) -> Response:
        found = selectors.get_safety_check_for(request.user, pk, "change")
        data = SafetyResultSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        found = services.safety_check_record(
            check=found,
            done_on=d["done_on"],
            factor_ids=d.get("factors", []),
            notes=d["notes"],
            insecurity_signs=d.get("insecurity_signs", False),
            ip_sent_on=d.get("ip_sent_on"),
            ip_recipient=d.get("ip_recipient", ""),
            by=_by(request),
        )
        return Response(SafetyCheckSerializer(found).data)


class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Key decisions: the caller's core team's, and those submitted to the caller as an expert.
    Reading one is audited with the reason the caller may see it."""

    permission_classes = [IsAuthenticated]
    lookup_value_converter = "uuid"
    filterset_fields = ["case", "status"]

    def get_queryset(self) -> Any:
        rows = selectors.decisions_for(viewer_for(self.request.user))
        if self.action == "list":
            return rows.order_by("-created_at", "id")
        return rows.defer(None)

    def get_serializer_class(self) -> Any:
        return DecisionListSerializer if self.action == "list" else DecisionSerializer

    def _answer(self, request: Any, decision: Decision, status: int = 200) -> Response:
        reason = selectors.decision_read(request.user, decision)
        rows = selectors.requests_shown(request.user, decision, reason)
        return Response(DecisionSerializer(decision, context={"advice": rows}).data, status=status)

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        return self._answer(request, selectors.get_decision_for(request.user, kwargs["pk"]))

    @extend_schema(request=DecisionPrepareSerializer, responses={201: DecisionSerializer})
    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = DecisionPrepareSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        case = selectors.get_case_for(request.user, d["case"], "change")
        decision_type = get_visible_or_404(
            selectors.decision_types_of(case.organisation_id, active_only=False),
            pk=d["decision_type"],
        )
        decision = services.decision_prepare(
            case=case,
            decision_type=decision_type,
            title=d["title"],
            options=d["options"],
            arguments=d["arguments"],
            child_view=d["child_view"],
            by=_by(request),
        )
        return self._answer(request, decision, 201)

    @extend_schema(request=PlacementChangeSerializer, responses={201: DecisionSerializer})
    @action(detail=False, methods=["post"], url_path="placement-change")
    def placement_change(self, request: Any) -> Response:
        data = PlacementChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        case = selectors.get_case_for(request.user, d["case"], "change")
        decision = services.placement_change_propose(
            case=case,
            kind=d["kind"],
            concerns=d["concerns"],
            child_view=d["child_view"],
            by=_by(request),
        )
        return self._answer(request, decision, 201)

    @extend_schema(request=AdviceAskSerializer, responses={201: AdviceSerializer})
    @action(detail=True, methods=["post"], url_path="request-advice")
    def request_advice(self, request: Any, pk: Any = None) -> Response:
        decision = selectors.get_decision_for(request.user, pk, "change")
        data = AdviceAskSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        expert = get_visible_or_404(
            Person.objects.filter(organisation_id=decision.organisation_id),
            pk=data.validated_data["expert"],
        )
        made = services.advice_request(
            decision=decision,
            expert=expert,
            question=data.validated_data["question"],
            by=_by(request),
        )
        return Response(AdviceSerializer(made).data, status=201)

    @extend_schema(request=DecideSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Any, pk: Any = None) -> Response:
        decision = selectors.get_decision_for(request.user, pk, "change")
        data = DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision = services.decision_take(
            decision=decision, outcome=data.validated_data["outcome"], by=_by(request)
        )
        return self._answer(request, decision)


class AdviceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Advice requests: the core team's on its decisions, an expert's own; an expert records
    their advice with `record`."""

    permission_classes = [IsAuthenticated]
    serializer_class = AdviceSerializer
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return selectors.advice_requests_for(viewer_for(self.request.user)).order_by(
            "-created_at", "id"
        )

    @extend_schema(request=AdviceGiveSerializer, responses=AdviceDetailSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request: Any, pk: Any = None) -> Response:
        made = selectors.get_advice_request_for(request.user, pk, "give")
        data = AdviceGiveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        made = services.advice_record(
            request=made, advice=data.validated_data["advice"], by=_by(request)
        )
        return Response(AdviceDetailSerializer(made).data)


def register_decisions(router: Any) -> None:
    p = "casework"
    router.register(f"{p}/risk-factors", RiskFactorViewSet, basename="casework-risk-factor")
    router.register(f"{p}/decision-types", DecisionTypeViewSet, basename="casework-decision-type")
    router.register(f"{p}/safety-checks", SafetyCheckViewSet, basename="casework-safety-check")
    router.register(f"{p}/decisions", DecisionViewSet, basename="casework-decision")
    router.register(f"{p}/advice", AdviceViewSet, basename="casework-advice")
