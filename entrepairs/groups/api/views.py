"""Groups in the JSON API: the same rules (rules.py) and services as the pages.

Situations and notes are listed through the same Q filters as their detail rule, so a line
manager, a coordinator outside the group or a platform administrator gets an empty list and 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as Forbidden
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from entrepairs.core.api import RulesPermission
from entrepairs.core.api.fields import InlineChoiceField
from entrepairs.core.audit import record_access
from entrepairs.core.http import client_address
from entrepairs.core.links import absolute_url
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import chart_changes, compose, pdf, planning, selectors, services
from .. import rules as group_rules
from ..identifying import LABELS, pseudonymise
from ..models import (
    Attendance,
    AttendanceSignature,
    CalendarFeed,
    CoOwnershipRequest,
    Group,
    GroupMember,
    Kind,
    Session,
    SessionNote,
    Situation,
    Technique,
)
from ..periods import period_from
from ..recurrence import Recurrence
from ..signatures import attendance_sign
from .serializers import (
    AttendanceSerializer,
    AttendanceSignatureSerializer,
    CancelSerializer,
    CoOwnershipSerializer,
    FeedSerializer,
    GroupCreatedSerializer,
    GroupSerializer,
    MarkSerializer,
    MemberSerializer,
    NoteSerializer,
    PlanSerializer,
    ProgrammeYearSerializer,
    RecordSerializer,
    SessionContentSerializer,
    SessionCreateSerializer,
    SessionSerializer,
    SignSerializer,
    SituationSerializer,
    TechniqueSerializer,
    _me,
)


def _require(request: Any, perm: str, obj: Any = None) -> None:
    if not check(request.user, perm, obj):
        raise PermissionDenied


PERIOD_PARAMETERS = [
    OpenApiParameter("year", int, description="Calendar year (default: this year)."),
    OpenApiParameter(
        "programme_year", int, description="The group's programme year starting then."
    ),
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day (with `to`)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (with `from`)."),
    OpenApiParameter("contract", OpenApiTypes.UUID, description="The period of a contract."),
]


# --- viewsets ---------------------------------------------------------------------------------


class GroupViewSet(viewsets.ModelViewSet):
    serializer_class = GroupSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["kind", "status", "organisation"]
    permission_action = {
        "plan": "plan",
        "found": "facilitate",
        "charter": "view",
        "programme_year": "view",
        "accept_charter": "view",
    }

    def get_queryset(self) -> Any:
        return selectors.groups_visible_to(self.request.user).for_list().order_by("name", "id")

    def get_serializer_class(self) -> Any:
        return GroupCreatedSerializer if self.action == "create" else GroupSerializer

    def perform_destroy(self, instance: Group) -> None:
        raise PermissionDenied  # groups end, they are not deleted (attendance history)

    @extend_schema(
        request=PlanSerializer,
        responses={
            201: SessionSerializer(many=True),
            200: inline_serializer(  # dry_run: the dates it would plan, and those it skips
                name="GroupPlanPreview",
                fields={
                    "dates": serializers.ListField(child=serializers.DateField()),
                    "skipped": inline_serializer(
                        name="GroupPlanSkippedDate",
                        fields={"date": serializers.DateField(), "reason": serializers.CharField()},
                        many=True,
                    ),
                },
            ),
        },
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def plan(self, request: Request, pk: Any = None) -> Response:
        """Plan a series from a recurrence (holidays and closures skipped): refused when a
        programme year would hold more than 24 sessions; a year left under 6 (all series and
        single sessions counted) is named in each session's `warnings`.
        `dry_run` writes nothing and runs the same checks: what the real run would refuse is
        answered the same way (400 with field errors), else the dates and the days skipped."""
        group = self.get_object()
        data = PlanSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = data.validated_data
        rule = Recurrence(
            start=d["start"],
            until=d.get("until"),
            frequency=d["frequency"],
            weekday=d["weekday"],
            nth=d["nth"],
            interval_weeks=d["interval_weeks"],
            start_time=d["start_time"],
            duration_minutes=d["duration_minutes"],
        )
        try:
            if d["dry_run"]:
                # The real run's checks (services.plan_check): refused the same way, 400 with the
                # same field errors, or the dates it would plan and those it skips.
                dates, skipped, _slots = services.plan_check(
                    group=group,
                    recurrence=rule,
                    site=d.get("site"),
                    room=d["room"],
                    offsite_address=d["offsite_address"],
                )
                return Response(
                    {"dates": dates, "skipped": [{"date": x, "reason": y} for x, y in skipped]}
                )
            sessions = services.plan_year(
                group=group,
                recurrence=rule,
                site=d.get("site"),
                room=d["room"],
                offsite_address=d["offsite_address"],
            )
        except ValueError as exc:
            if isinstance(exc, DjangoValidationError):
                raise
            raise DjangoValidationError(str(exc)) from exc
        # Each session answers the programme years left under the minimum (shown, not refused).
        warnings = selectors.short_year_warnings(group)
        return Response(
            SessionSerializer(sessions, many=True, context={"year_warnings": warnings}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=ProgrammeYearSerializer,
        responses=inline_serializer(
            name="GroupProgrammeYears",
            fields={
                "start_month": serializers.IntegerField(),
                "own": serializers.BooleanField(),
                "years": inline_serializer(
                    name="GroupProgrammeYear",
                    fields={
                        "label": serializers.CharField(),
                        "start": serializers.DateField(),
                        "end": serializers.DateField(),
                        "sessions": serializers.IntegerField(),
                    },
                    many=True,
                ),
            },
        ),
    )
    @action(detail=True, methods=["get", "put"], url_path="programme-year")
    def programme_year(self, request: Request, pk: Any = None) -> Response:
        """The group's programme year (its start month, or its organisation's) and the sessions
        each year counts; PUT `{start_month}` (1–12, null: the organisation's)."""
        group = self.get_object()
        if request.method == "PUT":
            _require(request, "groups.plan_group", group)
            data = ProgrammeYearSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            group = services.group_set_programme_year(
                group=group, start_month=data.validated_data.get("start_month")
            )
        return Response(
            {
                "start_month": planning.year_start_month(group),
                "own": group.programme_year_start_month is not None,
                "years": [
                    {
                        "label": y["label"],
                        "start": y["year"].start,
                        "end": y["year"].end,
                        "sessions": y["count"],
                    }
                    for y in selectors.programme_years(group)
                ],
                "warnings": selectors.short_year_warnings(group),
            }
        )

    @extend_schema(request=None, responses=GroupSerializer)
    @action(detail=True, methods=["post"])
    def found(self, request: Request, pk: Any = None) -> Response:
        """The founding session is held: the membership closes (needs the kind's minimum size)."""
        group = services.group_found(group=self.get_object(), by=_me(request))  # type: ignore[arg-type]
        return Response(GroupSerializer(group, context={"request": request}).data)

    @extend_schema(
        request=None,
        responses={
            200: OpenApiResponse(
                description="standard_rules, own_rules, version; allows_hierarchy (the group's "
                "kind lets a line manager sit with their staff); roster: [{person, name, role: "
                "facilitator | member | member_pending}]"
            )
        },
    )
    @action(detail=True, methods=["get", "put"])
    def charter(self, request: Request, pk: Any = None) -> Response:
        group = self.get_object()
        if request.method == "PUT":
            _require(request, "groups.facilitate_group", group)
            data: Any = request.data
            services.charter_update(group=group, own_rules=str(data.get("own_rules", "")))
        charter = group.charter
        charter.refresh_from_db()
        roster = selectors.charter_roster(group)
        # Who sits in the group, in which role, and whether a line manager may: what the page
        # shows a member before they accept (outside test: the API gave the rules only).
        people = [
            {"person": str(p.pk), "name": str(p), "role": "facilitator"}
            for p in roster["roster_facilitators"]
        ] + [
            {
                "person": str(m.person_id),
                "name": str(m.person),
                "role": "member" if m.status != GroupMember.Status.PENDING else "member_pending",
            }
            for m in roster["roster_members"]
        ]
        return Response(
            {
                "standard_rules": [str(text) for _code, text in charter.standard_rules],
                "own_rules": charter.own_rules,
                "version": charter.version,
                "allows_hierarchy": roster["allows_hierarchy"],
                "roster": people,
            }
        )

    @extend_schema(request=None, responses=MemberSerializer)
    @action(detail=True, methods=["post"], url_path="accept-charter")
    def accept_charter(self, request: Request, pk: Any = None) -> Response:
        group = self.get_object()
        member = group_rules.member_of(viewer_for(request.user), group)
        if member is None:
            raise PermissionDenied
        return Response(MemberSerializer(services.charter_accept(member=member)).data)


class CoOwnershipViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Requests to co-own a group: the asking group's facilitators and coordinators create them; a
    coordinator of the invited organisation accepts or declines. Nothing of that organisation is
    enrolled before it accepts."""

    serializer_class = CoOwnershipSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["status", "group", "organisation"]
    permission_action = {"accept": "decide", "decline": "decide"}

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        return (
            CoOwnershipRequest.objects.filter(group_rules.co_ownership_visible_q(viewer))
            .select_related("group__organisation", "organisation")
            .distinct()
            .order_by("-created_at", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        group = serializer.validated_data["group"]
        if not selectors.groups_visible_to(self.request.user).filter(pk=group.pk).exists():
            raise serializers.ValidationError({"group": _("Unknown group.")})
        _require(self.request, "groups.add_coownershiprequest", group)
        serializer.instance = services.co_ownership_request(
            group=group,
            organisation=serializer.validated_data["organisation"],
            by=_me(self.request),
        )

    @extend_schema(request=None, responses=CoOwnershipSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: Any = None) -> Response:
        answered = services.co_ownership_accept(request=self.get_object(), by=_me(request))
        return Response(CoOwnershipSerializer(answered).data)

    @extend_schema(request=None, responses=CoOwnershipSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: Any = None) -> Response:
        answered = services.co_ownership_decline(request=self.get_object(), by=_me(request))
        return Response(CoOwnershipSerializer(answered).data)


class MemberViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = MemberSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["group", "status"]
    permission_action = {"approve": "change", "certificate": "view", "completion": "view"}

    def get_queryset(self) -> Any:
        return (
            GroupMember.objects.filter(group__in=selectors.groups_visible_to(self.request.user))
            .exclude(status="left")
            .select_related("person", "group")
            .order_by("group_id", "person__last_name", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        group = serializer.validated_data["group"]
        if not selectors.groups_visible_to(self.request.user).filter(pk=group.pk).exists():
            raise serializers.ValidationError({"group": _("Unknown group.")})
        _require(self.request, "groups.add_groupmember", group)
        serializer.instance = services.member_add(
            group=group, person=serializer.validated_data["person"], by=_me(self.request)
        )

    def perform_destroy(self, instance: GroupMember) -> None:
        services.member_remove(member=instance)

    def _document(self, request: Request, build: Any, prefix: str) -> HttpResponse:
        # Not get_object(): the line manager has his staff's certificates without seeing the group.
        member = selectors.get_member_for_certificate(request.user, self.kwargs["pk"])
        period = period_from(
            request.query_params,
            group=member.group,
            viewer=request.user,
            today=timezone.localdate(),
        )
        return pdf.response(build(member, period), f"{prefix}-{period.slug}.pdf")

    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses={(200, "application/pdf"): OpenApiResponse(description="PDF")},
    )
    @action(detail=True, methods=["get"])
    def certificate(self, request: Request, pk: Any = None) -> HttpResponse:
        """The member's attendance certificate over a period (default: this calendar year)."""
        return self._document(request, pdf.certificate, "attestation")

    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses={(200, "application/pdf"): OpenApiResponse(description="PDF")},
    )
    @action(detail=True, methods=["get"])
    def completion(self, request: Request, pk: Any = None) -> HttpResponse:
        """The member's certificate of completion (certificat de réalisation) over a period."""
        return self._document(request, pdf.completion_certificate, "certificat-realisation")

    @extend_schema(request=None, responses=MemberSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        member = self.get_object()
        _require(request, "groups.facilitate_group", member.group)
        member = services.member_approve(member=member, by=_me(request))  # type: ignore[arg-type]
        return Response(MemberSerializer(member).data)


class SessionViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SessionSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["group", "status", "is_founding"]
    permission_action = {
        "cancel": "change",
        "attendance": "view",
        "record": "record",
        "sheet": "change",
        "signatures": "view",
    }

    def get_queryset(self) -> Any:
        return (
            Session.objects.filter(group__in=selectors.groups_visible_to(self.request.user))
            .select_related("site", "group")
            .order_by("starts_at", "id")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        session = self.get_object()
        if group_rules.reads_content(viewer_for(request.user), session.group):
            return Response(SessionContentSerializer(session).data)
        return Response(SessionSerializer(session).data)

    def get_serializer_class(self) -> Any:
        return SessionCreateSerializer if self.action == "create" else SessionSerializer

    def perform_create(self, serializer: Any) -> None:
        """One session outside the series (services.session_add: 24 a programme year at most,
        public holidays and closure days only with `confirm_holiday` and `holiday_reason`)."""
        d = serializer.validated_data
        _require(self.request, "groups.plan_group", d["group"])
        serializer.instance = services.session_add(
            group=d["group"],
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            site=d.get("site"),
            room=d.get("room", ""),
            offsite_address=d.get("offsite_address", ""),
            confirm_holiday=d.get("confirm_holiday", False),
            holiday_reason=d.get("holiday_reason", ""),
        )
        # The answer names the group's programme years left under the minimum (shown, not refused).
        serializer.context["year_warnings"] = selectors.short_year_warnings(d["group"])

    def perform_update(self, serializer: Any) -> None:
        session = serializer.instance
        d = serializer.validated_data
        same_day = timezone.localdate(d.get("starts_at", session.starts_at)) == timezone.localdate(
            session.starts_at
        )
        serializer.instance = services.session_move(
            session=session,
            starts_at=d.get("starts_at", session.starts_at),
            ends_at=d.get("ends_at", session.ends_at),
            site=d.get("site", session.site),
            room=d.get("room", session.room),
            offsite_address=d.get("offsite_address", session.offsite_address),
            # PATCH keeps what it does not name, but a holiday confirmed for one day says
            # nothing of another: moved to another day, the session is confirmed afresh.
            confirm_holiday=d.get("confirm_holiday", same_day and bool(session.holiday_reason)),
            holiday_reason=d.get("holiday_reason", session.holiday_reason if same_day else ""),
        )
        serializer.context["year_warnings"] = selectors.short_year_warnings(session.group)

    @extend_schema(request=CancelSerializer, responses=SessionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        """Cancel with a reason (required), sent to members and facilitators."""
        session = self.get_object()
        data = CancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cancelled = services.session_cancel(session=session, reason=data.validated_data["reason"])
        warnings = selectors.short_year_warnings(cancelled.group)
        return Response(SessionSerializer(cancelled, context={"year_warnings": warnings}).data)

    @extend_schema(request=MarkSerializer(many=True), responses=AttendanceSerializer(many=True))
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def attendance(self, request: Request, pk: Any = None) -> Response:
        """GET: the session's attendance as the viewer may see it. POST: the facilitator records
        a list of {member, status} (present, excused, absent)."""
        session = self.get_object()
        if request.method == "POST":
            _require(request, "groups.record_attendance", session)
            marks = MarkSerializer(data=request.data, many=True)
            marks.is_valid(raise_exception=True)
            services.attendance_record(
                session=session,
                marks={m["member"]: m["status"] for m in marks.validated_data},
                by=_me(request),  # type: ignore[arg-type]
            )
        rows = Attendance.objects.filter(
            group_rules.attendance_visible_q(viewer_for(request.user)), session=session
        ).select_related("member__person")
        return Response(AttendanceSerializer(rows, many=True).data)

    @extend_schema(request=SignSerializer, responses=AttendanceSignatureSerializer(many=True))
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def signatures(self, request: Request, pk: Any = None) -> Response:
        """GET: the signatures the viewer may see (their own; all for those who see the whole
        attendance). POST: sign a half-day — a member for themselves, or a facilitator of the
        group collecting a member's drawn or typed signature on their device (signatures.py)."""
        session = self.get_object()
        viewer = viewer_for(request.user)
        if request.method == "POST":
            if not group_rules.signs_attendance(viewer, session.group):
                raise PermissionDenied
            data = SignSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            d = data.validated_data
            facilitates = group_rules.is_facilitator(viewer, session.group)
            member = (
                session.group.members.filter(pk=d.get("member")).first()
                if facilitates
                else group_rules.member_of(viewer, session.group)
            )
            if member is None:
                raise DjangoValidationError({"member": _("Choose the member who signs.")})
            attendance_sign(
                session=session,
                member=member,
                half_day=d["half_day"],
                by=_me(request),
                own_device=not facilitates,
                typed_name=d.get("typed_name", ""),
                drawing=d.get("drawing", ""),
                ip_address=client_address(request),
            )
        rows = AttendanceSignature.objects.filter(
            attendance__in=Attendance.objects.filter(
                group_rules.attendance_visible_q(viewer), session=session
            )
        ).select_related("attendance__member__person")
        return Response(
            AttendanceSignatureSerializer(
                rows.order_by("day", "half_day", "signed_at"), many=True
            ).data
        )

    @extend_schema(request=RecordSerializer, responses=SessionContentSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: Any = None) -> Response:
        """Round table order, techniques, theoretical input, situations worked on."""
        session = self.get_object()
        data = RecordSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = data.validated_data
        techniques = {str(t.pk): t for t in Technique.objects.all()}
        worked = (
            {k: techniques.get(str(v)) if v else None for k, v in d["worked_on"].items()}
            if "worked_on" in d
            else None
        )
        session = services.session_record(
            session=session,
            speaking_order=d.get("speaking_order"),
            techniques=d.get("techniques"),
            theory_input=d.get("theory_input"),
            worked_on=worked,
        )
        return Response(SessionContentSerializer(session).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF")})
    @action(detail=True, methods=["get"])
    def sheet(self, request: Request, pk: Any = None) -> HttpResponse:
        session = self.get_object()
        if session.status != Session.Status.HELD:
            raise DjangoValidationError(_("The attendance sheet exists once the session is held."))
        return pdf.response(pdf.attendance_sheet(session), "emargement.pdf")


class SituationViewSet(viewsets.ModelViewSet):
    serializer_class = SituationSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["session"]

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        return (
            Situation.objects.filter(group_rules.situation_visible_q(viewer))
            .select_related("author__person", "session__group")
            .order_by("created_at", "id")
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None)
        for situation in page.object_list if page is not None else []:
            record_access(situation)
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        situation = self.get_object()
        record_access(situation)
        return Response(self.get_serializer(situation).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if isinstance(request.data, dict) and request.data.get("session"):
            # A session of a group one may not see reads as one that does not exist (404), so
            # the answer never tells an outsider that an id exists.
            get_visible_or_404(
                Session.objects.filter(group__in=selectors.groups_visible_to(request.user)),
                pk=request.data["session"],
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        session = d["session"]
        member = group_rules.member_of(viewer_for(request.user), session.group)
        if member is not None and not member.has_accepted_charter:
            raise Forbidden(services.charter_first(session.group))
        if member is None or not check(request.user, "groups.add_situation", session):
            raise PermissionDenied
        situation = services.situation_save(
            session=session,
            author=member,
            title=d["title"],
            episode=d["episode"],
            question=d["question"],
            acknowledged=d["acknowledged"],
            by=_me(request),
        )
        return Response(self.get_serializer(situation).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer: Any) -> None:
        situation = serializer.instance
        d = serializer.validated_data
        serializer.instance = services.situation_save(
            session=situation.session,
            author=situation.author,
            title=d.get("title", situation.title),
            episode=d.get("episode", situation.episode),
            question=d.get("question", situation.question),
            acknowledged=d.get("acknowledged", False),
            situation=situation,
            by=_me(self.request),
        )

    def perform_destroy(self, instance: Situation) -> None:
        services.situation_delete(situation=instance, by=_me(self.request))


class CheckSerializer(serializers.Serializer):
    group = serializers.UUIDField()
    text = serializers.CharField(
        max_length=services.SITUATION_TEXT_MAX,
        help_text="At most 10,000 characters (a situation's episode or question).",
    )


class SituationFindingSerializer(serializers.Serializer):
    kind = InlineChoiceField(choices=list(LABELS))
    kind_label = serializers.CharField(help_text="the kind in the requester's language")
    text = serializers.CharField()
    start = serializers.IntegerField(help_text="offset of the text in the checked text")


class SituationCheckAnswerSerializer(serializers.Serializer):
    findings = SituationFindingSerializer(many=True)
    pseudonymised = serializers.CharField()


class SituationCheckView(APIView):
    """Which parts of a text may identify someone, and the text with pseudonyms (docs/groups.md:
    ages, places and institutions are findings only next to a direct identifier)."""

    @extend_schema(request=CheckSerializer, responses={200: SituationCheckAnswerSerializer})
    def post(self, request: Request) -> Response:
        data = CheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        group = (
            selectors.groups_visible_to(request.user)
            .filter(pk=data.validated_data["group"])
            .first()
        )
        if group is None:
            raise NotFound  # docs/access-expected.md §4: a group one does not see is unknown
        text = data.validated_data["text"]
        found = services.situation_findings(group=group, texts={"text": text}).get("text", [])
        return Response(
            {
                "findings": [
                    {"kind": f.kind, "kind_label": f.label, "text": f.text, "start": f.start}
                    for f in found
                ],
                "pseudonymised": pseudonymise(text, found),
            }
        )


class NoteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = NoteSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["session"]

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        return SessionNote.objects.filter(group_rules.note_visible_q(viewer)).order_by(
            "created_at", "id"
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        note = self.get_object()
        record_access(note)
        return Response(self.get_serializer(note).data)

    def perform_create(self, serializer: Any) -> None:
        session = serializer.validated_data["session"]
        _require(self.request, "groups.add_sessionnote", session)
        serializer.instance = services.note_add(
            session=session,
            author=_me(self.request),  # type: ignore[arg-type]
            text=serializer.validated_data["text"],
            shared=serializer.validated_data.get("shared_with_members", False),
        )


class AttendanceViewSet(viewsets.ReadOnlyModelViewSet):
    """Attendance as its viewer may see it: line managers see their staff's, never content."""

    serializer_class = AttendanceSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["session", "member", "status"]

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        return (
            # No .distinct(): the rule joins nothing that repeats a row (subqueries only), and a
            # DISTINCT over the joined rows ran for minutes on PostgreSQL at 1,000 rows.
            Attendance.objects.filter(group_rules.attendance_visible_q(viewer))
            .select_related("member__person", "session__group")
            .order_by("session__starts_at", "id")
        )


class TechniqueViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = TechniqueSerializer
    permission_classes = [RulesPermission]

    def get_queryset(self) -> Any:
        return selectors.techniques_visible_to(self.request.user).order_by("name", "id")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.technique_create(
            by=_me(self.request), **serializer.validated_data
        )


class FeedViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Personal iCalendar feeds; DELETE revokes. The URL is returned once, at creation."""

    serializer_class = FeedSerializer
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        return CalendarFeed.objects.filter(
            group_rules.calendar_feed_visible_q(viewer), revoked_at__isnull=True
        ).order_by("-created_at", "id")

    def perform_create(self, serializer: Any) -> None:
        from django.urls import reverse

        _require(self.request, "groups.add_calendarfeed")
        person = _me(self.request)
        if person is None:
            raise PermissionDenied
        feed, secret = services.calendar_feed_create(
            person=person, scope=serializer.validated_data["scope"]
        )
        feed.url = absolute_url(reverse("groups:ics", args=[secret]))  # type: ignore[attr-defined]
        serializer.instance = feed

    def perform_destroy(self, instance: CalendarFeed) -> None:
        services.calendar_feed_revoke(feed=instance)


class ComposeSerializer(serializers.Serializer):
    kind = InlineChoiceField(choices=Kind.choices)
    hard_questions = serializers.BooleanField(default=True)
    candidates = serializers.ListField(child=serializers.UUIDField(), min_length=1)
    facilitators = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Person.objects.none(),
        required=False,
        help_text="Who will lead the groups: they sit in every group, so a candidate of their "
        "line-management chain is left out of the proposal (as on the page).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:  # None while the OpenAPI schema is generated
            # Anyone in reach: the service says why one may not lead (never "unknown").
            self.fields["facilitators"].child_relation.queryset = selectors.people_in_reach(  # type: ignore[attr-defined]
                request.user
            )


class ComposeView(APIView):
    """Proposed groups for a pool of candidates, with the reasons (nothing is saved)."""

    @extend_schema(
        request=ComposeSerializer,
        responses={200: OpenApiResponse(description="groups, reasons, constraints")},
    )
    def post(self, request: Request) -> Response:

        _require(request, "groups.compose_group")
        data = ComposeSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = data.validated_data
        people = list(
            selectors.compose_people(
                request.user, list(d["candidates"]), field="candidates"
            ).values()
        )
        proposal = compose.propose(
            candidates=people,
            kind=d["kind"],
            hard_questions=d["hard_questions"],
            facilitators=list(d.get("facilitators") or []),
        )
        return Response(
            {
                "status": proposal.status,
                "groups": [
                    {"members": [str(p.pk) for p in g], "reasons": r}
                    for g, r in zip(proposal.groups, proposal.reasons, strict=True)
                ],
                "constraints": _report(proposal.constraints),
                "left_out": [str(p.pk) for p in proposal.left_out],
            }
        )


class ComposeEditSerializer(serializers.Serializer):
    """Groups as the coordinator adjusted them: one list of candidate ids per group."""

    kind = InlineChoiceField(choices=Kind.choices)
    hard_questions = serializers.BooleanField(default=True)
    groups = serializers.ListField(
        child=serializers.ListField(child=serializers.UUIDField()), min_length=1
    )
    facilitators = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:  # None while the OpenAPI schema is generated
            # Anyone in reach: who may lead is the service's rule, said with its reason
            # (outside test: a person of the organisation was called unknown).
            self.fields["facilitators"].child_relation.queryset = selectors.people_in_reach(  # type: ignore[attr-defined]
                request.user
            )


class ComposeConfirmSerializer(ComposeEditSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none())
    name = serializers.CharField(max_length=140)
    facilitators = serializers.PrimaryKeyRelatedField(many=True, queryset=Person.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["organisation"].queryset = selectors.coordinated_organisations(  # type: ignore[attr-defined]
                request.user
            )


def _edited_groups(request: Request, groups: list[list[Any]]) -> dict[int, list[Any]]:
    """The posted groups as people the coordinator may compose from, numbered from 1; an id
    they may not see is refused as unknown (field `groups`). Someone listed twice is kept as
    posted: compose.check names it, for check and confirm alike."""
    wanted = [pk for group in groups for pk in group]
    # Unknown ids are refused first, so a name is only given for someone the caller may see.
    people = selectors.compose_people(request.user, list(dict.fromkeys(wanted)), field="groups")
    return {n: [people[pk] for pk in group] for n, group in enumerate(groups, 1) if group}


def _composition_posted(request: Request, serializer: type) -> tuple[dict[str, Any], Any]:
    """A hand-edited composition as posted (checked or confirmed): the caller may compose, the
    body is valid, and the groups hold only people they may compose from."""
    _require(request, "groups.compose_group")
    data = serializer(data=request.data, context={"request": request})
    data.is_valid(raise_exception=True)
    return data.validated_data, _edited_groups(request, data.validated_data["groups"])


def _report(report: list[tuple[str, bool, str]]) -> list[dict[str, Any]]:
    return [{"name": n, "satisfied": ok, "detail": sentence} for n, ok, sentence in report]


class ComposeCheckView(APIView):
    """Check groups adjusted by hand against the composition rules (nothing is saved): the same
    report as the page's "Check my changes"."""

    @extend_schema(
        request=ComposeEditSerializer,
        responses={200: OpenApiResponse(description="constraints: name, satisfied, detail")},
    )
    def post(self, request: Request) -> Response:
        d, assignment = _composition_posted(request, ComposeEditSerializer)
        assessment = compose.check(
            assignment=assignment,
            kind=d["kind"],
            hard_questions=d["hard_questions"],
            facilitators=list(d.get("facilitators") or []),
        )
        return Response(
            {"blocking": bool(assessment.hard), "constraints": _report(assessment.report)}
        )


class ComposeConfirmView(APIView):
    """Create the groups as adjusted by hand. Every hard rule is checked again first: a breach
    answers 400 with field `groups` and creates nothing; soft ones come back as `warnings`."""

    @extend_schema(
        request=ComposeConfirmSerializer,
        responses={201: OpenApiResponse(description="groups (ids) and warnings")},
    )
    def post(self, request: Request) -> Response:
        d, assignment = _composition_posted(request, ComposeConfirmSerializer)
        done = compose.confirm(
            assignment=assignment,
            organisation=d["organisation"],
            kind=d["kind"],
            name=d["name"],
            facilitators=list(d["facilitators"]),
            created_by=_me(request),
            hard_questions=d["hard_questions"],
        )
        return Response(
            {"groups": [str(g.pk) for g in done.groups], "warnings": done.warnings},
            status=status.HTTP_201_CREATED,
        )


class BreachSerializer(serializers.Serializer):
    """A group where two people of one line-management chain sit today (as on the page)."""

    group = serializers.UUIDField()
    group_name = serializers.CharField()
    superior = serializers.UUIDField(help_text="The person above, in the chain of the other.")
    superior_name = serializers.CharField()
    superior_role = serializers.ChoiceField(choices=["member", "facilitator"])
    subordinate = serializers.UUIDField()
    subordinate_name = serializers.CharField()
    subordinate_role = serializers.ChoiceField(choices=["member", "facilitator"])
    level = serializers.IntegerField(help_text="2 for N+2.")
    message = serializers.CharField()
    fix = serializers.CharField(help_text="What to do: move a member, name another facilitator.")
    url = serializers.CharField(help_text="The page where to fix it.")


def _breaches(request: Request) -> list[dict[str, Any]]:
    """The groups of the organisations the caller coordinates where the hierarchy sits today
    (selectors.hierarchy_breaches_for, the page's list)."""
    return [
        {
            **chart_changes.breach_details(breach),
            "level": breach.link.level,
            "message": chart_changes.breach_message(breach),
            "fix": breach.fix,
            "url": chart_changes.fix_url(breach),
        }
        for breach in selectors.hierarchy_breaches_for(request.user)
    ]


class HierarchyBreachesView(APIView):
    """Groups where two people of one line-management chain sit today (a line manager changed
    after the group was formed, an import), with how to fix each: the dashboard page's list."""

    @extend_schema(responses={200: BreachSerializer(many=True)})
    def get(self, request: Request) -> Response:
        _require(request, "groups.view_dashboard")
        return Response(_breaches(request))


class DashboardView(APIView):
    """Fill and attendance rates per group and per team for a coordinator (counts only), and the
    groups where the hierarchy sits today."""

    @extend_schema(
        responses={
            200: inline_serializer(
                name="GroupsDashboard",
                fields={
                    "fill_rate": serializers.ListField(child=serializers.DictField()),
                    "attendance_rate": serializers.ListField(child=serializers.DictField()),
                    "team_attendance_rate": serializers.ListField(child=serializers.DictField()),
                    "hierarchy_breaches": BreachSerializer(many=True),
                },
            )
        }
    )
    def get(self, request: Request) -> Response:
        _require(request, "groups.view_dashboard")
        stats = selectors.coordinator_stats_for(request.user) or selectors.coordinator_stats(set())
        return Response(
            {
                "hierarchy_breaches": _breaches(request),
                "fill_rate": [
                    {"group": b["label"], "percent": b["value"]} for b in stats["fill_chart"].bars
                ],
                "attendance_rate": [
                    {"group": b["label"], "percent": b["value"]} for b in stats["group_chart"].bars
                ],
                "team_attendance_rate": [
                    {"team": b["label"], "percent": b["value"]} for b in stats["team_chart"].bars
                ],
            }
        )


def register(router: Any) -> None:
    """Register this app's viewsets on the shared v1 router."""
    router.register("groups/members", MemberViewSet, basename="groups-member")
    router.register("groups/co-ownership", CoOwnershipViewSet, basename="groups-coownership")
    router.register("groups/sessions", SessionViewSet, basename="groups-session")
    router.register("groups/situations", SituationViewSet, basename="groups-situation")
    router.register("groups/notes", NoteViewSet, basename="groups-note")
    router.register("groups/attendance", AttendanceViewSet, basename="groups-attendance")
    router.register("groups/techniques", TechniqueViewSet, basename="groups-technique")
    router.register("groups/calendar-feeds", FeedViewSet, basename="groups-feed")
    router.register("groups", GroupViewSet, basename="groups-group")


api_paths = [
    path("groups/situations/check/", SituationCheckView.as_view(), name="groups-situation-check"),
    path("groups/compose/", ComposeView.as_view(), name="groups-compose"),
    path("groups/compose/check/", ComposeCheckView.as_view(), name="groups-compose-check"),
    path("groups/compose/confirm/", ComposeConfirmView.as_view(), name="groups-compose-confirm"),
    path("groups/dashboard/", DashboardView.as_view(), name="groups-dashboard"),
    path(
        "groups/hierarchy-breaches/",
        HierarchyBreachesView.as_view(),
        name="groups-hierarchy-breaches",
    ),
]
