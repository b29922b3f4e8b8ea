"""Casework API for how a core team works together (issue 12 points 10-12): meetings, peer
review and its trends, the indicator framework, policies and audits. The same rules, selectors
and services as the pages."""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from entrepairs.core.api.fields import ModelSerializer
from entrepairs.core.audit import record_access
from entrepairs.core.permissions import check
from entrepairs.core.services import SYSTEM
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import selectors, services
from ..models import (
    Attendance,
    Audit,
    AuditAction,
    AuditFinding,
    Case,
    Meeting,
    MeetingAction,
    PeerRating,
    PeerReview,
    Policy,
    ReviewIndicator,
    TeamTopic,
)
from .serializers import AnyId


def _require(request: Any, perm: str, obj: Any = None) -> None:
    if not check(request.user, perm, obj):
        raise PermissionDenied()


def _by(request: Any) -> Any:
    return selectors.person_of(request.user)


def _org_person(organisation_id: Any, pk: Any) -> Person:
    """A person of the organisation named in a body (unknown or elsewhere: 404)."""
    return get_visible_or_404(Person.objects.filter(organisation_id=organisation_id), pk=pk)


# -- serializers ------------------------------------------------------------------------------


class AgendaItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    detail = serializers.CharField(allow_blank=True)
    ref = serializers.CharField(allow_blank=True)


class MeetingAttendanceSerializer(ModelSerializer):
    person = AnyId()

    class Meta:
        model = Attendance
        fields = ["person", "status"]


class MeetingActionSerializer(ModelSerializer):
    owner = AnyId(allow_null=True)

    class Meta:
        model = MeetingAction
        fields = ["id", "title", "owner", "due_on"]
        read_only_fields = ["id"]


class MeetingSerializer(ModelSerializer):
    core_team = AnyId()

    class Meta:
        model = Meeting
        fields = ["id", "core_team", "held_on", "place"]
        read_only_fields = ["id"]


class MeetingDetailSerializer(MeetingSerializer):
    agenda = serializers.SerializerMethodField()
    attendance = MeetingAttendanceSerializer(many=True, read_only=True)
    actions = MeetingActionSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "agenda", "minutes", "attendance", "actions"]
        read_only_fields = ["id", "minutes"]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting: Meeting) -> list[dict[str, Any]]:
        return selectors.meeting_agenda(meeting)


class MinutesSerializer(serializers.Serializer):
    minutes = serializers.CharField(allow_blank=True)


class TopicSerializer(ModelSerializer):
    core_team = AnyId()

    class Meta:
        model = TeamTopic
        fields = ["id", "core_team", "title", "note"]
        read_only_fields = ["id"]
        extra_kwargs = {"title": {"allow_blank": True}, "note": {"required": False}}


class RatingInSerializer(serializers.Serializer):
    indicator = serializers.UUIDField()
    rating = serializers.IntegerField()
    comment = serializers.CharField(allow_blank=True, required=False, default="")


class PeerRatingSerializer(ModelSerializer):
    indicator = AnyId()
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = PeerRating
        fields = ["indicator", "indicator_name", "rating", "comment"]


class PeerReviewSerializer(ModelSerializer):
    case = AnyId()
    reviewer = AnyId()
    reviewee = AnyId()

    class Meta:
        model = PeerReview
        fields = ["id", "case", "reviewer", "reviewee", "reviewed_on", "answered_at"]
        read_only_fields = fields


class PeerReviewDetailSerializer(PeerReviewSerializer):
    ratings = PeerRatingSerializer(many=True, read_only=True)

    class Meta(PeerReviewSerializer.Meta):
        fields = [*PeerReviewSerializer.Meta.fields, "feedback", "answer", "ratings"]
        read_only_fields = fields


class PeerReviewInSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    ratings = RatingInSerializer(many=True)
    feedback = serializers.CharField(allow_blank=True)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(allow_blank=True)


class IndicatorTrendSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    count = serializers.IntegerField()
    average = serializers.FloatField(allow_null=True)
    previous_average = serializers.FloatField(allow_null=True)


class TrendsSerializer(serializers.Serializer):
    core_team = serializers.UUIDField()
    indicators = IndicatorTrendSerializer(many=True)


class IndicatorSerializer(ModelSerializer):
    class Meta:
        model = ReviewIndicator
        fields = ["id", "name", "description", "position", "active"]
        read_only_fields = ["id"]
        extra_kwargs = {"name": {"allow_blank": True}}


class PolicySerializer(ModelSerializer):
    core_team = serializers.UUIDField(source="core_team_id", allow_null=True, required=False)

    class Meta:
        model = Policy
        fields = ["id", "core_team", "title", "text", "effective_on"]
        read_only_fields = ["id"]
        extra_kwargs = {"title": {"allow_blank": True}, "text": {"allow_blank": True}}


class PolicyDetailSerializer(PolicySerializer):
    acknowledged = serializers.SerializerMethodField()
    not_acknowledged = serializers.SerializerMethodField()

    class Meta(PolicySerializer.Meta):
        fields = [*PolicySerializer.Meta.fields, "acknowledged", "not_acknowledged"]

    def get_acknowledged(self, policy: Policy) -> list[str]:
        return [str(p.pk) for p, _when in self.context["status"][0]]

    def get_not_acknowledged(self, policy: Policy) -> list[str]:
        return [str(p.pk) for p in self.context["status"][1]]


class AuditSerializer(ModelSerializer):
    core_team = AnyId()

    class Meta:
        model = Audit
        fields = ["id", "core_team", "title", "starts_on", "ends_on", "sample_size", "seed"]
        read_only_fields = ["id"]
        extra_kwargs = {"seed": {"required": False}, "title": {"allow_blank": True}}


class AuditInSerializer(AuditSerializer):
    auditors = serializers.ListField(child=serializers.UUIDField())
    sample_size = serializers.IntegerField()
    seed = serializers.IntegerField(required=False, allow_null=True, min_value=0)

    class Meta(AuditSerializer.Meta):
        fields = [*AuditSerializer.Meta.fields, "auditors"]


class AuditFindingSerializer(ModelSerializer):
    case = AnyId()
    indicator = AnyId()

    class Meta:
        model = AuditFinding
        fields = ["id", "case", "indicator", "rating", "note"]
        read_only_fields = ["id"]
        extra_kwargs = {"note": {"required": False}}


class AuditActionSerializer(ModelSerializer):
    owner = AnyId(allow_null=True)

    class Meta:
        model = AuditAction
        fields = ["id", "title", "owner", "due_on"]
        read_only_fields = ["id"]
        extra_kwargs = {"title": {"allow_blank": True}}


class AuditDetailSerializer(AuditSerializer):
    """The sample, findings and actions for the team and the auditors; counts per indicator for
    everyone who sees the audit (a coordinator reads no case)."""

    auditors = serializers.SerializerMethodField()
    trends = serializers.SerializerMethodField()
    sampled_cases = serializers.SerializerMethodField()
    findings = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta(AuditSerializer.Meta):
        fields = [
            *AuditSerializer.Meta.fields,
            "auditors",
            "trends",
            "sampled_cases",
            "findings",
            "actions",
        ]

    def get_auditors(self, audit: Audit) -> list[str]:
        return [str(pk) for pk in audit.auditors.values_list("pk", flat=True)]

    @extend_schema_field(IndicatorTrendSerializer(many=True))
    def get_trends(self, audit: Audit) -> list[dict[str, Any]]:
        return list(IndicatorTrendSerializer(selectors.audit_trends(audit), many=True).data)

    def _reads(self, audit: Audit) -> bool:
        return check(self.context["request"].user, "casework.read_audit_findings", audit)

    def get_sampled_cases(self, audit: Audit) -> list[str]:
        if not self._reads(audit):
            return []
        return [str(pk) for pk in audit.sampled_cases.values_list("pk", flat=True)]

    @extend_schema_field(AuditFindingSerializer(many=True))
    def get_findings(self, audit: Audit) -> list[dict[str, Any]]:
        if not self._reads(audit):
            return []
        return list(AuditFindingSerializer(audit.findings.all(), many=True).data)

    @extend_schema_field(AuditActionSerializer(many=True))
    def get_actions(self, audit: Audit) -> list[dict[str, Any]]:
        if not self._reads(audit):
            return []
        return list(AuditActionSerializer(audit.actions.all(), many=True).data)


