"""Incidents (point 7) and care plans (point 9) in the API: the same rules, selectors and services
as the pages. Reading an incident or a care-plan version is recorded in the audit trail."""

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from entrepairs.core.api import RulesPermission
from entrepairs.core.api.fields import ModelSerializer
from entrepairs.core.audit import record_access
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import selectors, services
from ..models import CarePlan, CarePlanDecision, Case, Incident, IncidentAction, IncidentKind
from .serializers import AnyId

# -- serializers ------------------------------------------------------------------------------


class IncidentActionSerializer(ModelSerializer):
    owner = AnyId()

    class Meta:
        model = IncidentAction
        fields = ["id", "incident", "description", "owner", "due_on", "done_on"]
        read_only_fields = fields


class IncidentActionCreateSerializer(serializers.Serializer):
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.UUIDField()
    due_on = serializers.DateField()


class IncidentListSerializer(ModelSerializer):
    """A line of the team's incidents: no confidential text."""

    core_team = AnyId()
    cases = serializers.SerializerMethodField()
    open_actions = serializers.IntegerField(read_only=True)
    overdue_actions = serializers.IntegerField(read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "core_team",
            "cases",
            "kind",
            "occurred_on",
            "status",
            "analysed_on",
            "concern_sent_on",
            "open_actions",
            "overdue_actions",
        ]
        read_only_fields = fields

    def get_cases(self, incident: Incident) -> list[str]:
        return [str(c.pk) for c in incident.cases.all()]


class IncidentSerializer(IncidentListSerializer):
    actions = IncidentActionSerializer(many=True, read_only=True)

    class Meta(IncidentListSerializer.Meta):
        fields = [
            *IncidentListSerializer.Meta.fields,
            "facts",
            "immediate_measures",
            "causes",
            "lessons",
            "concern_recipient",
            "closed_on",
            "actions",
        ]
        read_only_fields = fields


class IncidentCreateSerializer(serializers.Serializer):
    core_team = serializers.UUIDField()
    cases = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)
    kind = serializers.ChoiceField(choices=IncidentKind.choices)
    occurred_on = serializers.DateField()
    # Required by the service, with its message (the same as the page's).
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    immediate_measures = serializers.CharField(required=False, allow_blank=True, default="")


class AnalysisSerializer(serializers.Serializer):
    causes = serializers.CharField(required=False, allow_blank=True, default="")
    lessons = serializers.CharField(required=False, allow_blank=True, default="")


class ConcernSerializer(serializers.Serializer):
    sent_on = serializers.DateField()
    recipient = serializers.CharField(required=False, allow_blank=True, default="")


class IncidentTrendsKindSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()
    counts = serializers.ListField(child=serializers.IntegerField())


class IncidentTrendsSerializer(serializers.Serializer):
    """Counts only: no content, no child's name."""

    core_team = serializers.UUIDField()
    months = serializers.ListField(child=serializers.CharField())
    by_kind = IncidentTrendsKindSerializer(many=True)
    per_month = serializers.ListField(child=serializers.IntegerField())
    open_incidents = serializers.IntegerField()
    open_actions = serializers.IntegerField()
    overdue_actions = serializers.IntegerField()


class CarePlanDecisionSerializer(ModelSerializer):
    by = AnyId()

    class Meta:
        model = CarePlanDecision
        fields = ["id", "verdict", "comment", "by", "decided_on"]
        read_only_fields = fields


class CarePlanListSerializer(ModelSerializer):
    """A version of a care plan, without its confidential text."""

    case = AnyId()
    author = AnyId()

    class Meta:
        model = CarePlan
        fields = [
            "id",
            "case",
            "version",
            "status",
            "author",
            "submitted_on",
            "approved_on",
            "review_due_on",
        ]
        read_only_fields = fields


class CarePlanSerializer(CarePlanListSerializer):
    decisions = CarePlanDecisionSerializer(many=True, read_only=True)

    class Meta(CarePlanListSerializer.Meta):
        fields = [
            *CarePlanListSerializer.Meta.fields,
            "needs",
            "objectives",
            "actions",
            "decisions",
        ]
        read_only_fields = fields


class CarePlanDraftSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    needs = serializers.CharField(required=False, allow_blank=True, default="")
    objectives = serializers.CharField(required=False, allow_blank=True, default="")
    actions = serializers.CharField(required=False, allow_blank=True, default="")


class CarePlanDecisionInputSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


# -- views ------------------------------------------------------------------------------------


def _by(request: Any) -> Any:
    return selectors.person_of(request.user)


class IncidentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Incidents of the caller's core team; POST records one (facts required). The list holds no
    confidential text; reading one is audited."""

    permission_classes = [RulesPermission]
    permission_action = {
        "analyse": "change",
        "add_action": "change",
        "concern": "change",
        "close": "change",
    }
    lookup_value_converter = "uuid"
    filterset_fields = ["status", "core_team", "kind"]

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        cases = Prefetch("cases", queryset=Case.objects.only("id"))
        if self.action == "list":
            return (
                selectors.incidents_for(viewer)
                .prefetch_related(cases)
                .order_by("-occurred_on", "id")
            )
        return (
            selectors.incidents_for(viewer)
            .defer(None)
            .prefetch_related(cases, "actions")
            .order_by("-occurred_on", "id")
        )

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return IncidentListSerializer
        if self.action == "create":
            return IncidentCreateSerializer
        return IncidentSerializer

    def _answer(self, incident: Incident, status: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=incident.pk)
        return Response(IncidentSerializer(fresh).data, status=status)

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        incident = self.get_object()
        record_access(incident)
        return Response(IncidentSerializer(incident).data)

    @extend_schema(request=IncidentCreateSerializer, responses={201: IncidentSerializer})
    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = IncidentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        team = selectors.get_core_team_for(request.user, d["core_team"])
        if not check(request.user, "casework.add_incident", team):
            raise PermissionDenied()
        visible = selectors.cases_for(viewer_for(request.user))
        cases = [get_visible_or_404(visible, pk=pk) for pk in dict.fromkeys(d["cases"])]
        incident = services.incident_record(
            team=team,
            cases=cases,
            kind=d["kind"],
            occurred_on=d["occurred_on"],
            facts=d["facts"],
            immediate_measures=d["immediate_measures"],
            by=_by(request),
        )
        return self._answer(incident, 201)

    @extend_schema(request=AnalysisSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def analyse(self, request: Any, pk: Any = None) -> Response:
        incident = self.get_object()
        data = AnalysisSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.incident_analyse(incident=incident, **data.validated_data, by=_by(request))
        return self._answer(incident)

    @extend_schema(
        request=IncidentActionCreateSerializer, responses={201: IncidentActionSerializer}
    )
    @action(detail=True, methods=["post"], url_path="actions")
    def add_action(self, request: Any, pk: Any = None) -> Response:
        incident = self.get_object()
        data = IncidentActionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        # Anyone of the organisation is accepted here: the service says who may own an action.
        owner = get_visible_or_404(
            Person.objects.filter(organisation_id=incident.organisation_id), pk=d["owner"]
        )
        created = services.incident_action_add(
            incident=incident,
            description=d["description"],
            owner=owner,
            due_on=d["due_on"],
            by=_by(request),
        )
        return Response(IncidentActionSerializer(created).data, status=201)

    @extend_schema(request=ConcernSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def concern(self, request: Any, pk: Any = None) -> Response:
        incident = self.get_object()
        data = ConcernSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.incident_concern_record(
            incident=incident,
            sent_on=data.validated_data["sent_on"],
            recipient=data.validated_data["recipient"],
            by=_by(request),
        )
        return self._answer(incident)

    @extend_schema(request=None, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Any, pk: Any = None) -> Response:
        incident = self.get_object()
        services.incident_close(incident=incident, by=_by(request))
        return self._answer(incident)


class IncidentActionViewSet(viewsets.GenericViewSet):
    """A follow-up action: its owner marks it done."""

    permission_classes = [IsAuthenticated]
    serializer_class = IncidentActionSerializer
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return IncidentAction.objects.none()

    @extend_schema(request=None, responses=IncidentActionSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request: Any, pk: Any = None) -> Response:
        found = selectors.get_incident_action_for(request.user, pk)
        done = services.incident_action_done(action=found, by=_by(request))
        return Response(IncidentActionSerializer(done).data)


class IncidentTrendsViewSet(viewsets.GenericViewSet):
    """A core team's incident trends (counts per month and type, open and overdue actions): for
    its members and the organisation's coordinators and managers; no content, no child's name."""

    permission_classes = [IsAuthenticated]
    serializer_class = IncidentTrendsSerializer
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return Incident.objects.none()

    @extend_schema(responses=IncidentTrendsSerializer)
    def retrieve(self, request: Any, pk: Any = None) -> Response:
        team = selectors.get_figures_team_for(request.user, pk)
        if not check(request.user, "casework.view_incident_trends", team):
            raise PermissionDenied()
        trends = selectors.incident_trends(team)
        return Response({"core_team": team.pk, **trends.as_json()})


class CarePlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Care plans (projet pour l'enfant), one row per version. POST saves the guardian's draft
    (a new version after a submission); submit, approve and return act on a version. The author
    never approves their own version. Reading a version is audited."""

    permission_classes = [RulesPermission]
    permission_action = {"submit": "change", "approve": "change", "return_": "change"}
    lookup_value_converter = "uuid"
    filterset_fields = ["status", "case", "core_team"]

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        if self.action == "list":
            return selectors.care_plans_for(viewer).order_by("case_id", "-version")
        return selectors.care_plans_for(viewer).defer(None).prefetch_related("decisions")

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return CarePlanListSerializer
        if self.action == "create":
            return CarePlanDraftSerializer
        return CarePlanSerializer

    def _answer(self, plan: CarePlan, status: int = 200) -> Response:
        fresh = CarePlan.objects.filter(pk=plan.pk).prefetch_related("decisions").get()
        return Response(CarePlanSerializer(fresh).data, status=status)

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        plan = self.get_object()
        record_access(plan)
        return Response(CarePlanSerializer(plan).data)

    @extend_schema(request=CarePlanDraftSerializer, responses={201: CarePlanSerializer})
    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = CarePlanDraftSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        case = selectors.get_case_for(request.user, d["case"], "change")
        plan = services.care_plan_save(
            case=case,
            needs=d["needs"],
            objectives=d["objectives"],
            actions=d["actions"],
            by=_by(request),
        )
        return self._answer(plan, 201)

    @extend_schema(request=None, responses=CarePlanSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Any, pk: Any = None) -> Response:
        plan = services.care_plan_submit(plan=self.get_object(), by=_by(request))
        return self._answer(plan)

    @extend_schema(request=CarePlanDecisionInputSerializer, responses=CarePlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Any, pk: Any = None) -> Response:
        data = CarePlanDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.care_plan_approve(
            plan=self.get_object(), comment=data.validated_data["comment"], by=_by(request)
        )
        return self._answer(plan)

    @extend_schema(request=CarePlanDecisionInputSerializer, responses=CarePlanSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Any, pk: Any = None) -> Response:
        data = CarePlanDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.care_plan_return(
            plan=self.get_object(), comment=data.validated_data["comment"], by=_by(request)
        )
        return self._answer(plan)


def register_care(router: Any) -> None:
    p = "casework"
    router.register(f"{p}/incidents", IncidentViewSet, basename="casework-incident")
    router.register(
        f"{p}/incident-actions", IncidentActionViewSet, basename="casework-incident-action"
    )
    router.register(
        f"{p}/incident-trends", IncidentTrendsViewSet, basename="casework-incident-trends"
    )
    router.register(f"{p}/care-plans", CarePlanViewSet, basename="casework-care-plan")
