"""Groups in the JSON API: the same rules (rules.py) and services as the pages.

Situations and notes are listed through the same Q filters as their detail rule, so a line
manager, a coordinator outside the group or a platform administrator gets an empty list and 404.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from entrepairs.core.api import RulesPermission
from entrepairs.core.audit import record_access
from entrepairs.core.permissions import check, viewer_for
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Organisation, Site
from entrepairs.people.models import Person

from . import business, pdf, services
from . import rules as group_rules
from .identifying import pseudonymise
from .models import (
    Announcement,
    Attendance,
    CalendarFeed,
    Contract,
    CoOwnershipRequest,
    Group,
    GroupMember,
    Kind,
    PriceGrid,
    Session,
    SessionNote,
    Situation,
    Subscription,
    Technique,
)
from .recurrence import HALF_DAY_MINUTES, Recurrence


def _me(request: Any) -> Person | None:
    viewer = viewer_for(request.user)
    return Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None


def _require(request: Any, perm: str, obj: Any = None) -> None:
    if not check(request.user, perm, obj):
        raise PermissionDenied


# --- serializers ------------------------------------------------------------------------------


class ChoiceField(serializers.ChoiceField):
    """Documented with an inline enum (wrapped in allOf, which drf-spectacular's enum hook leaves
    alone), so no shared `status`/`kind` component collides with other modules' enums."""


class ChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = ChoiceField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        inner = {"type": "string", "enum": [str(k) for k in self.target.choices]}
        schema: dict[str, Any] = {"allOf": [inner]}
        if self.target.allow_null:
            schema["nullable"] = True
        return schema


class ModelSerializer(serializers.ModelSerializer):
    serializer_choice_field = ChoiceField


class GroupSerializer(ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisations = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False
    )
    facilitators = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), many=True, required=False
    )
    member_count = serializers.IntegerField(read_only=True)
    next_session = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Group
        fields = [
            "id",
            "name",
            "kind",
            "organisation",
            "organisations",
            "facilitators",
            "description",
            "hard_questions",
            "status",
            "member_count",
            "next_session",
            "created_at",
        ]
        read_only_fields = ["id", "status", "created_at"]

    def create(self, validated: dict[str, Any]) -> Group:
        """Parse and call the service: it checks who may set up the kind, who may lead the group,
        and asks the other organisations for their agreement (they are not co-owners before)."""
        request = self.context["request"]
        if validated["organisation"].pk not in viewer_for(request.user).organisation_ids:
            # A token scoped to one organisation writes in that organisation only.
            raise serializers.ValidationError(
                {"organisation": _("Only a person of the organisation sets up a group in it.")}
            )
        group = services.group_create(
            organisation=validated["organisation"],
            organisations=validated.get("organisations", []),
            name=validated["name"],
            kind=validated["kind"],
            facilitators=validated.get("facilitators", []),
            created_by=_me(request),
            description=validated.get("description", ""),
            hard_questions=validated.get("hard_questions", False),
        )
        return _with_list_fields(group)

    def update(self, group: Group, validated: dict[str, Any]) -> Group:
        """Name, purpose and facilitators through `services.group_update` (which decides who may
        lead the group); the kind and organisations stay as created (co-owners join by request)."""
        for field in ("organisation", "organisations", "kind"):
            given = validated.get(field)
            if field == "organisations" and given is not None:
                given = {o.pk for o in given}
            if field in validated and given != _current(group, field):
                raise serializers.ValidationError(
                    {field: _("The kind and organisations of a group stay as created.")}
                )
        updated = services.group_update(
            group=group,
            name=validated.get("name", group.name),
            description=validated.get("description", group.description),
            hard_questions=validated.get("hard_questions", group.hard_questions),
            facilitators=list(validated.get("facilitators", group.facilitators.all())),
        )
        return _with_list_fields(updated)


def _with_list_fields(group: Group) -> Group:
    """The answer of a write carries what a read does (member count, next session)."""
    return Group.objects.for_list().get(pk=group.pk)


