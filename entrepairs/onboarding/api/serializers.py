"""Serializers of the onboarding API. Writes go through the same services as the pages."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework import serializers

from entrepairs.core.api.fields import BaseModelSerializer, VisibleRelatedField
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from ..models import (
    ClosingReview,
    Competency,
    CompetencyObservation,
    FeedbackEntry,
    Introduction,
    Journey,
    JourneyTask,
    KitCheck,
    KitItem,
    OrgContact,
    Phase,
    Reminder,
    ShadowingSession,
    Support,
    Template,
    TemplateReminder,
    TemplateTask,
    TemplateVersion,
    TutorProfile,
)
from ..selectors import journeys_for, managed_organisations, people_for, templates_for, versions_for

# On a write, a record the writer may not see (a person, an organisation, a journey, a template,
# a version, a competency) is unknown, like a missing id: no answer tells it exists (security
# review F9).


def _people(user: Any) -> Any:
    return people_for(viewer_for(user))


def _managed(user: Any) -> Any:
    return managed_organisations(viewer_for(user))


def _journeys(user: Any) -> Any:
    return journeys_for(user).select_related("newcomer", "version")


def _templates(user: Any) -> Any:
    return templates_for(viewer_for(user))


def _versions(user: Any) -> Any:
    return versions_for(viewer_for(user))


def _competencies(user: Any) -> Any:
    """Those of the journeys the writer sees and of the templates they see."""
    return Competency.objects.filter(
        Q(version__in=journeys_for(user).values("version_id"))
        | Q(version__template__in=_templates(user))
    )


class ScopedPeople(VisibleRelatedField):
    """People of the organisations the caller may see in onboarding."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Person, visible=_people, **kwargs)


class ManagedOrganisations(VisibleRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Organisation, visible=_managed, **kwargs)


class VisibleJourneys(VisibleRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Journey, visible=_journeys, **kwargs)


# -- templates ---------------------------------------------------------------------------------


class VersionRefSerializer(BaseModelSerializer):
    class Meta:
        model = TemplateVersion
        fields = ["id", "number", "published_at"]


