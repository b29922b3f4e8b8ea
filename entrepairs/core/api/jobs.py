"""Background jobs for platform administrators: the jobs page as JSON, and its retry."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from ..jobs.board import STATES, job_retry, jobs_visible_to, may_see_jobs, rows_of
from .schema import building_schema


class JobSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField(
        source="label", help_text="What the job does, in the reader's language."
    )
    status = serializers.CharField(help_text="READY (queued), RUNNING or FAILED.")
    attempts = serializers.IntegerField(help_text="Attempts made so far.")
    max_attempts = serializers.IntegerField(help_text="Attempts allowed before it fails.")
    enqueued_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    run_after = serializers.DateTimeField(
        allow_null=True, help_text="When a planned retry runs; null when due now."
    )
    error = serializers.CharField(help_text="The class of the last error; empty if none.")
    error_words = serializers.CharField(help_text="The same in words, when it is a known one.")
    worker = serializers.CharField(help_text="The worker that ran it last.")
    beat_at = serializers.DateTimeField(
        allow_null=True, help_text="A running job's last heartbeat."
    )


STATE = OpenApiParameter(
    "state",
    OpenApiTypes.STR,
    enum=list(STATES),
    description="Which jobs: queued, running or failed (default).",
)


class JobViewSet(viewsets.GenericViewSet):
    """Queued, running and failed background jobs (platform administrators only). A job's
    arguments are never shown: they may name people."""

    serializer_class = JobSerializer

    def get_queryset(self) -> Any:
        from django_tasks_db.models import DBTaskResult

        if building_schema(self):
            return DBTaskResult.objects.none()
        state = self.request.query_params.get("state", "failed")
        if state not in STATES:
            raise ValidationError({"state": [_("Choose queued, running or failed.")]})
        return jobs_visible_to(self.request.user, state)

    @extend_schema(parameters=[STATE])
    def list(self, request: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(JobSerializer(rows_of(page), many=True).data)

    @extend_schema(request=None, responses=JobSerializer)
    @action(detail=True, methods=["post"])
    def retry(self, request: Any, pk: Any = None) -> Response:
        """Queue a failed job again, its attempts counted afresh."""
        if not may_see_jobs(request.user):
            raise PermissionDenied
        job = jobs_visible_to(request.user, "failed").filter(pk=pk).first()
        if job is None or not job_retry(result_id=job.pk, by=request.user):
            raise NotFound(_("No failed job with this id."))
        job.refresh_from_db()
        return Response(JobSerializer(rows_of([job])[0]).data)