def _current(group: Group, field: str) -> Any:
    if field == "organisations":
        return {o.pk for o in group.organisations.all()}
    return getattr(group, field)


class MemberSerializer(ModelSerializer):
    group = serializers.PrimaryKeyRelatedField(queryset=Group.objects.all())
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    has_accepted_charter = serializers.BooleanField(read_only=True)

    class Meta:
        model = GroupMember
        fields = [
            "id",
            "group",
            "person",
            "person_name",
            "status",
            "has_accepted_charter",
            "charter_accepted_at",
        ]
        read_only_fields = ["id", "status", "charter_accepted_at"]
        validators: list[Any] = []  # the service checks duplicates (and lets a leaver rejoin)


class SessionSerializer(ModelSerializer):
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(), allow_null=True, required=False
    )
    place = serializers.CharField(read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "group",
            "number",
            "starts_at",
            "ends_at",
            "is_founding",
            "site",
            "room",
            "offsite_address",
            "place",
            "status",
            "moved_from",
        ]
        read_only_fields = ["id", "group", "number", "is_founding", "status", "moved_from"]


class SessionContentSerializer(SessionSerializer):
    """A session with its content (round table, techniques, theory): only for content readers."""

    techniques: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "speaking_order", "techniques", "theory_input"]


class PlanSerializer(serializers.Serializer):
    start = serializers.DateField()
    until = serializers.DateField(required=False, allow_null=True)
    frequency = ChoiceField(choices=["monthly", "weekly"], default="monthly")
    weekday = serializers.IntegerField(min_value=0, max_value=6)
    nth = serializers.IntegerField(default=3)
    interval_weeks = serializers.IntegerField(default=1, min_value=1)
    start_time = serializers.TimeField(default=time(14, 0))
    duration_minutes = serializers.IntegerField(default=HALF_DAY_MINUTES, min_value=30)
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(), required=False, allow_null=True
    )
    room = serializers.CharField(required=False, allow_blank=True, default="")
    offsite_address = serializers.CharField(required=False, allow_blank=True, default="")
    dry_run = serializers.BooleanField(default=False)


