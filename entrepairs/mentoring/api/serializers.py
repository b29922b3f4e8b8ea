"""Serializers of the mentoring API. Input serializers validate shape; services validate rules."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from entrepairs.core.api.fields import InlineChoiceField, ModelSerializer, VisibleRelatedField
from entrepairs.core.text import MAX_NOTE_LENGTH
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.selectors import organisations_visible_to
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.api.placements import (
    NewFamilyContactSerializer,
    PlacementHistorySerializer,
)
from entrepairs.people.models import HALF_DAYS, Person, PlacementKind
from entrepairs.people.placements import current_placement
from entrepairs.training.models import TrainingModule
from entrepairs.training.selectors import modules_for

from ..models import (
    SHAREABLE_FIELDS,
    CheckIn,
    Closure,
    Consent,
    ContactLog,
    Match,
    MatchingRun,
    Mentor,
    Mode,
    Programme,
    ProgressNote,
    Proposal,
    SafeguardingReview,
    ScreeningStep,
    SharingAgreement,
    SituationChange,
    Transfer,
    Unmatched,
    Youth,
)
from ..reasons import PAUSE_KINDS
from ..selectors import (
    intake_choices,
    mentors_visible_to,
    programmes_visible_to,
    youths_visible_to,
)

# On a write, a record the writer may not see (an organisation, a module, a programme, a mentor,
# a youth, a person) is unknown, like a missing id: no answer tells that it exists (security
# review F9). An organisation named as a counterpart (an agency) is any of the directory, as on
# the pages; the services decide whether it may be named.


def _modules(user: Any) -> Any:
    return modules_for(viewer_for(user))


def _case_workers(user: Any) -> Any:
    return intake_choices(user)["case_workers"]


def _organisation() -> VisibleRelatedField:
    return VisibleRelatedField(Organisation, visible=organisations_visible_to)


def _programme() -> VisibleRelatedField:
    return VisibleRelatedField(Programme, visible=programmes_visible_to)


class ProgrammeSerializer(ModelSerializer):
    organisation = _organisation()
    required_trainings = VisibleRelatedField(
        TrainingModule, visible=_modules, many=True, required=False
    )
    weights = serializers.DictField(child=serializers.FloatField(min_value=0), required=False)
    closure_reasons = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()), required=False
    )

    class Meta:
        model = Programme
        fields = [
            "id",
            "organisation",
            "name",
            "kind",
            "description",
            "match_length_months",
            "required_trainings",
            "references_required",
            "background_check_validity_months",
            "youth_consent_age",
            "weights",
            "require_common_language",
            "require_same_region",
            "closure_reasons",
            "checkin_interval_days",
            "alert_after_days_without_contact",
            "adoption_note",
            "is_open",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]


class ApplicationSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    email = serializers.EmailField()
    phone = serializers.CharField(max_length=40, required=False, default="")
    birth_year = serializers.IntegerField(
        min_value=1920, max_value=2015, required=False, allow_null=True
    )
    gender = serializers.CharField(max_length=30, required=False, default="")
    region = serializers.CharField(max_length=100, required=False, default="")
    languages = serializers.ListField(
        child=serializers.CharField(max_length=10), required=False, default=list
    )
    interests = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list
    )
    availability = serializers.ListField(
        child=InlineChoiceField(choices=HALF_DAYS), required=False, default=list
    )
    mode = InlineChoiceField(choices=Mode.choices, default=Mode.INDIVIDUAL)
    capacity = serializers.IntegerField(min_value=1, max_value=8, default=1)
    motivation = serializers.CharField(required=False, default="")


class ApplicationReceiptSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.CharField()


class ScreeningStepSerializer(ModelSerializer):
    class Meta:
        model = ScreeningStep
        fields = ["id", "kind", "outcome", "done_on", "expires_on", "referee", "note", "created_at"]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {"done_on": {"required": False}}


class MentorSerializer(ModelSerializer):
    first_name = serializers.CharField(source="person.first_name", read_only=True)
    last_name = serializers.CharField(source="person.last_name", read_only=True)
    email = serializers.CharField(source="person.email", read_only=True)
    screening_steps = ScreeningStepSerializer(many=True, read_only=True)
    gaps = serializers.SerializerMethodField()

    class Meta:
        model = Mentor
        fields = [
            "id",
            "programme",
            "first_name",
            "last_name",
            "email",
            "status",
            "birth_year",
            "gender",
            "interests",
            "mode",
            "capacity",
            "motivation",
            "screening_notes",
            "flagged",
            "flag_reason",
            "applied_at",
            "approved_at",
            "screening_steps",
            "gaps",
        ]
        read_only_fields = fields

    def get_gaps(self, mentor: Mentor) -> dict[str, list[str]]:
        from ..services import mentor_gaps

        screening, training = mentor_gaps(mentor)
        return {"screening": screening, "training": training}


class MentorListSerializer(ModelSerializer):
    first_name = serializers.CharField(source="person.first_name", read_only=True)
    last_name = serializers.CharField(source="person.last_name", read_only=True)

    class Meta:
        model = Mentor
        fields = [
            "id",
            "programme",
            "first_name",
            "last_name",
            "status",
            "mode",
            "capacity",
            "flagged",
            "applied_at",
        ]
        read_only_fields = fields


class TrainingCompletionInputSerializer(serializers.Serializer):
    module = VisibleRelatedField(TrainingModule, visible=_modules)
    completed_on = serializers.DateField()


class FlagSerializer(serializers.Serializer):
    flagged = serializers.BooleanField()
    flag_reason = serializers.CharField(max_length=200, required=False, default="")
    screening_notes = serializers.CharField(required=False, allow_null=True, default=None)


class DecideSerializer(serializers.Serializer):
    status = InlineChoiceField(choices=["rejected", "withdrawn", "applied"])


class YouthSerializer(ModelSerializer):
    """The youth's file: for programme staff and the youth's agency only (never for mentors)."""

    first_name = serializers.CharField(source="person.first_name", read_only=True)
    last_name = serializers.CharField(source="person.last_name", read_only=True)
    languages = serializers.ListField(source="person.languages", read_only=True)
    region = serializers.CharField(source="person.region", read_only=True)
    services = serializers.SerializerMethodField()
    placement = serializers.SerializerMethodField(
        help_text="The current placement of the child's one history (shared with casework)."
    )

    class Meta:
        model = Youth
        fields = [
            "id",
            "programme",
            "agency",
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "interests",
            "languages",
            "region",
            "school_level",
            "mode",
            "readiness",
            "readiness_note",
            "readiness_assessed_on",
            "placement",
            "case_worker",
            "guardian",
            "status",
            "enrolled_on",
            "services",
        ]
        read_only_fields = fields

    def get_services(self, youth: Youth) -> list[str]:
        return [s.name for s in youth.services.all()]

    @extend_schema_field(PlacementHistorySerializer(allow_null=True))
    def get_placement(self, youth: Youth) -> dict[str, Any] | None:
        current = current_placement(youth.person)
        return PlacementHistorySerializer(current).data if current else None  # type: ignore[return-value]


class PlacementChangeSerializer(serializers.Serializer):
    """A move of the youth: recorded in the child's one placement history."""

    kind = InlineChoiceField(choices=PlacementKind.choices)
    since = serializers.DateField()
    keep_current_family = serializers.BooleanField(required=False, default=False)
    new_family = NewFamilyContactSerializer(many=True, required=False, default=list)
    note = serializers.CharField(
        max_length=MAX_NOTE_LENGTH, required=False, allow_blank=True, default=""
    )
    summary_for_mentor = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )


