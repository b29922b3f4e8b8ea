"""Training's JSON API: the catalogue, sessions and attendance, requirements per role,
completions and compliance. Each write calls one function of training.services.

The module list and the compliance view keep their former mentoring addresses too
(`mentoring/training-modules`, `mentoring/staff-training/`): API clients written before the move
keep working."""

from typing import Any

from django.http import Http404, HttpResponse
from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from entrepairs.core.api import RulesPermission
from entrepairs.core.api.schema import building_schema
from entrepairs.core.documents import response
from entrepairs.core.permissions import check
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person
from entrepairs.people.selectors import acting_person

from .. import selectors, services
from ..certificate import certificate_document, certificate_filename
from ..models import RoleRequirement, TrainingCompletion, TrainingModule, TrainingSession
from ..rules import managed_orgs
from . import serializers as s


def _actor(request: Any) -> Person | None:
    return acting_person(request.user)


def _require(request: Any, perm: str, obj: Any = None) -> None:
    if not check(request.user, perm, obj):
        raise PermissionDenied()


class TrainingModuleViewSet(viewsets.ModelViewSet):
    """Training modules: for mentors (programme requirements) and staff (required per role)."""

    serializer_class = s.TrainingModuleSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    queryset = TrainingModule.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return TrainingModule.objects.none()
        return selectors.modules_for(viewer_for(self.request.user)).prefetch_related("requirements")

    def _save(self, serializer: Any, module: TrainingModule) -> None:
        data = dict(serializer.validated_data)
        roles = data.pop("staff_roles", None)
        for key, value in data.items():
            setattr(module, key, value)
        serializer.instance = services.module_save(
            module=module, staff_roles=roles, by=_actor(self.request)
        )

    def perform_destroy(self, instance: TrainingModule) -> None:
        services.module_delete(module=instance, by=_actor(self.request))

    def perform_create(self, serializer: Any) -> None:
        self._save(serializer, TrainingModule())

    def perform_update(self, serializer: Any) -> None:
        self._save(serializer, serializer.instance)


class TrainingSessionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Dated sessions of a module; recording the attendance records each attendee's completion."""

    serializer_class = s.TrainingSessionSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    queryset = TrainingSession.objects.none()
    permission_action = {"attendance": "change"}

    def get_queryset(self) -> Any:
        if building_schema(self):
            return TrainingSession.objects.none()
        return selectors.sessions_for(viewer_for(self.request.user)).prefetch_related("attendees")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.session_schedule(
            by=_actor(self.request), **serializer.validated_data
        )

    @extend_schema(request=s.AttendanceSerializer, responses=s.TrainingSessionSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request: Any, pk: Any = None) -> Response:
        session = self.get_object()
        data = s.AttendanceSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.session_record_attendance(
            session=session, people=data.validated_data["attendees"], by=_actor(request)
        )
        return Response(s.TrainingSessionSerializer(self.get_object()).data)


class RoleRequirementViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Which modules each role must have completed in the module's organisation."""

    serializer_class = s.RoleRequirementSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    queryset = RoleRequirement.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return RoleRequirement.objects.none()
        return selectors.requirements_for(viewer_for(self.request.user))

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.requirement_add(
            by=_actor(self.request), **serializer.validated_data
        )

    def perform_destroy(self, instance: RoleRequirement) -> None:
        services.requirement_remove(requirement=instance, by=_actor(self.request))


class TrainingCompletionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Completions the viewer may see: their own, and those of the organisations they manage."""

    serializer_class = s.TrainingCompletionSerializer
    lookup_value_converter = "uuid"
    queryset = TrainingCompletion.objects.none()

    def get_queryset(self) -> Any:
        if building_schema(self):
            return TrainingCompletion.objects.none()
        return selectors.completions_for(viewer_for(self.request.user))

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.completion_record(
            by=_actor(self.request), **serializer.validated_data
        )

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(description="PDF")},
    )
    @action(detail=True, methods=["get"])
    def certificate(self, request: Any, pk: Any = None) -> HttpResponse:
        """The certificate of completion (PDF)."""
        completion = selectors.get_completion_for(request.user, pk)
        return response(certificate_document(completion), certificate_filename(completion))


class MyTrainingsView(APIView):
    """The trainings required of the signed-in person (their roles, their programmes), their
    state and the coming sessions they may enrol to."""

    @extend_schema(responses=s.MyRequirementSerializer(many=True))
    def get(self, request: Any) -> Response:
        person = _actor(request)
        rows = selectors.my_trainings(person) if person is not None else []
        return Response(s.MyRequirementSerializer(rows, many=True).data)


class EnrolmentView(APIView):
    """The signed-in person takes (POST) or gives back (DELETE) a seat at a session of a training
    required of them, or of an organisation they manage."""

    @extend_schema(request=None, responses={201: OpenApiTypes.OBJECT})
    def post(self, request: Any, pk: Any) -> Response:
        session, person = self._target(request, pk)
        enrolment = services.session_enrol(session=session, person=person, by=person)
        return Response(
            {"id": str(enrolment.pk), "session": str(session.pk)}, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Any, pk: Any) -> Response:
        session, person = self._target(request, pk)
        services.session_withdraw(session=session, person=person, by=person)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _target(self, request: Any, pk: Any) -> tuple[TrainingSession, Person]:
        person = _actor(request)
        if person is None:
            raise Http404
        return selectors.enrollable_session_for(request.user, pk), person


class StaffComplianceView(APIView):
    """Required staff trainings per person and their state (ok, expiring, expired, missing)."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Any) -> Response:
        _require(request, "training.view_trainingmodule")
        modules, rows = selectors.compliance(
            managed_orgs(viewer_for(request.user)), timezone.localdate()
        )
        return Response(
            {
                "modules": [{"id": str(m.pk), "name": m.name} for m in modules],
                "teams": [
                    {"team": t.team, "compliant": t.compliant, "total": t.total}
                    for t in selectors.team_compliance(rows)
                ],
                "rows": [
                    {
                        "person": str(r.person.pk),
                        "name": str(r.person),
                        "roles": r.roles,
                        "compliant": r.compliant,
                        "cells": [
                            {
                                "module": str(c.module.pk),
                                "state": c.state,
                                "expires_on": c.expires_on,
                            }
                            for c in r.cells
                        ],
                    }
                    for r in rows
                ],
            }
        )

    @extend_schema(request=s.StaffCompletionSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request: Any) -> Response:
        data = s.StaffCompletionSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        c = services.completion_record(by=_actor(request), **data.validated_data)
        return Response(
            {"id": str(c.pk), "expires_on": c.expires_on}, status=status.HTTP_201_CREATED
        )


class TeamComplianceView(APIView):
    """The required trainings of the requester's team (their direct reports, as the people rule
    shows them): per person, each required module's state (ok, expiring, expired, missing)."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Any) -> Response:
        modules, rows = selectors.my_team_compliance(request.user, timezone.localdate())
        return Response(
            {
                "modules": [{"id": str(m.pk), "name": m.name} for m in modules],
                "rows": [
                    {
                        "person": str(r.person.pk),
                        "name": str(r.person),
                        "compliant": r.compliant,
                        "cells": [
                            {
                                "module": str(c.module.pk),
                                "state": c.state,
                                "completed_on": c.completed_on,
                                "expires_on": c.expires_on,
                            }
                            for c in r.cells
                        ],
                    }
                    for r in rows
                ],
            }
        )


def register(router: Any) -> None:
    """Register this app's viewsets on the shared v1 router."""
    router.register("training/modules", TrainingModuleViewSet, basename="training-module")
    router.register("training/sessions", TrainingSessionViewSet, basename="training-session")
    router.register(
        "training/requirements", RoleRequirementViewSet, basename="training-requirement"
    )
    router.register(
        "training/completions", TrainingCompletionViewSet, basename="training-completion"
    )
    # Former address (before training had its own app), kept for existing clients.
    router.register(
        "mentoring/training-modules", TrainingModuleViewSet, basename="mentoring-training-module"
    )


api_paths = [
    path("training/mine/", MyTrainingsView.as_view(), name="training-mine"),
    path(
        "training/sessions/<uuid:pk>/enrolment/",
        EnrolmentView.as_view(),
        name="training-enrolment",
    ),
    path("training/compliance/", StaffComplianceView.as_view(), name="training-compliance"),
    path("training/team/", TeamComplianceView.as_view(), name="training-team"),
    # Former address, kept for existing clients.
    path(
        "mentoring/staff-training/", StaffComplianceView.as_view(), name="mentoring-staff-training"
    ),
]
