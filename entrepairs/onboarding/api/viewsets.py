"""The onboarding API viewsets: the same rules and services as the pages.
`register(router)` is called by entrepairs/api_urls.py; `api_paths` holds the plain paths."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from entrepairs.core.api import RulesPermission
from entrepairs.core.audit import record_access
from entrepairs.core.permissions import check, id_q
from entrepairs.core.views import require
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.selectors import get_person_for

from .. import dashboard as figures
from .. import history, services, templating
from ..models import (
    ClosingReview,
    Competency,
    CompetencyObservation,
    FeedbackEntry,
    Introduction,
    KitCheck,
    KitItem,
    Reminder,
    ShadowingSession,
    Support,
    TemplateReminder,
    TemplateTask,
    TutorProfile,
)
from ..rules import journey_visible_q
from ..selectors import (
    JOURNEY_RELATED,
    get_journey_for,
    get_kit_check_for,
    get_review_for,
    journeys_for,
    kit_items_for,
    observation_source_for,
    org_contacts_for,
    people_to_know,
    person_of,
    tasks_for,
    templates_with_counts,
    tutor_profiles_for,
    version_parts_for,
    versions_for,
)
from . import serializers as s


def _viewer(request: Any) -> Any:
    return viewer_for(request.user)


# -- templates -------------------------------------------------------------------------------------


class TemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.TemplateSerializer
    permission_classes = [RulesPermission]
    permission_action = {"draft": "change"}
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return (
            templates_with_counts(_viewer(self.request))
            .prefetch_related("versions")
            .order_by("function", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = templating.template_create(
            by=person_of(self.request.user), **serializer.validated_data
        )

    def perform_update(self, serializer: Any) -> None:
        template = serializer.instance
        d = serializer.validated_data
        serializer.instance = templating.template_update(
            template=template,
            organisation=d.get("organisation", template.organisation),
            function=d.get("function", template.function),
            tutoring_type=d.get("tutoring_type", template.tutoring_type),
            project_manager=d.get("project_manager", template.project_manager),
            by=person_of(self.request.user),
        )

    @extend_schema(request=None, responses=s.TemplateVersionSerializer)
    @action(detail=True, methods=["post"])
    def draft(self, request: Any, pk: Any = None) -> Response:
        """The version to edit: the current draft, or a new one copied from the latest published."""
        draft = templating.template_draft(template=self.get_object(), by=person_of(request.user))
        return Response(s.TemplateVersionSerializer(draft, context={"request": request}).data)


class TemplateVersionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Published versions are frozen; change a draft (POST templates/{id}/draft/ makes one)."""

    serializer_class = s.TemplateVersionSerializer
    permission_classes = [RulesPermission]
    permission_action = {"publish": "change"}
    lookup_value_converter = "uuid"
    filterset_fields = ["template"]

    def get_queryset(self) -> Any:
        return (
            versions_for(_viewer(self.request))
            .select_related("template")
            .prefetch_related("tasks", "kit_items", "competencies", "supports", "reminders")
            .order_by("template", "-number")
        )

    def perform_update(self, serializer: Any) -> None:
        version = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(version, key, value)
        templating.version_save_frames(version=version, by=person_of(self.request.user))

    @extend_schema(request=None, responses=s.TemplateVersionSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Any, pk: Any = None) -> Response:
        version = templating.version_publish(version=self.get_object(), by=person_of(request.user))
        return Response(self.get_serializer(version).data)


