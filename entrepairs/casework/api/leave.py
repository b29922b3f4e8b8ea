"""Casework API for leave cover (point 5) and continuity (point 4): the same rules, selectors and
services as the pages."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from entrepairs.core.api.fields import ModelSerializer
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import selectors, services
from ..models import Case, CaseContact, CaseworkSettings, Leave, LeaveCover
from .serializers import AnyId

# -- serializers ------------------------------------------------------------------------------


class CoverRowSerializer(ModelSerializer):
    case = AnyId()
    child = serializers.SerializerMethodField()
    weight = serializers.SerializerMethodField()
    replacement = serializers.UUIDField(source="replacement_id", allow_null=True)
    replacement_name = serializers.SerializerMethodField()
    uncovered_reason = serializers.SerializerMethodField()

    class Meta:
        model = LeaveCover
        fields = [
            "case",
            "child",
            "weight",
            "replacement",
            "replacement_name",
            "named_by_hand",
            "uncovered",
            "uncovered_reason",
        ]
        read_only_fields = fields

    def get_child(self, row: LeaveCover) -> str:
        return str(row.case.child)

    def get_weight(self, row: LeaveCover) -> int:
        return row.case.weight

    def get_replacement_name(self, row: LeaveCover) -> str:
        return str(row.replacement) if row.replacement else ""

    def get_uncovered_reason(self, row: LeaveCover) -> str:
        return str(row.get_uncovered_display()) if row.uncovered else ""


class CoverLoadSerializer(serializers.Serializer):
    person = serializers.UUIDField(source="person.pk")
    name = serializers.CharField(source="person.__str__")
    fte = serializers.FloatField()
    cap = serializers.IntegerField()
    cases_before = serializers.IntegerField()
    cases_after = serializers.IntegerField()
    ratio_before = serializers.FloatField()
    ratio_after = serializers.FloatField()
    away = serializers.CharField()


class LeavePlanSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="leave.pk")
    person = serializers.UUIDField(source="leave.person_id")
    starts_on = serializers.DateField(source="leave.starts_on")
    ends_on = serializers.DateField(source="leave.ends_on")
    status = serializers.CharField(source="leave.status")
    approved_by = serializers.UUIDField(source="leave.approved_by_id", allow_null=True)
    max_ratio = serializers.FloatField()
    covers = CoverRowSerializer(source="rows", many=True)
    uncovered = serializers.IntegerField(source="uncovered_count")
    loads = CoverLoadSerializer(many=True)


class ReplacementSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    replacement = serializers.UUIDField()


class ContactSerializer(ModelSerializer):
    case = AnyId()
    by = AnyId(read_only=True, allow_null=True)  # None: recorded by the system (demo, import)

    class Meta:
        model = CaseContact
        fields = ["id", "case", "happened_on", "kind", "note", "by"]
        read_only_fields = ["id", "by"]


class SettingsSerializer(ModelSerializer):
    organisation = AnyId()
    # The service checks the range (the same message as the page).
    contact_threshold_days = serializers.IntegerField()

    class Meta:
        model = CaseworkSettings
        fields = ["organisation", "contact_threshold_days"]


class LateCaseSerializer(serializers.Serializer):
    """A case without contact beyond the threshold: read from a (case, last contact, days)
    tuple (DRF's dotted sources cannot index a tuple: that answered 500)."""

    case = serializers.UUIDField()
    child = serializers.CharField()
    guardian = serializers.UUIDField(allow_null=True)
    last_contact = serializers.DateField(allow_null=True)
    days = serializers.IntegerField()

    def to_representation(self, row: Any) -> dict[str, Any]:
        case, last_contact, days = row
        return {
            "case": str(case.pk),
            "child": str(case.child),
            "guardian": str(case.guardian_id) if case.guardian_id else None,
            "last_contact": last_contact.isoformat() if last_contact else None,
            "days": days,
        }


class GuardianContinuitySerializer(serializers.Serializer):
    person = serializers.UUIDField(source="person.pk")
    name = serializers.CharField(source="person.__str__")
    cases = serializers.IntegerField()
    from_start = serializers.IntegerField()
    taken_over = serializers.IntegerField()
    without_contact = serializers.IntegerField()


class FiguresSerializer(serializers.Serializer):
    cases = serializers.IntegerField()
    without_guardian = serializers.IntegerField()
    without_contact = serializers.IntegerField()
    guardian_changes_12m = serializers.IntegerField()


class ContinuitySerializer(serializers.Serializer):
    core_team = serializers.UUIDField()
    threshold_days = serializers.IntegerField()
    figures = FiguresSerializer()
    without_contact = LateCaseSerializer(many=True)
    without_guardian = serializers.ListField(child=serializers.UUIDField())
    uncovered_leave = serializers.ListField(child=serializers.UUIDField())
    guardians = GuardianContinuitySerializer(many=True)


# -- views ------------------------------------------------------------------------------------


def _by(request: Any) -> Any:
    return selectors.person_of(request.user)


class LeavePlanViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A leave's cover plan (colleagues of the core team): the replacement of each case, the
    uncovered ones and why, each colleague's load during the leave. `plan` recalculates it,
    `replacement` names one by hand (same core team only), `approve` approves the leave (a
    colleague, refused while a case is uncovered)."""

    permission_classes = [IsAuthenticated]
    serializer_class = LeavePlanSerializer
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return selectors.leaves_for(viewer_for(self.request.user))

    def _leave(self, action_name: str = "view") -> Leave:
        return selectors.get_leave_for(self.request.user, self.kwargs["pk"], action_name)

    def _answer(self, leave: Leave) -> Response:
        return Response(LeavePlanSerializer(selectors.leave_cover_view(leave)).data)

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        return self._answer(self._leave())

    @extend_schema(request=None, responses=LeavePlanSerializer)
    @action(detail=True, methods=["post"])
    def plan(self, request: Any, pk: Any = None) -> Response:
        leave = services.leave_cover_plan(leave=self._leave("change"), by=_by(request))
        return self._answer(leave)

    @extend_schema(request=ReplacementSerializer, responses=LeavePlanSerializer)
    @action(detail=True, methods=["post"])
    def replacement(self, request: Any, pk: Any = None) -> Response:
        leave = self._leave("change")
        data = ReplacementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = get_visible_or_404(
            Case.objects.filter(guardian=leave.person), pk=data.validated_data["case"]
        )
        replacement = get_visible_or_404(
            Person.objects.filter(organisation_id=leave.organisation_id),
            pk=data.validated_data["replacement"],
        )
        services.leave_cover_set(leave=leave, case=case, replacement=replacement, by=_by(request))
        return self._answer(leave)

    @extend_schema(request=None, responses=LeavePlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Any, pk: Any = None) -> Response:
        leave = services.leave_approve(leave=self._leave("approve"), by=_by(request))
        return self._answer(leave)


class ContactViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Contacts with the children of the cases the caller sees (reads audited per case page)."""

    permission_classes = [IsAuthenticated]
    serializer_class = ContactSerializer
    filterset_fields = ["case"]

    def get_queryset(self) -> Any:
        return selectors.contacts_for(viewer_for(self.request.user)).order_by(
            "-happened_on", "-created_at", "id"
        )

    def perform_create(self, serializer: Any) -> None:
        d = serializer.validated_data
        case = selectors.get_case_for(self.request.user, d["case"])
        if not check(self.request.user, "casework.add_casecontact", case):
            raise PermissionDenied()
        serializer.instance = services.contact_record(
            case=case,
            happened_on=d["happened_on"],
            kind=d["kind"],
            note=d.get("note", ""),
            by=_by(self.request),
        )


class ContinuityViewSet(viewsets.GenericViewSet):
    """A core team's continuity (its members): cases without contact beyond the threshold,
    without a responsible guardian or without a replacement during a leave; per guardian."""

    permission_classes = [IsAuthenticated]
    serializer_class = ContinuitySerializer
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return selectors.core_teams_for(viewer_for(self.request.user))

    def retrieve(self, request: Any, pk: Any = None) -> Response:
        team = selectors.get_core_team_for(request.user, pk)
        if not check(request.user, "casework.view_case", team):
            raise PermissionDenied()
        alerts = selectors.continuity_alerts(team)
        data = {
            "core_team": team.pk,
            "threshold_days": alerts.threshold_days,
            "figures": selectors.continuity_figures([team])[team.pk],
            "without_contact": alerts.without_contact,
            "without_guardian": [c.pk for c in alerts.without_guardian],
            "uncovered_leave": [r.case_id for r in alerts.uncovered_leave],
            "guardians": selectors.guardian_continuity(team, alerts),
        }
        return Response(ContinuitySerializer(data).data)


class SettingsViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The contact threshold of each organisation the caller coordinates; POST sets it."""

    permission_classes = [IsAuthenticated]
    serializer_class = SettingsSerializer
    pagination_class = None

    def get_queryset(self) -> Any:
        return CaseworkSettings.objects.none()  # the list is built by the selector

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        rows = selectors.thresholds_for(viewer_for(request.user))
        return Response(SettingsSerializer(rows, many=True).data)

    def perform_create(self, serializer: Any) -> None:
        d = serializer.validated_data
        organisation = get_visible_or_404(
            Organisation.objects.filter(pk__in=viewer_for(self.request.user).organisation_ids),
            pk=d["organisation"],
        )
        serializer.instance = services.casework_settings_save(
            organisation_id=organisation.pk,
            contact_threshold_days=d["contact_threshold_days"],
            by=_by(self.request),
        )


def register_leave(router: Any) -> None:
    p = "casework"
    router.register(f"{p}/leave-plans", LeavePlanViewSet, basename="casework-leave-plan")
    router.register(f"{p}/contacts", ContactViewSet, basename="casework-contact")
    router.register(f"{p}/continuity", ContinuityViewSet, basename="casework-continuity")
    router.register(f"{p}/settings", SettingsViewSet, basename="casework-settings")