class AdoptionSerializer(serializers.Serializer):
    """An adoption: its date, the adoptive parents and the wishes that keep or end the match."""

    adopted_on = serializers.DateField()
    current_family_adopts = serializers.BooleanField(required=False, default=False)
    new_parents = NewFamilyContactSerializer(many=True, required=False, default=list)
    youth_wish = InlineChoiceField(choices=["keep", "end"])
    family_wish = InlineChoiceField(choices=["keep", "end"])
    wishes = serializers.CharField()
    summary_for_mentor = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )


class IntakeSerializer(serializers.Serializer):
    programme = _programme()
    agency = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    birth_date = serializers.DateField()
    gender = serializers.CharField(max_length=30, required=False, default="")
    interests = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=10), required=False, default=list
    )
    region = serializers.CharField(max_length=100, required=False, default="")
    availability = serializers.ListField(
        child=InlineChoiceField(choices=HALF_DAYS), required=False, default=list
    )
    school_level = serializers.CharField(max_length=100, required=False, default="")
    mode = InlineChoiceField(choices=Mode.choices, default=Mode.INDIVIDUAL)
    case_worker = VisibleRelatedField(
        Person, visible=_case_workers, required=False, allow_null=True, default=None
    )
    placement = serializers.CharField(required=False, default="")
    placement_kind = InlineChoiceField(
        choices=PlacementKind.choices, required=False, allow_blank=True, default=""
    )
    placement_since = serializers.DateField(required=False, allow_null=True, default=None)
    guardian_first_name = serializers.CharField(max_length=100, required=False, default="")
    guardian_last_name = serializers.CharField(max_length=100, required=False, default="")
    guardian_phone = serializers.CharField(max_length=40, required=False, default="")
    guardian_email = serializers.EmailField(required=False, default="")