class TemplateSerializer(BaseModelSerializer):
    organisation = ManagedOrganisations()
    project_manager = ScopedPeople(allow_null=True, required=False)
    versions = VersionRefSerializer(many=True, read_only=True)
    # The list's figures (selectors.templates_with_counts); null right after a create or update.
    version_count = serializers.IntegerField(read_only=True, default=None, allow_null=True)
    published_versions = serializers.IntegerField(
        source="published", read_only=True, default=None, allow_null=True
    )
    running_journeys = serializers.IntegerField(
        source="running", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Template
        fields = [
            "id",
            "organisation",
            "function",
            "tutoring_type",
            "project_manager",
            "versions",
            "version_count",
            "published_versions",
            "running_journeys",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]


class VersionPartBase(BaseModelSerializer):
    version = VisibleRelatedField(TemplateVersion, visible=_versions)


class TemplateTaskSerializer(VersionPartBase):
    class Meta:
        model = TemplateTask
        fields = [
            "id",
            "version",
            "phase",
            "title",
            "description",
            "owner_role",
            "start_day",
            "due_day",
            "mandatory",
            "topic",
        ]


class KitItemSerializer(VersionPartBase):
    class Meta:
        model = KitItem
        fields = ["id", "version", "kind", "label", "provider_role"]


class CompetencySerializer(VersionPartBase):
    class Meta:
        model = Competency
        fields = ["id", "version", "kind", "name", "description"]


class SupportSerializer(VersionPartBase):
    class Meta:
        model = Support
        fields = ["id", "version", "kind", "title", "url", "description"]


class TemplateReminderSerializer(VersionPartBase):
    class Meta:
        model = TemplateReminder
        fields = ["id", "version", "day", "message", "recipient_role"]


class TemplateVersionSerializer(BaseModelSerializer):
    template = serializers.UUIDField(source="template_id", read_only=True)
    tasks = TemplateTaskSerializer(many=True, read_only=True)
    kit_items = KitItemSerializer(many=True, read_only=True)
    competencies = CompetencySerializer(many=True, read_only=True)
    supports = SupportSerializer(many=True, read_only=True)
    reminders = TemplateReminderSerializer(many=True, read_only=True)
    scale = serializers.ListField(child=serializers.CharField(max_length=80), min_length=2)

    class Meta:
        model = TemplateVersion
        fields = [
            "id",
            "template",
            "number",
            "published_at",
            "objectives",
            "organisational_frame",
            "didactic_frame",
            "scale",
            "tutor_hours_per_week",
            "tasks",
            "kit_items",
            "competencies",
            "supports",
            "reminders",
        ]
        read_only_fields = ["id", "number", "published_at"]


class OrgContactSerializer(BaseModelSerializer):
    organisation = ManagedOrganisations()
    person = ScopedPeople()

    class Meta:
        model = OrgContact
        fields = ["id", "organisation", "role", "person"]
        validators: list[Any] = []  # services.org_contact_save refuses duplicates with a message


class TutorProfileSerializer(BaseModelSerializer):
    person = ScopedPeople()
    load_hours = serializers.SerializerMethodField()
    newcomers = serializers.SerializerMethodField()

    class Meta:
        model = TutorProfile
        validators: list[Any] = []  # services.tutor_profile_save refuses duplicates with a message
        fields = [
            "id",
            "person",
            "trained",
            "trained_on",
            "allocated_hours",
            "load_hours",
            "newcomers",
        ]

    def get_load_hours(self, profile: TutorProfile) -> int:
        return self.context.get("loads", {}).get(profile.person_id, (0, 0))[0]

    def get_newcomers(self, profile: TutorProfile) -> int:
        return self.context.get("loads", {}).get(profile.person_id, (0, 0))[1]


# -- journeys ----------------------------------------------------------------------------------


class JourneySerializer(BaseModelSerializer):
    template = serializers.UUIDField(source="version.template_id", read_only=True)
    function = serializers.CharField(source="version.template.function", read_only=True)
    version_number = serializers.IntegerField(source="version.number", read_only=True)
    newcomer_name = serializers.CharField(source="newcomer.full_name", read_only=True)

    class Meta:
        model = Journey
        fields = [
            "id",
            "organisation",
            "newcomer",
            "newcomer_name",
            "template",
            "function",
            "version",
            "version_number",
            "coordinator",
            "tutor",
            "referent",
            "colleague",
            "start_date",
            "phase",
            "status",
            "closed_on",
            "first_lunch_on",
            "first_lunch_place",
        ]
        read_only_fields = fields


class JourneyStartSerializer(serializers.Serializer):
    template = VisibleRelatedField(
        Template, visible=_templates, help_text="Its latest published version is used."
    )
    newcomer = ScopedPeople()
    start_date = serializers.DateField()
    tutor = ScopedPeople(required=False, allow_null=True)
    referent = ScopedPeople(required=False, allow_null=True)
    colleague = ScopedPeople(required=False, allow_null=True)
    confirm = serializers.BooleanField(
        default=False, help_text="Go on despite warnings about the tutor (untrained, overloaded)."
    )

    def validate_template(self, template: Template) -> Template:
        if template.latest_published() is None:
            raise serializers.ValidationError(_("This template has no published version yet."))
        return template


class StartResultSerializer(serializers.Serializer):
    journey = JourneySerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class AssignTutorSerializer(serializers.Serializer):
    tutor = ScopedPeople()
    referent = ScopedPeople(required=False, allow_null=True)
    confirm = serializers.BooleanField(default=False)


class WarningsSerializer(serializers.Serializer):
    warnings = serializers.ListField(child=serializers.CharField())


class PhaseSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices)


class FirstLunchSerializer(serializers.Serializer):
    first_lunch_on = serializers.DateField()
    first_lunch_place = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )


class JourneyTaskSerializer(BaseModelSerializer):
    newcomer_name = serializers.CharField(source="journey.newcomer.full_name", read_only=True)
    is_late = serializers.BooleanField(read_only=True)

    class Meta:
        model = JourneyTask
        fields = [
            "id",
            "journey",
            "newcomer_name",
            "kind",
            "phase",
            "title",
            "description",
            "owner_role",
            "owner",
            "start_date",
            "due_date",
            "mandatory",
            "topic",
            "done_at",
            "is_late",
        ]
        read_only_fields = fields


class KitCheckSerializer(BaseModelSerializer):
    class Meta:
        model = KitCheck
        fields = ["id", "journey", "kind", "label", "provider_role", "provider", "ready_at"]
        read_only_fields = fields


class IntroductionSerializer(BaseModelSerializer):
    class Meta:
        model = Introduction
        fields = ["id", "journey", "person", "why", "met_on"]
        read_only_fields = fields


class ReminderSerializer(BaseModelSerializer):
    class Meta:
        model = Reminder
        fields = ["id", "journey", "due_date", "message", "recipient_role", "recipient", "sent_at"]
        read_only_fields = fields


class DoneSerializer(serializers.Serializer):
    # The body says what is done: an empty body must not tick an item (outside test of #14).
    done = serializers.BooleanField(
        required=True, help_text="true: done (ready); false: not done any more."
    )


class MetSerializer(serializers.Serializer):
    met_on = serializers.DateField(allow_null=True, required=False)


# -- evaluations ---------------------------------------------------------------------------------


class ObservationSerializer(BaseModelSerializer):
    journey = VisibleJourneys()
    competency = VisibleRelatedField(Competency, visible=_competencies)
    level = serializers.IntegerField(help_text="1 to the number of levels of the journey's grid.")

    class Meta:
        model = CompetencyObservation
        fields = [
            "id",
            "journey",
            "person",
            "competency",
            "source",
            "level",
            "observed_on",
            "note",
            "author",
            "created_at",
        ]
        read_only_fields = ["id", "person", "source", "author", "created_at"]


class ShadowingSerializer(BaseModelSerializer):
    journey = VisibleJourneys()
    colleague = ScopedPeople()

    class Meta:
        model = ShadowingSession
        fields = ["id", "journey", "colleague", "date", "topic", "note"]
        read_only_fields = ["id"]


class FeedbackSerializer(BaseModelSerializer):
    journey = VisibleJourneys()

    class Meta:
        model = FeedbackEntry
        fields = ["id", "journey", "kind", "given_on", "text", "author", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class ClosingReviewSerializer(BaseModelSerializer):
    class Meta:
        model = ClosingReview
        fields = [
            "id",
            "journey",
            "autonomy_on",
            "progression",
            "improvement_points",
            "meta_meeting_on",
            "self_reflection",
            "newcomer_process_feedback",
            "tutor_process_feedback",
            "reviewed_at",
            "review_note",
        ]
        read_only_fields = ["id", "journey", "reviewed_at", "review_note"]
        extra_kwargs = {name: {"required": False} for name in fields}


class ReviewedSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class CompetencyLevelSerializer(serializers.Serializer):
    observed_on = serializers.DateField()
    level = serializers.IntegerField()
    level_label = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.source
    note = serializers.CharField()


class CompetencyHistorySerializer(serializers.Serializer):
    competency = serializers.CharField()
    kind = serializers.CharField()
    template = serializers.CharField()
    observations = CompetencyLevelSerializer(many=True)


class DashboardSerializer(serializers.Serializer):
    by_phase = serializers.DictField(child=serializers.IntegerField())
    late_tasks = serializers.IntegerField()
    kits_not_ready = serializers.ListField(child=serializers.DictField())
    time_to_autonomy = serializers.ListField(child=serializers.DictField())
    my_newcomers = serializers.ListField(child=serializers.DictField())