class VersionPartViewSet(viewsets.ModelViewSet):
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["version"]
    model: Any = None

    def get_queryset(self) -> Any:
        return (
            version_parts_for(_viewer(self.request), self.model)
            .select_related("version__template")
            .order_by("version", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        part = self.model(**serializer.validated_data)
        require(self.request.user, f"onboarding.add_{self.model._meta.model_name}", part)
        serializer.instance = templating.version_save_part(
            part=part, by=person_of(self.request.user)
        )

    def perform_update(self, serializer: Any) -> None:
        part = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(part, key, value)
        templating.version_save_part(part=part, by=person_of(self.request.user))

    def perform_destroy(self, instance: Any) -> None:
        templating.version_delete_part(part=instance, by=person_of(self.request.user))


def _part_viewset(model: Any, serializer: Any) -> type:
    return type(
        f"{model.__name__}ViewSet",
        (VersionPartViewSet,),
        {
            "model": model,
            "serializer_class": serializer,
            "__doc__": f"Lines of a draft template version: {model._meta.verbose_name_plural}.",
        },
    )


class OrgContactViewSet(viewsets.ModelViewSet):
    """Who holds HR, IT and welcoming-colleague roles: tasks of these roles resolve to them."""

    serializer_class = s.OrgContactSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self) -> Any:
        return org_contacts_for(_viewer(self.request)).order_by("role", "id")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.org_contact_save(
            by=person_of(self.request.user), **serializer.validated_data
        )

    def perform_destroy(self, instance: Any) -> None:
        services.org_contact_delete(contact=instance, by=person_of(self.request.user))


class TutorProfileViewSet(viewsets.ModelViewSet):
    """Tutors: trained or not, hours allocated, current load (hours and newcomers)."""

    serializer_class = s.TutorProfileSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return tutor_profiles_for(_viewer(self.request)).order_by("person__last_name", "id")

    def perform_create(self, serializer: Any) -> None:
        self._save(serializer, None)

    def perform_update(self, serializer: Any) -> None:
        self._save(serializer, serializer.instance)

    def _save(self, serializer: Any, profile: TutorProfile | None) -> None:
        d = serializer.validated_data
        current = profile
        serializer.instance = services.tutor_profile_save(
            person=d.get("person", getattr(current, "person", None)),
            trained=d.get("trained", getattr(current, "trained", False)),
            trained_on=d.get("trained_on", getattr(current, "trained_on", None)),
            allocated_hours=d.get("allocated_hours", getattr(current, "allocated_hours", 0)),
            by=person_of(self.request.user),
            profile=profile,
        )

    def perform_destroy(self, instance: Any) -> None:
        services.tutor_profile_delete(profile=instance, by=person_of(self.request.user))

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if self.request is not None and getattr(self, "action", None) in ("list", "retrieve"):
            ids = list(self.get_queryset().values_list("person_id", flat=True)[:1000])
            context["loads"] = services.tutor_loads(ids)
        return context


# -- journeys --------------------------------------------------------------------------------------


def _tutor_problem(exc: ValidationError) -> bool:
    errors = getattr(exc, "error_dict", {}).get("tutor", [])
    return any(e.code == "needs_confirmation" for e in errors)


class JourneyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.JourneySerializer
    permission_classes = [RulesPermission]
    permission_action = {
        "assign_tutor": "change",
        "set_phase": "run",
        "first_lunch": "run",
        "close": "close",
        "booklet": "view",
        "review": "view",
    }
    lookup_value_converter = "uuid"
    filterset_fields = ["phase", "status", "newcomer", "tutor"]

    def get_queryset(self) -> Any:
        return (
            journeys_for(self.request.user)
            .select_related(*JOURNEY_RELATED)
            .order_by("-start_date", "id")
        )

    @extend_schema(
        request=s.JourneyStartSerializer,
        responses={201: s.StartResultSerializer},
        description="Start a journey: tasks, kit, introductions and reminders are created from the "
        "template's latest published version. A 400 with `fields.tutor` asks to confirm warnings "
        "about the tutor (send `confirm: true`).",
    )
    def create(self, request: Any) -> Response:
        require(request.user, "onboarding.add_journey")
        data = s.JourneyStartSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        template = values["template"]
        result = services.journey_start(
            version=template.latest_published(),
            newcomer=values["newcomer"],
            start_date=values["start_date"],
            coordinator=person_of(request.user),
            by=person_of(request.user),
            tutor=values.get("tutor"),
            referent=values.get("referent"),
            colleague=values.get("colleague"),
            confirm=values["confirm"],
        )
        body = {"journey": s.JourneySerializer(result.journey).data, "warnings": result.warnings}
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AssignTutorSerializer, responses=s.WarningsSerializer)
    @action(detail=True, methods=["post"], url_path="assign-tutor")
    def assign_tutor(self, request: Any, pk: Any = None) -> Response:
        journey = self.get_object()
        data = s.AssignTutorSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        warnings = services.journey_assign_tutor(
            journey=journey, by=person_of(request.user), **data.validated_data
        )
        return Response({"warnings": warnings})

    @extend_schema(request=s.PhaseSerializer, responses=s.JourneySerializer)
    @action(detail=True, methods=["post"], url_path="phase")
    def set_phase(self, request: Any, pk: Any = None) -> Response:
        journey = self.get_object()
        data = s.PhaseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(
            self.get_serializer(
                services.journey_set_phase(
                    journey=journey, **data.validated_data, by=person_of(request.user)
                )
            ).data
        )

    @extend_schema(request=s.FirstLunchSerializer, responses=s.JourneySerializer)
    @action(detail=True, methods=["post"], url_path="first-lunch")
    def first_lunch(self, request: Any, pk: Any = None) -> Response:
        journey = self.get_object()
        data = s.FirstLunchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        journey = services.journey_plan_first_lunch(
            journey=journey,
            on=data.validated_data["first_lunch_on"],
            place=data.validated_data["first_lunch_place"],
            by=person_of(request.user),
        )
        return Response(self.get_serializer(journey).data)

    @extend_schema(
        request=None,
        responses=s.JourneySerializer,
        description="Refused while mandatory tasks are open or the closing review is missing.",
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Any, pk: Any = None) -> Response:
        journey = services.journey_close(journey=self.get_object(), by=person_of(request.user))
        return Response(self.get_serializer(journey).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def booklet(self, request: Any, pk: Any = None) -> HttpResponse:
        from ..pdf import booklet_pdf

        journey = self.get_object()
        response = HttpResponse(
            booklet_pdf(journey, people_to_know(journey)), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="welcome-booklet-{journey.start_date}.pdf"'
        )
        return response

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=s.ClosingReviewSerializer,
    )
    @extend_schema(
        methods=["PATCH"],
        request=s.ClosingReviewSerializer,
        responses=s.ClosingReviewSerializer,
        description="The newcomer writes self_reflection and newcomer_process_feedback; the tutor "
        "or coordinator the other parts.",
    )
    @action(detail=True, methods=["get", "patch"])
    def review(self, request: Any, pk: Any = None) -> Response:
        journey = get_journey_for(request.user, pk, "onboarding.view_evaluations")
        if request.method == "PATCH":
            require(request.user, "onboarding.write_review_journey", journey)
            data = s.ClosingReviewSerializer(data=request.data, partial=True)
            data.is_valid(raise_exception=True)
            review = services.closing_review_save(
                journey=journey, values=dict(data.validated_data), by=person_of(request.user)
            )
        else:
            review = ClosingReview.objects.filter(journey=journey).first() or ClosingReview(
                journey=journey
            )
        if review.pk:
            record_access(review)
        return Response(s.ClosingReviewSerializer(review).data)


class JourneyTaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Tasks the caller may see: every task they own ("my tasks", `?mine=true`), and the tasks of
    journeys they may see."""

    serializer_class = s.JourneyTaskSerializer
    permission_classes = [RulesPermission]
    permission_action = {"done": "change"}
    lookup_value_converter = "uuid"
    filterset_fields = ["journey", "phase", "owner_role"]

    def get_queryset(self) -> Any:
        viewer = _viewer(self.request)
        qs = tasks_for(viewer)
        if self.request.query_params.get("mine") in ("1", "true"):
            qs = qs.filter(id_q("owner_id", viewer.person_id))
        if self.request.query_params.get("open") in ("1", "true"):
            qs = qs.filter(done_at=None)
        return qs.select_related("journey__newcomer").order_by("due_date", "id")

    @extend_schema(
        parameters=[
            OpenApiParameter("mine", bool, description="Only the tasks I own."),
            OpenApiParameter("open", bool, description="Only tasks not done."),
        ]
    )
    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.DoneSerializer, responses=s.JourneyTaskSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request: Any, pk: Any = None) -> Response:
        task = self.get_object()
        data = s.DoneSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = services.task_set_done(
            task=task, done=data.validated_data["done"], by=person_of(request.user)
        )
        return Response(self.get_serializer(task).data)


class _JourneyPartViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["journey"]
    model: Any = None

    def get_queryset(self) -> Any:
        return (
            self.model.objects.filter(journey_visible_q(_viewer(self.request), prefix="journey__"))
            .select_related("journey__newcomer")
            .order_by("journey", "id")
        )


class KitCheckViewSet(_JourneyPartViewSet):
    """Welcome-kit items the caller may see: those they provide (`?mine=true`: IT, facilities,
    who see nothing else of the journey) and those of journeys they may see."""

    serializer_class = s.KitCheckSerializer
    model = KitCheck

    def get_queryset(self) -> Any:
        viewer = _viewer(self.request)
        qs = kit_items_for(viewer)
        if self.request.query_params.get("mine") in ("1", "true"):
            qs = qs.filter(id_q("provider_id", viewer.person_id))
        if self.request.query_params.get("open") in ("1", "true"):
            qs = qs.filter(ready_at=None)
        return qs.select_related("journey__newcomer").order_by("journey", "id")

    @extend_schema(
        parameters=[
            OpenApiParameter("mine", bool, description="Only the items I provide."),
            OpenApiParameter("open", bool, description="Only items not ready yet."),
        ]
    )
    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.DoneSerializer, responses=s.KitCheckSerializer)
    @action(detail=True, methods=["post"])
    def ready(self, request: Any, pk: Any = None) -> Response:
        # The selector answers 404 (not seen) or 403 (seen, may not tick: audited), like the page.
        item = get_kit_check_for(request.user, pk, "change")
        data = s.DoneSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(
            self.get_serializer(
                services.kit_set_ready(
                    check=item, ready=data.validated_data["done"], by=person_of(request.user)
                )
            ).data
        )


class IntroductionViewSet(_JourneyPartViewSet):
    serializer_class = s.IntroductionSerializer
    model = Introduction
    permission_action = {"met": "change"}

    @extend_schema(request=s.MetSerializer, responses=s.IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def met(self, request: Any, pk: Any = None) -> Response:
        intro = self.get_object()
        data = s.MetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(
            self.get_serializer(
                services.introduction_set_met(
                    introduction=intro,
                    met_on=data.validated_data.get("met_on"),
                    by=person_of(request.user),
                )
            ).data
        )


class ReminderViewSet(_JourneyPartViewSet):
    serializer_class = s.ReminderSerializer
    model = Reminder


# -- evaluations -----------------------------------------------------------------------------------


class _EvaluationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Confidential: only the newcomer, the tutor, the newcomer's manager and the coordinator."""

    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["journey"]
    model: Any = None

    # What each record's audit entry names (its __str__), read with the page, not once a row.
    related: tuple[str, ...] = ("journey",)

    def get_queryset(self) -> Any:
        return (
            self.model.objects.visible_to(self.request.user)
            .select_related(*self.related)
            .order_by("-created_at", "id")
        )

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        record_access(instance)
        return Response(self.get_serializer(instance).data)

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        return response

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        for record in page or []:
            record_access(record)
        return page