class ConsentSerializer(ModelSerializer):
    class Meta:
        model = Consent
        fields = ["id", "party", "given_by", "given_on", "withdrawn_on"]
        read_only_fields = ["id", "withdrawn_on"]
        extra_kwargs = {"given_on": {"required": False}}


class ReadinessSerializer(serializers.Serializer):
    readiness = InlineChoiceField(choices=Youth.Readiness.choices)
    note = serializers.CharField(max_length=MAX_NOTE_LENGTH)
    mode = InlineChoiceField(choices=Mode.choices)


class SituationSerializer(ModelSerializer):
    class Meta:
        model = SituationChange
        fields = ["id", "kind", "happened_on", "summary_for_mentor", "note"]
        read_only_fields = ["id"]
        extra_kwargs = {"happened_on": {"required": False}}


class TransferSerializer(serializers.Serializer):
    # Any organisation: `lifecycle.youth_transfer` refuses one outside `transfer_agencies` with
    # its reason next to the field, and audits the attempt.
    to_agency = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())


class TransferAgencySerializer(serializers.Serializer):
    """An agency a youth may move to (selectors.transfer_agencies)."""

    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class TransferSummarySerializer(serializers.Serializer):
    """A transfer as `selectors.transfer_summary` shapes it for the viewer: before the handover is
    accepted, the receiving agency gets no name and no youth id (the same rule as the page)."""

    id = serializers.UUIDField()
    transferred_on = serializers.DateField()
    handover = serializers.ChoiceField(choices=Transfer.Handover.choices)
    from_agency = serializers.CharField()
    to_agency = serializers.CharField()
    programme = serializers.CharField()
    programme_organisation = serializers.CharField()
    age_band = serializers.CharField()
    refusal_reason = serializers.CharField()
    can_decide = serializers.BooleanField()
    youth_id = serializers.UUIDField(allow_null=True)
    youth_name = serializers.CharField(allow_null=True)


class HandoverRefusalSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CaseWorkerSerializer(serializers.Serializer):
    case_worker = VisibleRelatedField(Person, visible=_case_workers, allow_null=True)


