"""Casework API viewsets: the same rules, selectors and services as the pages."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from entrepairs.core.api import RulesPermission
from entrepairs.core.audit import record_access
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import reports, selectors, services
from ..models import Leave, MemberProfile
from . import serializers as s


def _require(request: Any, perm: str, obj: Any = None) -> None:
    if not check(request.user, perm, obj):
        raise PermissionDenied()


def _by(request: Any) -> Any:
    return selectors.person_of(request.user)


def _member_person(request: Any, person_id: Any) -> Person:
    """A member of a core team the caller sees (404 otherwise)."""
    teams = selectors.core_teams_for(viewer_for(request.user))
    return get_visible_or_404(
        Person.objects.filter(team__in=teams).select_related("team"), pk=person_id
    )


class CoreTeamViewSet(viewsets.ReadOnlyModelViewSet):
    """Core teams the caller belongs to or coordinates, with composition warnings; the detail
    adds each member's working time, cap and load today."""

    permission_classes = [IsAuthenticated]
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        if self.action in ("caseloads", "figures"):  # counts only: managers of its people too
            return selectors.trend_teams_for(viewer)
        return selectors.core_teams_for(viewer)

    def get_serializer_class(self) -> Any:
        return s.CoreTeamDetailSerializer if self.action == "retrieve" else s.CoreTeamSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if self.action == "list":
            context["warnings"] = selectors.team_warnings(list(self.get_queryset()))
        return context

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        team = self.get_object()
        overview = selectors.team_overview(team)
        context = {
            **self.get_serializer_context(),
            "overview": overview,
            "warnings": {team.pk: overview.warnings},
        }
        return Response(s.CoreTeamDetailSerializer(team, context=context).data)

    @extend_schema(responses=s.WeekLoadsSerializer(many=True))
    @action(detail=True, methods=["get"])
    def caseloads(self, request: Any, pk: Any = None) -> Response:
        """The team's caseload balance week by week over the last 26 weeks, oldest first."""
        history = reports.caseload_history(self.get_object(), today=timezone.localdate())
        return Response(s.WeekLoadsSerializer(history, many=True).data)

    @extend_schema(responses=s.TeamFiguresSerializer)
    @action(detail=True, methods=["get"])
    def figures(self, request: Any, pk: Any = None) -> Response:
        """Continuity, safety-check timeliness, decisions with and without required advice,
        care plans approved in time (counts only)."""
        return Response(s.TeamFiguresSerializer(reports.team_figures(self.get_object())).data)


class MemberProfileViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Members' working time and maximum caseload; POST sets them (coordinators)."""

    serializer_class = s.MemberProfileSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        teams = selectors.core_teams_for(viewer_for(self.request.user))
        return MemberProfile.objects.filter(person__team__in=teams).order_by("person_id")

    def perform_create(self, serializer: Any) -> None:
        d = serializer.validated_data
        person = _member_person(self.request, d["person"])
        _require(self.request, "casework.change_memberprofile", person.team)
        serializer.instance = services.member_profile_save(
            person=person, fte=d["fte"], max_caseload=d["max_caseload"], by=_by(self.request)
        )


class LeaveViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Members' leave: they take no new case while away."""

    serializer_class = s.LeaveSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        teams = selectors.core_teams_for(viewer_for(self.request.user))
        return Leave.objects.filter(person__team__in=teams).order_by("starts_on", "id")

    def perform_create(self, serializer: Any) -> None:
        d = serializer.validated_data
        person = _member_person(self.request, d["person"])
        _require(self.request, "casework.add_leave", person.team)
        serializer.instance = services.leave_record(
            person=person, starts_on=d["starts_on"], ends_on=d["ends_on"], by=_by(self.request)
        )


class CaseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Cases of the caller's core team. Reading one is recorded in the audit trail."""

    permission_classes = [RulesPermission]
    permission_action = {"placement": "change", "assign": "change", "close": "change"}
    lookup_value_converter = "uuid"
    filterset_fields = ["status", "core_team", "guardian"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        if self.action == "list":
            return selectors.cases_for(viewer).order_by("-opened_on", "id")
        return selectors.cases_for(viewer).defer(None).prefetch_related("events")

    def get_serializer_class(self) -> Any:
        return s.CaseListSerializer if self.action == "list" else s.CaseSerializer

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        record_access(case, reason=selectors.case_access_reason(request.user, case))
        return Response(self.get_serializer(case).data)

    def perform_create(self, serializer: Any) -> None:
        d = serializer.validated_data
        team = selectors.get_core_team_for(self.request.user, d["core_team"])
        _require(self.request, "casework.add_case", team)
        child = (
            get_visible_or_404(
                Person.objects.filter(organisation_id=team.organisation_id), pk=d["child"]
            )
            if d.get("child")
            else None
        )
        serializer.instance = services.case_open(
            team=team,
            child=child,
            new_child_first_name=d.get("new_child_first_name", ""),
            new_child_last_name=d.get("new_child_last_name", ""),
            birth_date=d["birth_date"],
            vulnerability=d.get("vulnerability", "low"),
            procedures=d.get("procedures", []),
            placement_kind=d.get("placement_kind", ""),
            summary=d.get("summary", ""),
            opened_on=d.get("opened_on"),
            by=_by(self.request),
        )

    @extend_schema(request=s.CaseUpdateSerializer, responses=s.CaseSerializer)
    def partial_update(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        data = s.CaseUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        case = services.case_update(
            case=case,
            birth_date=d.get("birth_date", case.birth_date),
            vulnerability=d.get("vulnerability", case.vulnerability),
            procedures=d.get("procedures", case.procedures),
            summary=d.get("summary", case.summary),
            by=_by(request),
        )
        return Response(s.CaseSerializer(case, context=self.get_serializer_context()).data)

    @extend_schema(request=s.PlacementSerializer, responses={201: s.PlacementSerializer})
    @action(detail=True, methods=["post"])
    def placement(self, request: Any, pk: Any = None) -> Response:
        case = self.get_object()
        data = s.PlacementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = services.placement_record(case=case, **data.validated_data, by=_by(request))
        return Response(s.PlacementSerializer(placement).data, status=201)

    @extend_schema(request=s.AssignSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Any, pk: Any = None) -> Response:
        case = self.get_object()
        data = s.AssignSerializer(data=request.data)
        data.fields["guardian"].queryset = selectors.guardian_candidates(case)  # type: ignore[attr-defined]
        data.is_valid(raise_exception=True)
        case = services.case_assign(
            case=case,
            guardian=data.validated_data["guardian"],
            reason=data.validated_data["reason"],
            by=_by(request),
        )
        return Response(s.CaseSerializer(case, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Any, pk: Any = None) -> Response:
        case = services.case_close(case=self.get_object(), by=_by(request))
        return Response(s.CaseSerializer(case, context=self.get_serializer_context()).data)


class ProposalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Allocation proposals: POST solves and stores one; confirm applies it, discard drops it."""

    serializer_class = s.ProposalSerializer
    permission_classes = [RulesPermission]
    permission_action = {"confirm": "change", "discard": "change"}
    lookup_value_converter = "uuid"
    filterset_fields = ["status", "core_team"]

    def get_queryset(self) -> Any:
        return (
            selectors.proposals_for(viewer_for(self.request.user))
            .prefetch_related("moves")
            .order_by("-created_at", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        d = serializer.validated_data
        team = selectors.get_core_team_for(self.request.user, d["core_team"])
        _require(self.request, "casework.allocate_coreteam", team)
        serializer.instance = services.allocation_propose(
            team=team, kind=d["kind"], max_moves=d.get("max_moves"), by=_by(self.request)
        )

    @extend_schema(request=s.ConfirmSerializer, responses=s.ProposalSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Any, pk: Any = None) -> Response:
        data = s.ConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.allocation_confirm(
            proposal=self.get_object(), note=data.validated_data.get("note", ""), by=_by(request)
        )
        return Response(self.get_serializer(proposal).data)

    @extend_schema(request=None, responses=s.ProposalSerializer)
    @action(detail=True, methods=["post"])
    def discard(self, request: Any, pk: Any = None) -> Response:
        proposal = services.allocation_discard(proposal=self.get_object(), by=_by(request))
        return Response(self.get_serializer(proposal).data)


def register(router: Any) -> None:
    p = "casework"
    router.register(f"{p}/core-teams", CoreTeamViewSet, basename="casework-core-team")
    router.register(f"{p}/members", MemberProfileViewSet, basename="casework-member")
    router.register(f"{p}/leaves", LeaveViewSet, basename="casework-leave")
    router.register(f"{p}/cases", CaseViewSet, basename="casework-case")
    router.register(f"{p}/proposals", ProposalViewSet, basename="casework-proposal")
    from .decisions import register_decisions

    register_decisions(router)

    from .care import register_care

    register_care(router)

    from .team import register_team

    register_team(router)

    from .leave import register_leave

    register_leave(router)


api_paths: list = []

__all__ = ["register", "api_paths"]