class ObservationViewSet(_EvaluationViewSet):
    """Competency observations: by the tutor (or coordinator), or the newcomer's self-assessment."""

    serializer_class = s.ObservationSerializer
    model = CompetencyObservation
    related = ("journey", "competency")

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        journey = data["journey"]
        # The source follows from who writes; the service checks the author again.
        source = observation_source_for(self.request.user, journey)
        serializer.instance = services.observation_record(
            journey=journey,
            competency=data["competency"],
            level=data["level"],
            observed_on=data["observed_on"],
            note=data.get("note", ""),
            source=source,
            author=person_of(self.request.user),
        )


class ShadowingViewSet(_EvaluationViewSet):
    serializer_class = s.ShadowingSerializer
    model = ShadowingSession

    def perform_create(self, serializer: Any) -> None:
        require(
            self.request.user,
            "onboarding.add_shadowingsession",
            serializer.validated_data["journey"],
        )
        serializer.instance = services.shadowing_plan(
            by=person_of(self.request.user), **serializer.validated_data
        )


class FeedbackViewSet(_EvaluationViewSet):
    serializer_class = s.FeedbackSerializer
    model = FeedbackEntry

    def perform_create(self, serializer: Any) -> None:
        require(
            self.request.user,
            "onboarding.give_feedback_journey",
            serializer.validated_data["journey"],
        )
        serializer.instance = services.feedback_record(
            author=person_of(self.request.user), **serializer.validated_data
        )


class ClosingReviewViewSet(_EvaluationViewSet):
    """Closing reviews; the coordinator marks process feedback as reviewed (`reviewed`)."""

    serializer_class = s.ClosingReviewSerializer
    model = ClosingReview
    related = ("journey__newcomer", "journey__version__template")
    http_method_names = ["get", "post", "head", "options"]
    permission_action = {"reviewed": "review_process_feedback"}

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        raise PermissionDenied(_("Write a closing review through journeys/{id}/review/."))

    @extend_schema(request=s.ReviewedSerializer, responses=s.ClosingReviewSerializer)
    @action(detail=True, methods=["post"])
    def reviewed(self, request: Any, pk: Any = None) -> Response:
        # 404 for whoever does not see the review, 403 for those who see it (the tutor, the
        # newcomer, their manager) but do not coordinate its organisation.
        review = get_review_for(request.user, pk)
        data = s.ReviewedSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.closing_review_mark_reviewed(
            review=review, note=data.validated_data["note"], by=person_of(request.user)
        )
        return Response(self.get_serializer(review).data)