class RunSerializer(ModelSerializer):
    class Meta:
        model = MatchingRun
        fields = [
            "id",
            "programme",
            "status",
            "progress",
            "step",
            "stats",
            "error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class RunCreateSerializer(serializers.Serializer):
    programme = _programme()


class BreakdownField(serializers.ListField):
    child = serializers.ListField()


class ProposalSerializer(ModelSerializer):
    youth_name = serializers.CharField(source="youth.person.__str__", read_only=True)
    mentor_name = serializers.CharField(source="mentor.person.__str__", read_only=True)
    breakdown = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "run",
            "youth",
            "youth_name",
            "mentor",
            "mentor_name",
            "mode",
            "score",
            "breakdown",
            "status",
            "pinned",
        ]
        read_only_fields = fields

    def get_breakdown(self, p: Proposal) -> list[dict[str, Any]]:
        return [
            {"criterion": c, "weight": w, "value": r, "contribution": x}
            for c, w, r, x in p.breakdown
        ]


class SwapSerializer(serializers.Serializer):
    other = serializers.UUIDField()


class UnmatchedSerializer(ModelSerializer):
    class Meta:
        model = Unmatched
        fields = ["youth", "mentor", "reason", "message"]
        read_only_fields = fields


class MatchCreateSerializer(serializers.Serializer):
    programme = _programme()
    mentors = VisibleRelatedField(Mentor, visible=mentors_visible_to, many=True)
    youths = VisibleRelatedField(Youth, visible=youths_visible_to, many=True)
    mode = InlineChoiceField(choices=Mode.choices, default=Mode.INDIVIDUAL)


class AddMentorSerializer(serializers.Serializer):
    mentor = serializers.UUIDField()


class CloseSerializer(serializers.Serializer):
    """A closure proposal: a second staff member confirms it (confirm-closure)."""

    reason = serializers.CharField(allow_blank=True)
    conversation_on = serializers.DateField(required=False, allow_null=True, default=None)
    conversation = serializers.CharField(
        max_length=MAX_NOTE_LENGTH, required=False, allow_blank=True, default=""
    )
    youth_view = serializers.CharField(
        max_length=MAX_NOTE_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="The youth's (or their guardian's) view on closing the match; required.",
    )
    note = serializers.CharField(
        max_length=MAX_NOTE_LENGTH, required=False, allow_blank=True, default=""
    )


class PauseSerializer(serializers.Serializer):
    kind = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="One of: " + ", ".join(PAUSE_KINDS) + " (required).",
    )
    reason = serializers.CharField(allow_blank=True)


class ClosureDecisionSerializer(serializers.Serializer):
    closure = serializers.UUIDField()


class ReviewFollowUpSerializer(serializers.Serializer):
    review = serializers.UUIDField()
    outcome = serializers.CharField(allow_blank=True)


class ClosureSerializer(ModelSerializer):
    proposed_by: serializers.Field = serializers.StringRelatedField()
    decided_by: serializers.Field = serializers.StringRelatedField()

    class Meta:
        model = Closure
        fields = [
            "id",
            "status",
            "reason",
            "conversation_on",
            "conversation",
            "youth_view",
            "note",
            "proposed_by",
            "decided_by",
            "decided_at",
            "created_at",
        ]
        read_only_fields = fields


class SafeguardingReviewSerializer(ModelSerializer):
    raised_by: serializers.Field = serializers.StringRelatedField()
    followed_up_by: serializers.Field = serializers.StringRelatedField()

    class Meta:
        model = SafeguardingReview
        fields = [
            "id",
            "status",
            "concern",
            "raised_by",
            "outcome",
            "followed_up_by",
            "followed_up_at",
            "created_at",
        ]
        read_only_fields = fields


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=MAX_NOTE_LENGTH, required=False, allow_blank=True, default=""
    )


