"""Serializers of the groups API (the viewsets are in views.py); choice fields are documented as
inline enums (core.api.fields)."""

from __future__ import annotations

from datetime import time
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema_field,
)
from rest_framework import serializers

from entrepairs.core.api.fields import InlineChoiceField, ModelSerializer, VisibleRelatedField
from entrepairs.organisations.models import Organisation, Site
from entrepairs.organisations.selectors import organisations_visible_to
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import planning, selectors, services
from ..models import (
    Attendance,
    CalendarFeed,
    CoOwnershipRequest,
    Group,
    GroupMember,
    Session,
    SessionNote,
    Situation,
    Technique,
)
from ..recurrence import HALF_DAY_MINUTES


def _me(request: Any) -> Person | None:
    viewer = viewer_for(request.user)
    return Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None


class GroupSerializer(ModelSerializer):
    organisation = VisibleRelatedField(Organisation, visible=organisations_visible_to)
    # The organisations asked to co-own it: any of the directory, as on the page.
    organisations = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False
    )
    facilitators = VisibleRelatedField(
        Person, visible=selectors.people_in_reach, many=True, required=False
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
        created = _with_list_fields(group)
        created.awaiting_organisations = list(  # type: ignore[attr-defined]
            group.co_ownership_requests.filter(status=CoOwnershipRequest.Status.PENDING)
            .order_by("created_at")
            .values_list("organisation_id", flat=True)
        )
        return created

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
            by=_me(self.context["request"]),
        )
        return _with_list_fields(updated)


class GroupCreatedSerializer(GroupSerializer):
    """The answer to a creation also says which organisations were asked to co-own the group and
    have not answered yet: they are not among `organisations` until one of their coordinators
    accepts (issue 10), which an outside tester read as the organisation silently dropped."""

    awaiting_organisations = serializers.ListField(
        child=serializers.UUIDField(),
        read_only=True,
        help_text="Organisations asked to co-own the group, waiting for their coordinator's answer.",
    )

    class Meta(GroupSerializer.Meta):
        fields = [*GroupSerializer.Meta.fields, "awaiting_organisations"]


def _with_list_fields(group: Group) -> Group:
    """The answer of a write carries what a read does (member count, next session)."""
    return Group.objects.for_list().get(pk=group.pk)


def _current(group: Group, field: str) -> Any:
    if field == "organisations":
        return {o.pk for o in group.organisations.all()}
    return getattr(group, field)


class MemberSerializer(ModelSerializer):
    group = VisibleRelatedField(Group, visible=selectors.groups_visible_to)
    person = VisibleRelatedField(Person, visible=selectors.people_in_reach)
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
    site = VisibleRelatedField(
        Site, visible=selectors.sites_in_reach, allow_null=True, required=False
    )
    place = serializers.CharField(read_only=True)
    programme_year = serializers.SerializerMethodField()
    confirm_holiday = serializers.BooleanField(
        write_only=True,
        required=False,
        help_text="Keep the session on a public holiday or a closure day (with holiday_reason).",
    )
    warnings = serializers.SerializerMethodField(
        help_text="After an add, a move or a cancellation: each programme year of the group left "
        "under the minimum of sessions, as a sentence (shown, not refused). Empty on reads."
    )

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
            "programme_year",
            "confirm_holiday",
            "holiday_reason",
            "cancel_reason",
            "warnings",
        ]
        read_only_fields = [
            "id",
            "group",
            "number",
            "is_founding",
            "status",
            "moved_from",
            "cancel_reason",
        ]

    def get_warnings(self, session: Session) -> list[str]:
        # Set by the writes that change a group's year (views pass them in the context); a read
        # costs nothing.
        return list(cast(dict[str, Any], self.context).get("year_warnings", []))

    def get_programme_year(self, session: Session) -> str:
        """The programme year's label ("2026-2027"): `number` is the rank in it, by date."""
        context = cast(dict[str, Any], self.context)  # the root serializer's: shared by a list
        months = context.setdefault("programme_year_months", {})  # one query per group
        if session.group_id not in months:
            months[session.group_id] = planning.year_start_month(session.group)
        day = timezone.localtime(session.starts_at).date()
        return planning.programme_year_of(day, months[session.group_id]).label


class SessionContentSerializer(SessionSerializer):
    """A session with its content (round table, techniques, theory): only for content readers."""

    techniques: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "speaking_order", "techniques", "theory_input"]


class SessionCreateSerializer(SessionSerializer):
    """One session outside the series: the group is named in the body."""

    group = VisibleRelatedField(Group, visible=selectors.groups_visible_to)

    class Meta(SessionSerializer.Meta):
        read_only_fields = [f for f in SessionSerializer.Meta.read_only_fields if f != "group"]