# -- viewsets ---------------------------------------------------------------------------------


class MeetingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Core-team meetings (members of the team only): the agenda is built from what is waiting;
    minutes (confidential), attendance and actions are recorded after."""

    permission_classes = [IsAuthenticated]
    lookup_value_converter = "uuid"
    filterset_fields = ["core_team"]

    def get_queryset(self) -> Any:
        return selectors.meetings_for(viewer_for(self.request.user)).order_by("-held_on", "id")

    def get_serializer_class(self) -> Any:
        return MeetingSerializer if self.action in ("list", "create") else MeetingDetailSerializer

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        meeting = self.get_object()
        record_access(meeting)
        return Response(MeetingDetailSerializer(meeting).data)

    def perform_create(self, serializer: Any) -> None:
        d = serializer.validated_data
        team = selectors.get_core_team_for(self.request.user, d["core_team"])
        _require(self.request, "casework.add_meeting", team)
        serializer.instance = services.meeting_create(
            team=team, held_on=d["held_on"], place=d.get("place", ""), by=_by(self.request)
        )

    def _meeting(self, request: Any) -> Meeting:
        meeting = self.get_object()
        _require(request, "casework.change_meeting", meeting)
        return meeting

    @extend_schema(request=None, responses=MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def agenda(self, request: Any, pk: Any = None) -> Response:
        meeting = services.meeting_agenda_refresh(meeting=self._meeting(request), by=_by(request))
        return Response(MeetingDetailSerializer(meeting).data)

    @extend_schema(request=MinutesSerializer, responses=MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def minutes(self, request: Any, pk: Any = None) -> Response:
        meeting = self._meeting(request)
        data = MinutesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_minutes_save(
            meeting=meeting, minutes=data.validated_data["minutes"], by=_by(request)
        )
        return Response(MeetingDetailSerializer(meeting).data)

    @extend_schema(request=MeetingAttendanceSerializer, responses=MeetingAttendanceSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request: Any, pk: Any = None) -> Response:
        meeting = self._meeting(request)
        data = MeetingAttendanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.meeting_attendance_record(
            meeting=meeting,
            person=_org_person(meeting.organisation_id, data.validated_data["person"]),
            status=data.validated_data["status"],
            by=_by(request),
        )
        return Response(MeetingAttendanceSerializer(row).data)

    @extend_schema(request=MeetingActionSerializer, responses={201: MeetingActionSerializer})
    @action(detail=True, methods=["post"])
    def actions(self, request: Any, pk: Any = None) -> Response:
        meeting = self._meeting(request)
        data = MeetingActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        row = services.meeting_action_add(
            meeting=meeting,
            title=d["title"],
            owner=_org_person(meeting.organisation_id, d["owner"]),
            due_on=d["due_on"],
            by=_by(request),
        )
        return Response(MeetingActionSerializer(row).data, status=201)


class TopicViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Team-dynamics topics waiting for the next meeting."""

    serializer_class = TopicSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        from ..rules import meeting_visible_q

        return TeamTopic.objects.filter(
            meeting_visible_q(viewer_for(self.request.user)), discussed_in__isnull=True
        ).order_by("created_at", "id")

    def perform_create(self, serializer: Any) -> None:
        d = serializer.validated_data
        team = selectors.get_core_team_for(self.request.user, d["core_team"])
        _require(self.request, "casework.add_meeting", team)
        serializer.instance = services.topic_add(
            team=team, title=d["title"], note=d.get("note", ""), by=_by(self.request)
        )


class PeerReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Peer reviews the caller gave or received (nobody else's). Reading one is audited."""

    permission_classes = [IsAuthenticated]
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return selectors.peer_reviews_for(viewer_for(self.request.user)).order_by(
            "-reviewed_on", "id"
        )

    def get_serializer_class(self) -> Any:
        return PeerReviewSerializer if self.action == "list" else PeerReviewDetailSerializer

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        review = selectors.get_peer_review_for(request.user, kwargs["pk"])
        record_access(review)
        return Response(PeerReviewDetailSerializer(review).data)

    @extend_schema(request=PeerReviewInSerializer, responses={201: PeerReviewDetailSerializer})
    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = PeerReviewInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        case = selectors.get_case_for(request.user, d["case"])
        _require(request, "casework.add_peerreview", case)
        review = services.peer_review_give(
            case=case,
            ratings={r["indicator"]: (r["rating"], r["comment"]) for r in d["ratings"]},
            feedback=d["feedback"],
            by=_by(request),
        )
        return Response(PeerReviewDetailSerializer(review).data, status=201)

    @extend_schema(request=AnswerSerializer, responses=PeerReviewDetailSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Any, pk: Any = None) -> Response:
        review = selectors.get_peer_review_for(request.user, pk)
        _require(request, "casework.answer_peerreview", review)
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.peer_review_answer(
            review=review, answer=data.validated_data["answer"], by=_by(request)
        )
        return Response(PeerReviewDetailSerializer(review).data)


class TrendViewSet(viewsets.GenericViewSet):
    """A core team's peer-review trend per indicator (count, average; never per person): its
    members, the organisation's coordinators and managers."""

    permission_classes = [IsAuthenticated]
    lookup_value_converter = "uuid"
    serializer_class = TrendsSerializer

    def get_queryset(self) -> Any:
        return Case.objects.none()

    def retrieve(self, request: Any, pk: Any = None) -> Response:
        from django.utils import timezone

        team = selectors.get_figures_team_for(request.user, pk)
        rows = selectors.peer_review_trends(team, timezone.localdate())
        return Response(TrendsSerializer({"core_team": team.pk, "indicators": rows}).data)


class IndicatorViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The indicator framework of the caller's organisation; its coordinators add indicators."""

    serializer_class = IndicatorSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        me = _by(self.request)
        if me is None:
            return ReviewIndicator.objects.none()
        return selectors.indicators_for(me.organisation_id, active_only=False).order_by(
            "position", "name", "id"
        )

    def perform_create(self, serializer: Any) -> None:
        me = _by(self.request)
        if me is None:
            raise NotFound()
        _require(self.request, "casework.change_reviewindicator", me)
        d = serializer.validated_data
        services.indicators_ensure_defaults(organisation_id=me.organisation_id, by=SYSTEM)
        serializer.instance = services.indicator_save(
            organisation_id=me.organisation_id,
            name=d["name"],
            description=d.get("description", ""),
            position=d.get("position", 0),
            active=d.get("active", True),
            by=me,
        )


class PolicyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Policies rolled out to a core team or the organisation, with who acknowledged them."""

    permission_classes = [IsAuthenticated]
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return selectors.policies_for(viewer_for(self.request.user)).order_by("-effective_on", "id")

    def get_serializer_class(self) -> Any:
        return PolicySerializer if self.action in ("list", "create") else PolicyDetailSerializer

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        policy = self.get_object()
        context = {"status": selectors.policy_status(policy)}
        return Response(PolicyDetailSerializer(policy, context=context).data)

    def perform_create(self, serializer: Any) -> None:
        me = _by(self.request)
        if me is None:
            raise NotFound()
        _require(self.request, "casework.add_policy", me)
        d = serializer.validated_data
        team = None
        if d.get("core_team_id"):
            team = selectors.get_core_team_for(self.request.user, d["core_team_id"])
        serializer.instance = services.policy_publish(
            organisation_id=me.organisation_id,
            core_team=team,
            title=d["title"],
            text=d["text"],
            effective_on=d["effective_on"],
            by=me,
        )

    @extend_schema(request=None, responses=PolicySerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Any, pk: Any = None) -> Response:
        policy = self.get_object()
        _require(request, "casework.acknowledge_policy", policy)
        services.policy_acknowledge(policy=policy, by=_by(request))
        return Response(PolicySerializer(policy).data)


class AuditViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Audits of a core team: a random sample of its cases (seed recorded), findings per
    indicator per sampled case (auditors, during the audit), the team's actions."""

    permission_classes = [IsAuthenticated]
    lookup_value_converter = "uuid"
    filterset_fields = ["core_team"]

    def get_queryset(self) -> Any:
        return selectors.audits_for(viewer_for(self.request.user)).order_by("-starts_on", "id")

    def get_serializer_class(self) -> Any:
        if self.action == "create":
            return AuditInSerializer
        return AuditSerializer if self.action == "list" else AuditDetailSerializer

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        audit = self.get_object()
        record_access(audit)
        return Response(AuditDetailSerializer(audit, context={"request": request}).data)

    @extend_schema(request=AuditInSerializer, responses={201: AuditDetailSerializer})
    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = AuditInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        team = selectors.get_core_team_for(request.user, d["core_team"])
        _require(request, "casework.add_audit", team)
        audit = services.audit_open(
            team=team,
            title=d["title"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            sample_size=d["sample_size"],
            auditors=[_org_person(team.organisation_id, pk) for pk in d["auditors"]],
            seed=d.get("seed"),
            by=_by(request),
        )
        return Response(AuditDetailSerializer(audit, context={"request": request}).data, status=201)

    @extend_schema(request=AuditFindingSerializer, responses={201: AuditFindingSerializer})
    @action(detail=True, methods=["post"])
    def findings(self, request: Any, pk: Any = None) -> Response:
        audit = self.get_object()
        _require(request, "casework.add_auditfinding", audit)
        data = AuditFindingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        finding = services.audit_finding_record(
            audit=audit,
            case=get_visible_or_404(
                Case.objects.filter(organisation_id=audit.organisation_id), pk=d["case"]
            ),
            indicator=get_visible_or_404(
                ReviewIndicator.objects.filter(organisation_id=audit.organisation_id),
                pk=d["indicator"],
            ),
            rating=d["rating"],
            note=d.get("note", ""),
            by=_by(request),
        )
        return Response(AuditFindingSerializer(finding).data, status=201)

    @extend_schema(request=AuditActionSerializer, responses={201: AuditActionSerializer})
    @action(detail=True, methods=["post"])
    def actions(self, request: Any, pk: Any = None) -> Response:
        audit = self.get_object()
        _require(request, "casework.add_auditaction", audit)
        data = AuditActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        row = services.audit_action_add(
            audit=audit,
            title=d["title"],
            owner=_org_person(audit.organisation_id, d["owner"]),
            due_on=d["due_on"],
            by=_by(request),
        )
        return Response(AuditActionSerializer(row).data, status=201)


def register_team(router: Any) -> None:
    p = "casework"
    router.register(f"{p}/meetings", MeetingViewSet, basename="casework-meeting")
    router.register(f"{p}/topics", TopicViewSet, basename="casework-topic")
    router.register(f"{p}/peer-reviews", PeerReviewViewSet, basename="casework-peer-review")
    router.register(f"{p}/peer-review-trends", TrendViewSet, basename="casework-trend")
    router.register(f"{p}/indicators", IndicatorViewSet, basename="casework-indicator")
    router.register(f"{p}/policies", PolicyViewSet, basename="casework-policy")
    router.register(f"{p}/audits", AuditViewSet, basename="casework-audit")