class ContactSerializer(ModelSerializer):
    arranged_with_guardian = serializers.BooleanField(
        write_only=True, required=False, default=False
    )

    class Meta:
        model = ContactLog
        fields = [
            "id",
            "kind",
            "happened_on",
            "duration_minutes",
            "place",
            "note",
            "arranged_with_guardian",
            "arranged_by",
        ]
        read_only_fields = ["id", "arranged_by"]
        extra_kwargs = {"happened_on": {"required": False, "default": timezone.localdate}}


class CheckInSerializer(ModelSerializer):
    """`rating` and `meets_regularly` are left out for a viewer who does not read that party's
    answers, `note` and `told_by` for one who does not read the youth's file."""

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "party",
            "due_on",
            "done_on",
            "rating",
            "meets_regularly",
            "note",
            "recorded_via",
            "told_by",
            "link_sent_at",
        ]
        read_only_fields = ["id", "party", "due_on", "done_on", "recorded_via", "link_sent_at"]
        extra_kwargs = {"rating": {"required": False}, "meets_regularly": {"required": False}}


class CheckInAnswerSerializer(serializers.Serializer):
    """A check-in's questions: what every party answers (the link's form asks only these)."""

    rating = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True, default=None
    )
    meets_regularly = serializers.BooleanField(required=False, allow_null=True, default=None)
    note = serializers.CharField(
        max_length=MAX_NOTE_LENGTH, required=False, allow_blank=True, default=""
    )


class CheckInRecordSerializer(CheckInAnswerSerializer):
    checkin = serializers.UUIDField()
    told_by = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100,
        help_text=(
            "Recording another party's check-in on their behalf: who told the answers "
            "(required then: 400 without it)."
        ),
    )


class CheckInLinkSendSerializer(serializers.Serializer):
    checkin = serializers.UUIDField()


class CheckInLinkSentSerializer(serializers.Serializer):
    sent_to = serializers.IntegerField(help_text="How many e-mail addresses the link went to.")


class CheckInLinkSerializer(serializers.Serializer):
    """What the bearer of a check-in link sees: whose check-in it is and when it was due."""

    party = serializers.CharField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)