class CancelSerializer(serializers.Serializer):
    # Required by the service (the page gives the same message): never blank, at most 300.
    reason = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Required: sent to members and facilitators, never in an e-mail's subject.",
    )


class ProgrammeYearSerializer(serializers.Serializer):
    start_month = serializers.IntegerField(
        min_value=1,
        max_value=12,
        allow_null=True,
        required=False,
        help_text="1 to 12; null follows the organisation's programme year.",
    )


class PlanSerializer(serializers.Serializer):
    start = serializers.DateField()
    until = serializers.DateField(required=False, allow_null=True)
    frequency = InlineChoiceField(choices=["monthly", "weekly"], default="monthly")
    weekday = serializers.IntegerField(min_value=0, max_value=6)
    # The plan page's bounds (forms.PlanForm): no 0th week, no 40-week interval, no 3-day session.
    nth = serializers.IntegerField(
        default=3, min_value=-1, max_value=4, help_text="1 to 4, or -1 for the last one."
    )
    interval_weeks = serializers.IntegerField(default=1, min_value=1, max_value=8)
    start_time = serializers.TimeField(default=time(14, 0))
    duration_minutes = serializers.IntegerField(
        default=HALF_DAY_MINUTES, min_value=30, max_value=480
    )
    site = VisibleRelatedField(
        Site, visible=selectors.sites_in_reach, required=False, allow_null=True
    )
    room = serializers.CharField(required=False, allow_blank=True, default="")
    offsite_address = serializers.CharField(required=False, allow_blank=True, default="")
    dry_run = serializers.BooleanField(default=False)

    def validate_nth(self, value: int) -> int:
        if value == 0:
            raise serializers.ValidationError(_("1 to 4, or the last one."))
        return value


class SituationSerializer(ModelSerializer):
    session = VisibleRelatedField(Session, visible=selectors.sessions_visible_to)
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
        # Documented here, refused by services.check_situation_lengths on every channel.
        extra_kwargs = {
            "title": {"max_length": services.SITUATION_TITLE_MAX},
            "episode": {"max_length": services.SITUATION_TEXT_MAX},
            "question": {"max_length": services.SITUATION_TEXT_MAX},
        }


class NoteSerializer(ModelSerializer):
    session = VisibleRelatedField(Session, visible=selectors.sessions_visible_to)

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
    status = InlineChoiceField(choices=Attendance.Status.choices)


class RecordSerializer(serializers.Serializer):
    speaking_order = serializers.ListField(child=serializers.UUIDField(), required=False)
    techniques = VisibleRelatedField(
        Technique, visible=selectors.techniques_visible_to, many=True, required=False
    )
    theory_input = serializers.CharField(required=False, allow_blank=True)
    worked_on = serializers.DictField(
        child=serializers.UUIDField(allow_null=True),
        required=False,
        help_text="Situation id → technique id (or null) for the situations worked on.",
    )


class TechniqueSerializer(ModelSerializer):
    organisation = VisibleRelatedField(
        Organisation, visible=organisations_visible_to, allow_null=True, required=False
    )

    class Meta:
        model = Technique
        fields = ["id", "organisation", "slug", "name", "description"]
        read_only_fields = ["id"]


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
    group = VisibleRelatedField(Group, visible=selectors.groups_visible_to)
    # The organisation asked: any of the directory, as on the page.
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


class AttendanceSignatureSerializer(serializers.Serializer):
    """An attendance signature as the API shows it: who, which half-day, when, how (the drawing
    itself is only printed on the attendance sheet)."""

    id = serializers.UUIDField(read_only=True)
    member = serializers.UUIDField(source="attendance.member_id", read_only=True)
    person_name = serializers.CharField(source="attendance.member.person.full_name", read_only=True)
    day = serializers.DateField(read_only=True)
    half_day = serializers.CharField(read_only=True, help_text="am or pm")
    signed_at = serializers.DateTimeField(read_only=True)
    method = serializers.CharField(read_only=True, help_text="own_device or facilitator_device")
    drawn = serializers.BooleanField(source="is_drawn", read_only=True)


class SignSerializer(serializers.Serializer):
    """Sign one half-day. A member signs for themselves (own device); a facilitator of the group
    names the member whose signature their device collects."""

    member = serializers.UUIDField(required=False, help_text="Required on a facilitator's device.")
    half_day = serializers.CharField(help_text="A half-day of the session, e.g. 2027-01-12-pm.")
    typed_name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    drawing = serializers.CharField(
        required=False, allow_blank=True, max_length=90_000, help_text="data:image/png;base64,…"
    )