# -- plain paths ------------------------------------------------------------------------------------


class DashboardView(APIView):
    """The coordinator's figures for the organisations they manage, and the manager's newcomers."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.DashboardSerializer)
    def get(self, request: Any) -> Response:
        viewer = _viewer(request)
        body: dict[str, Any] = {
            "by_phase": {},
            "late_tasks": 0,
            "kits_not_ready": [],
            "time_to_autonomy": [],
        }
        if check(request.user, "onboarding.add_journey"):
            data = figures.coordinator_dashboard(viewer)
            body["by_phase"] = {value: count for value, _label, count in data["by_phase"]}
            body["late_tasks"] = data["late_count"]
            body["kits_not_ready"] = [
                {
                    "journey": str(j.pk),
                    "newcomer": str(j.newcomer),
                    "start_date": j.start_date,
                    "not_ready": j.unready,
                }
                for j in data["kits"]
            ]
            body["time_to_autonomy"] = [
                {"function": b.label, "average_days": round(b.value, 1), "journeys": b.count}
                for b in data["bars"]
            ]
        body["my_newcomers"] = (
            [
                {
                    "journey": str(j.pk),
                    "newcomer": str(j.newcomer),
                    "phase": j.phase,
                    "late_tasks": j.late,
                }
                for j in figures.manager_journeys(viewer)
            ]
            if viewer.person_id
            else []
        )
        return Response(body)


class CompetencyHistoryView(APIView):
    """A person's competency observations across journeys, kept after closure."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.CompetencyHistorySerializer(many=True))
    def get(self, request: Any, person_pk: Any) -> Response:
        person = get_person_for(request.user, person_pk)
        rows = history.competency_history(user=request.user, person=person)
        for row in rows:
            for obs in row["observations"]:
                record_access(obs)
        return Response(s.CompetencyHistorySerializer(rows, many=True).data)


PARTS = [
    ("template-tasks", TemplateTask, s.TemplateTaskSerializer),
    ("kit-items", KitItem, s.KitItemSerializer),
    ("competencies", Competency, s.CompetencySerializer),
    ("supports", Support, s.SupportSerializer),
    ("template-reminders", TemplateReminder, s.TemplateReminderSerializer),
]


def register(router: Any) -> None:
    """Register this app's viewsets on the shared v1 router."""
    p = "onboarding"
    router.register(f"{p}/templates", TemplateViewSet, basename="onboarding-template")
    router.register(f"{p}/template-versions", TemplateVersionViewSet, basename="onboarding-version")
    for prefix, model, serializer in PARTS:
        router.register(
            f"{p}/{prefix}", _part_viewset(model, serializer), basename=f"onboarding-{prefix}"
        )
    router.register(f"{p}/contacts", OrgContactViewSet, basename="onboarding-contact")
    router.register(f"{p}/tutors", TutorProfileViewSet, basename="onboarding-tutor")
    router.register(f"{p}/journeys", JourneyViewSet, basename="onboarding-journey")
    router.register(f"{p}/tasks", JourneyTaskViewSet, basename="onboarding-task")
    router.register(f"{p}/kit-checks", KitCheckViewSet, basename="onboarding-kit-check")
    router.register(f"{p}/introductions", IntroductionViewSet, basename="onboarding-introduction")
    router.register(f"{p}/reminders", ReminderViewSet, basename="onboarding-reminder")
    router.register(f"{p}/observations", ObservationViewSet, basename="onboarding-observation")
    router.register(f"{p}/shadowing", ShadowingViewSet, basename="onboarding-shadowing")
    router.register(f"{p}/feedback", FeedbackViewSet, basename="onboarding-feedback")
    router.register(
        f"{p}/closing-reviews", ClosingReviewViewSet, basename="onboarding-closing-review"
    )


api_paths = [
    path("onboarding/dashboard/", DashboardView.as_view(), name="onboarding-dashboard"),
    path(
        "onboarding/people/<uuid:person_pk>/competencies/",
        CompetencyHistoryView.as_view(),
        name="onboarding-person-competencies",
    ),
]

__all__ = ["register", "api_paths", "transaction"]