class ProgressNoteSerializer(ModelSerializer):
    """A note about one youth (`youth`), or in a group match about the group (`youth` null), read
    by the agencies it is `shared_with` (among the group's youths' agencies)."""

    youth = VisibleRelatedField(
        Youth,
        visible=youths_visible_to,
        required=False,
        allow_null=True,
        help_text="The youth the note is about; empty for a note about the group.",
    )
    shared_with = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        many=True,
        required=False,
        help_text="A group note only: the agencies (of the group's youths) that read it.",
    )

    class Meta:
        model = ProgressNote
        fields = ["id", "youth", "text", "shared_with", "author", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class AgreementSerializer(ModelSerializer):
    organisation = _organisation()
    agency = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    fields = serializers.ListField(  # type: ignore[assignment]
        child=serializers.CharField(max_length=50),
        help_text="Names among: " + ", ".join(SHAREABLE_FIELDS),
    )
    # Blank purposes reach the service, which says which fact lacks one (as on the page).
    purposes = serializers.DictField(
        child=serializers.CharField(max_length=200, allow_blank=True), required=False
    )

    class Meta:
        model = SharingAgreement
        fields = [
            "id",
            "organisation",
            "agency",
            "fields",
            "purposes",
            "signed_on",
            "valid_until",
            "checkin_ratings_shared",
            "removed_days_after_end",
            "carried_over_from",
            "proposed_by_organisation",
            "proposed_on",
            "proposed_fields",
            "proposed_purposes",
            "proposed_valid_until",
            "proposed_removed_days_after_end",
        ]
        # A widening is proposed by saving the wanted version; the other party accepts it.
        read_only_fields = [
            "id",
            "carried_over_from",
            "proposed_by_organisation",
            "proposed_on",
            "proposed_fields",
            "proposed_purposes",
            "proposed_valid_until",
            "proposed_removed_days_after_end",
        ]


class MatchStaffSerializer(ModelSerializer):
    """A match as staff and the agency see it."""

    mentors = serializers.SerializerMethodField()
    youths = serializers.SerializerMethodField()
    closure_reason_label = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = [
            "id",
            "programme",
            "mode",
            "status",
            "score",
            "breakdown",
            "introduced_on",
            "ended_on",
            "closure_reason",
            "closure_reason_label",
            "closure_conversation_on",
            "last_contact_on",
            "shared_data_purged_on",
            "mentors",
            "youths",
        ]
        read_only_fields = fields

    def get_mentors(self, m: Match) -> list[dict[str, str]]:
        return [{"id": str(x.pk), "name": str(x.person)} for x in m.mentors.all()]

    def get_youths(self, m: Match) -> list[dict[str, str]]:
        return [
            {"id": str(y.pk), "name": str(y.person), "agency": str(y.agency_id)}
            for y in m.youths.all()
        ]

    def get_closure_reason_label(self, m: Match) -> str:
        return (
            (m.programme.reason(m.closure_reason) or {}).get("label", "")
            if m.closure_reason
            else ""
        )


def _for(who: str, field: type[serializers.Field], **kwargs: Any) -> serializers.Field:
    """A field only some viewers get: documented, not required (given as arguments: DRF copies
    a declared field by calling it again with them)."""
    return field(required=False, help_text=who, **kwargs)


STAFF_ONLY = "Programme staff and the youth's agency only."


class MatchForViewerSerializer(serializers.Serializer):
    """A match as `views.match_for_role` answers it, for the documentation: every viewer gets the
    required fields; staff and the agency get the MatchStaff fields, a mentor the agreed facts
    of the youths and their purposes (`shared_because`), a guardian neither."""

    id = serializers.UUIDField()
    programme = serializers.UUIDField()
    mode = serializers.CharField()
    status = serializers.CharField()
    introduced_on = serializers.DateField(allow_null=True)
    role = serializers.ChoiceField(choices=["staff", "agency", "mentor", "guardian"])
    mentors = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text="Each mentor's name; staff and the agency also get its id.",
    )
    youths = _for(
        "Staff and the agency: id, name, agency. A mentor: only the facts the agency's sharing "
        "agreement lists (no id). Not given to a guardian.",
        serializers.ListField,
        child=serializers.DictField(),
    )
    other_youths = _for(
        "Staff and the agency: how many youths of the group the viewer may not see (another "
        "agency's youths are counted, never named).",
        serializers.IntegerField,
    )
    shared_because = _for(
        "A mentor only: for each youth, the purpose of each fact shared.",
        serializers.ListField,
        child=serializers.DictField(child=serializers.CharField()),
    )
    score = _for(STAFF_ONLY, serializers.FloatField, allow_null=True)
    breakdown = _for(STAFF_ONLY, serializers.JSONField)
    ended_on = _for(STAFF_ONLY, serializers.DateField, allow_null=True)
    closure_reason = _for(STAFF_ONLY, serializers.CharField, allow_blank=True)
    closure_reason_label = _for(STAFF_ONLY, serializers.CharField, allow_blank=True)
    closure_conversation_on = _for(STAFF_ONLY, serializers.DateField, allow_null=True)
    last_contact_on = _for(STAFF_ONLY, serializers.DateField, allow_null=True)
    shared_data_purged_on = _for(
        STAFF_ONLY + " The day what was shared with the mentor was erased (retention over).",
        serializers.DateField,
        allow_null=True,
    )


# Component names prefixed with the module: "Situation", "Consent"... exist in other modules too.
for _name, _cls in list(globals().items()):
    if (
        isinstance(_cls, type)
        and issubclass(_cls, serializers.BaseSerializer)
        and _cls.__module__ == __name__
        and _name not in ("ModelSerializer",)
    ):
        extend_schema_serializer(component_name="Mentoring" + _name.removesuffix("Serializer"))(
            _cls
        )