class SituationSerializer(ModelSerializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    acknowledged = serializers.BooleanField(
        write_only=True,
        default=False,
        help_text="Save even if the text seems to identify someone (the member checked).",
    )
    author_name = serializers.CharField(source="author.person.full_name", read_only=True)

    class Meta:
        model = Situation
        fields = [
            "id",
            "session",
            "author",
            "author_name",
            "title",
            "episode",
            "question",
            "worked_on",
            "technique",
            "acknowledged",
            "created_at",
        ]
        read_only_fields = ["id", "author", "worked_on", "technique", "created_at"]


class NoteSerializer(ModelSerializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())

    class Meta:
        model = SessionNote
        fields = ["id", "session", "author", "text", "shared_with_members", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class AttendanceSerializer(ModelSerializer):
    person = serializers.UUIDField(source="member.person_id", read_only=True)
    person_name = serializers.CharField(source="member.person.full_name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "session", "member", "person", "person_name", "status"]


class MarkSerializer(serializers.Serializer):
    member = serializers.UUIDField()
    status = ChoiceField(choices=Attendance.Status.choices)


class RecordSerializer(serializers.Serializer):
    speaking_order = serializers.ListField(child=serializers.UUIDField(), required=False)
    techniques = serializers.PrimaryKeyRelatedField(
        queryset=Technique.objects.all(), many=True, required=False
    )
    theory_input = serializers.CharField(required=False, allow_blank=True)
    worked_on = serializers.DictField(
        child=serializers.UUIDField(allow_null=True),
        required=False,
        help_text="Situation id → technique id (or null) for the situations worked on.",
    )


class TechniqueSerializer(ModelSerializer):
    class Meta:
        model = Technique
        fields = ["id", "organisation", "slug", "name", "description"]
        read_only_fields = ["id"]


class PriceGridSerializer(ModelSerializer):
    class Meta:
        model = PriceGrid
        fields = ["id", "provider", "name", "beneficiary_bands", "rhythm_bands"]
        read_only_fields = ["id"]


class ContractSerializer(ModelSerializer):
    yearly_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "provider",
            "provider_person",
            "client",
            "group",
            "price_grid",
            "session_hours",
            "sessions_per_year",
            "beneficiaries",
            "price_per_session",
            "yearly_total",
            "status",
            "signed_at",
            "progress",
        ]
        read_only_fields = ["id", "price_per_session", "status", "signed_at"]

    def get_progress(self, contract: Contract) -> dict[str, int]:
        return business.contract_progress(contract)


class AnnouncementSerializer(ModelSerializer):
    class Meta:
        model = Announcement
        fields = ["id", "provider", "title", "body", "event_date", "place", "published_at"]
        read_only_fields = ["id", "published_at"]


class SubscriptionSerializer(ModelSerializer):
    class Meta:
        model = Subscription
        fields = ["id", "provider", "email", "unsubscribed_at"]
        read_only_fields = ["id", "email", "unsubscribed_at"]


class FeedSerializer(ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Shown once, at creation; null afterwards.")

    class Meta:
        model = CalendarFeed
        fields = ["id", "scope", "created_at", "revoked_at", "url"]
        read_only_fields = ["id", "created_at", "revoked_at", "url"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_url(self, feed: CalendarFeed) -> str | None:
        return getattr(feed, "url", None)  # set by the create view only: the secret is not stored


class CoOwnershipSerializer(ModelSerializer):
    group = serializers.PrimaryKeyRelatedField(queryset=Group.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    group_name = serializers.CharField(source="group.name", read_only=True)
    requested_by_organisation = serializers.CharField(
        source="group.organisation.name", read_only=True
    )

    class Meta:
        model = CoOwnershipRequest
        fields = [
            "id",
            "group",
            "group_name",
            "requested_by_organisation",
            "organisation",
            "status",
            "created_at",
            "decided_at",
        ]
        read_only_fields = ["id", "status", "created_at", "decided_at"]
        validators: list[Any] = []  # the service says "already waiting" (never an IntegrityError)


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
        "accept_charter": "view",
    }

    def get_queryset(self) -> Any:
        return Group.objects.visible_to(self.request.user).for_list().order_by("name", "id")

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
        """Plan the year from a recurrence (6 to 24 sessions, holidays and closures skipped)."""
        group = self.get_object()
        data = PlanSerializer(data=request.data)
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
                dates, skipped = services.plan_preview(group=group, recurrence=rule)
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
        return Response(SessionSerializer(sessions, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=GroupSerializer)
    @action(detail=True, methods=["post"])
    def found(self, request: Request, pk: Any = None) -> Response:
        """The founding session is held: the membership closes (needs the kind's minimum size)."""
        group = services.group_found(group=self.get_object(), by=_me(request))  # type: ignore[arg-type]
        return Response(GroupSerializer(group, context={"request": request}).data)

    @extend_schema(
        request=None,
        responses={200: OpenApiResponse(description="standard_rules, own_rules, version")},
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
        return Response(
            {
                "standard_rules": [str(text) for _code, text in charter.standard_rules],
                "own_rules": charter.own_rules,
                "version": charter.version,
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
        if not Group.objects.visible_to(self.request.user).filter(pk=group.pk).exists():
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
    permission_action = {"approve": "change"}

    def get_queryset(self) -> Any:
        return (
            GroupMember.objects.filter(group__in=Group.objects.visible_to(self.request.user))
            .exclude(status="left")
            .select_related("person", "group")
            .order_by("group_id", "person__last_name", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        group = serializer.validated_data["group"]
        if not Group.objects.visible_to(self.request.user).filter(pk=group.pk).exists():
            raise serializers.ValidationError({"group": _("Unknown group.")})
        _require(self.request, "groups.add_groupmember", group)
        serializer.instance = services.member_add(
            group=group, person=serializer.validated_data["person"], by=_me(self.request)
        )

    def perform_destroy(self, instance: GroupMember) -> None:
        services.member_remove(member=instance)

    @extend_schema(request=None, responses=MemberSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        member = self.get_object()
        _require(request, "groups.facilitate_group", member.group)
        member = services.member_approve(member=member, by=_me(request))  # type: ignore[arg-type]
        return Response(MemberSerializer(member).data)


class SessionViewSet(
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
    }

    def get_queryset(self) -> Any:
        return (
            Session.objects.filter(group__in=Group.objects.visible_to(self.request.user))
            .select_related("site", "group")
            .order_by("starts_at", "id")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        session = self.get_object()
        if group_rules.reads_content(viewer_for(request.user), session.group):
            return Response(SessionContentSerializer(session).data)
        return Response(SessionSerializer(session).data)

    def perform_update(self, serializer: Any) -> None:
        session = serializer.instance
        d = serializer.validated_data
        serializer.instance = services.session_move(
            session=session,
            starts_at=d.get("starts_at", session.starts_at),
            ends_at=d.get("ends_at", session.ends_at),
            site=d.get("site", session.site),
            room=d.get("room", session.room),
            offsite_address=d.get("offsite_address", session.offsite_address),
        )

    @extend_schema(request=None, responses=SessionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        return Response(SessionSerializer(services.session_cancel(session=self.get_object())).data)

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

    @extend_schema(request=RecordSerializer, responses=SessionContentSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: Any = None) -> Response:
        """Round table order, techniques, theoretical input, situations worked on."""
        session = self.get_object()
        data = RecordSerializer(data=request.data)
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
                Session.objects.filter(group__in=Group.objects.visible_to(request.user)),
                pk=request.data["session"],
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        session = d["session"]
        member = group_rules.member_of(viewer_for(request.user), session.group)
        if member is None or not check(request.user, "groups.add_situation", session):
            raise PermissionDenied
        situation = services.situation_save(
            session=session,
            author=member,
            title=d["title"],
            episode=d["episode"],
            question=d["question"],
            acknowledged=d["acknowledged"],
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
        )

    def perform_destroy(self, instance: Situation) -> None:
        services.situation_delete(situation=instance)


class CheckSerializer(serializers.Serializer):
    group = serializers.UUIDField()
    text = serializers.CharField()


class SituationCheckView(APIView):
    """Which parts of a text may identify someone, and the text with pseudonyms."""

    @extend_schema(
        request=CheckSerializer,
        responses={200: OpenApiResponse(description="findings and pseudonymised text")},
    )
    def post(self, request: Request) -> Response:
        data = CheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        group = (
            Group.objects.visible_to(request.user).filter(pk=data.validated_data["group"]).first()
        )
        if group is None:
            raise PermissionDenied
        text = data.validated_data["text"]
        found = services.situation_findings(group=group, texts={"text": text}).get("text", [])
        return Response(
            {
                "findings": [{"kind": f.kind, "text": f.text, "start": f.start} for f in found],
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
            Attendance.objects.filter(group_rules.attendance_visible_q(viewer))
            .select_related("member__person", "session__group")
            .distinct()
            .order_by("session__starts_at", "id")
        )


class TechniqueViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = TechniqueSerializer
    permission_classes = [RulesPermission]

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        return Technique.objects.filter(
            Q(organisation__isnull=True) | Q(organisation_id__in=viewer.organisation_ids)
        ).order_by("name", "id")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.technique_create(
            by=_me(self.request), **serializer.validated_data
        )


class PriceGridViewSet(viewsets.ModelViewSet):
    serializer_class = PriceGridSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return PriceGrid.objects.filter(
            group_rules.business_q(viewer_for(self.request.user))
        ).order_by("name", "id")

    def perform_create(self, serializer: Any) -> None:
        _require(
            self.request,
            "groups.manage_business",
            PriceGrid(provider=serializer.validated_data["provider"]),
        )
        serializer.instance = business.price_grid_save(
            grid=PriceGrid(**serializer.validated_data), by=self.request.user
        )

    def perform_update(self, serializer: Any) -> None:
        grid = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(grid, key, value)
        business.price_grid_save(grid=grid, by=self.request.user)

    def perform_destroy(self, instance: PriceGrid) -> None:
        business.price_grid_delete(grid=instance)


class ContractViewSet(viewsets.ModelViewSet):
    serializer_class = ContractSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["status", "group", "client", "provider"]
    permission_action = {"sign": "change", "invoice": "change", "document": "view"}

    def get_queryset(self) -> Any:
        return (
            Contract.objects.filter(group_rules.contract_visible_q(viewer_for(self.request.user)))
            .select_related("provider", "client", "group", "price_grid")
            .order_by("-created_at", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        contract = Contract(**serializer.validated_data)
        _require(self.request, "groups.add_contract", contract)
        serializer.instance = business.contract_save(contract=contract, by=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        contract = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(contract, key, value)
        business.contract_save(contract=contract, by=self.request.user)

    def perform_destroy(self, instance: Contract) -> None:
        business.contract_delete(contract=instance)

    @extend_schema(request=None, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: Any = None) -> Response:
        contract = business.contract_sign(contract=self.get_object())
        return Response(ContractSerializer(contract).data)

    @extend_schema(
        request=None, responses={200: OpenApiResponse(description="number, total, lines")}
    )
    @action(detail=True, methods=["post"])
    def invoice(self, request: Request, pk: Any = None) -> Response:
        number, total, count = business.contract_invoice(contract=self.get_object())
        return Response({"number": number, "total": str(total), "lines": count})

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF")})
    @action(detail=True, methods=["get"], url_path=r"document/(?P<kind>(?:quote|contract))")
    def document(self, request: Request, pk: Any = None, kind: str = "quote") -> HttpResponse:
        contract = self.get_object()
        if kind == "contract" and contract.status == Contract.Status.QUOTE:
            raise DjangoValidationError(_("The contract exists once the quote is signed."))
        return pdf.response(pdf.contract_document(contract, quote=kind == "quote"), f"{kind}.pdf")


class AnnouncementViewSet(viewsets.ModelViewSet):
    serializer_class = AnnouncementSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    permission_action = {"publish": "change"}

    def get_queryset(self) -> Any:
        viewer = viewer_for(self.request.user)
        return Announcement.objects.filter(
            Q(published_at__isnull=False) | group_rules.business_q(viewer)
        ).order_by("-created_at", "id")

    def perform_create(self, serializer: Any) -> None:
        _require(
            self.request,
            "groups.add_announcement",
            Announcement(provider=serializer.validated_data["provider"]),
        )
        serializer.instance = business.announcement_save(
            announcement=Announcement(**serializer.validated_data), author=_me(self.request)
        )

    def perform_update(self, serializer: Any) -> None:
        announcement = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(announcement, key, value)
        serializer.instance = business.announcement_save(announcement=announcement)

    def perform_destroy(self, instance: Announcement) -> None:
        business.announcement_delete(announcement=instance)

    @extend_schema(request=None, responses=AnnouncementSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: Any = None) -> Response:
        announcement = self.get_object()
        business.announcement_publish(announcement=announcement)
        return Response(AnnouncementSerializer(announcement).data)


class SubscriptionViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's own opt-in subscriptions (their account's e-mail address)."""

    serializer_class = SubscriptionSerializer
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Subscription.objects.none()
        return Subscription.objects.filter(
            email__iexact=getattr(self.request.user, "email", ""), unsubscribed_at__isnull=True
        ).order_by("created_at", "id")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = business.subscribe(
            provider=serializer.validated_data["provider"],
            email=getattr(self.request.user, "email", ""),
            person=_me(self.request),
        )

    def perform_destroy(self, instance: Subscription) -> None:
        business.unsubscribe(token=instance.token)


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
            Q(person_id=viewer.person_id), revoked_at__isnull=True
        ).order_by("-created_at", "id")

    def perform_create(self, serializer: Any) -> None:
        from django.conf import settings
        from django.urls import reverse

        person = _me(self.request)
        if person is None:
            raise PermissionDenied
        feed, secret = services.calendar_feed_create(
            person=person, scope=serializer.validated_data["scope"]
        )
        feed.url = settings.SITE_URL + reverse("groups:ics", args=[secret])  # type: ignore[attr-defined]
        serializer.instance = feed

    def perform_destroy(self, instance: CalendarFeed) -> None:
        services.calendar_feed_revoke(feed=instance)


class ComposeSerializer(serializers.Serializer):
    kind = ChoiceField(choices=Kind.choices)
    hard_questions = serializers.BooleanField(default=True)
    candidates = serializers.ListField(child=serializers.UUIDField(), min_length=1)


class ComposeView(APIView):
    """Proposed groups for a pool of candidates, with the reasons (nothing is saved)."""

    @extend_schema(
        request=ComposeSerializer,
        responses={200: OpenApiResponse(description="groups, reasons, constraints")},
    )
    def post(self, request: Request) -> Response:
        from . import compose

        _require(request, "groups.compose_group")
        data = ComposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        people = list(
            Person.objects.filter(
                pk__in=d["candidates"], organisation_id__in=viewer_for(request.user).managed_orgs
            )
        )
        if len(people) != len(set(d["candidates"])):
            raise DjangoValidationError(
                {"candidates": [_("Some candidates are not in your organisations.")]}
            )
        proposal = compose.propose(
            candidates=people, kind=d["kind"], hard_questions=d["hard_questions"]
        )
        return Response(
            {
                "status": proposal.status,
                "groups": [
                    {"members": [str(p.pk) for p in g], "reasons": r}
                    for g, r in zip(proposal.groups, proposal.reasons, strict=True)
                ],
                "constraints": [
                    {"name": n, "satisfied": ok, "detail": detail}
                    for n, ok, detail in proposal.constraints
                ],
            }
        )


class DashboardView(APIView):
    """Fill and attendance rates per group and per team for a coordinator (counts only)."""

    @extend_schema(responses={200: OpenApiResponse(description="groups and teams rates")})
    def get(self, request: Request) -> Response:
        from .views_dashboard import coordinator_stats

        _require(request, "groups.view_dashboard")
        stats = coordinator_stats(viewer_for(request.user).managed_orgs)
        return Response(
            {
                "fill_rate": [
                    {"group": b["name"], "percent": b["percent"]}
                    for b in stats["fill_chart"]["bars"]
                ],
                "attendance_rate": [
                    {"group": b["name"], "percent": b["percent"]}
                    for b in stats["group_chart"]["bars"]
                ],
                "team_attendance_rate": [
                    {"team": b["name"], "percent": b["percent"]}
                    for b in stats["team_chart"]["bars"]
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
    router.register("groups/price-grids", PriceGridViewSet, basename="groups-pricegrid")
    router.register("groups/contracts", ContractViewSet, basename="groups-contract")
    router.register("groups/announcements", AnnouncementViewSet, basename="groups-announcement")
    router.register("groups/subscriptions", SubscriptionViewSet, basename="groups-subscription")
    router.register("groups/calendar-feeds", FeedViewSet, basename="groups-feed")
    router.register("groups", GroupViewSet, basename="groups-group")


api_paths = [
    path("groups/situations/check/", SituationCheckView.as_view(), name="groups-situation-check"),
    path("groups/compose/", ComposeView.as_view(), name="groups-compose"),
    path("groups/dashboard/", DashboardView.as_view(), name="groups-dashboard"),
]
