"""Import and export of people in the JSON API: the same checks and writes as the pages and the command.

A file of more than IMPORT_INLINE_ROWS rows is checked in the request (errors answer 400 at once),
then written by the worker: the answer is 202 with the run, followed at /people/imports/<id>/.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.status import HTTP_202_ACCEPTED
from rest_framework.views import APIView

from entrepairs.core import uploads
from entrepairs.core.api.fields import BaseModelSerializer
from entrepairs.core.permissions import check
from entrepairs.organisations.models import Organisation, Team

from .. import exports, imports
from ..import_runs import runs_in_background
from ..models import ImportRun, Profession
from ..rules import NewPersonOf
from ..selectors import exportable_people, get_import_run_for
from ..tasks import import_start
from .people import ChangeWarningSerializer


def _organisation(value: str) -> Organisation | None:
    """An organisation by id or by short name."""
    try:
        found = Organisation.objects.filter(pk=value).first()
    except (DjangoValidationError, ValueError):
        found = None
    return found or Organisation.objects.filter(slug=value).first()


class PersonImportSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV (UTF-8, UTF-8 with BOM or Windows-1252; `,` or `;`) or XLSX. Limits (server "
        "settings; defaults): 2 MB as sent (UPLOAD_MAX_BYTES), 50 MB unpacked, 10,000 rows besides "
        "the header, 100 columns, 2,000,000 cells, 20 s of reading. A file past one is refused "
        "with 400 and `fields.file` naming the limit; nothing is written."
    )
    organisation = serializers.CharField(
        help_text="Id or short name (slug) of the organisation to import into."
    )
    dry_run = serializers.BooleanField(
        default=True,
        help_text="true (default): check only. false: write, if and only if every row is clean.",
    )

    def validate_file(self, upload: Any) -> Any:
        try:
            uploads.check_size(upload.size)
        except uploads.UploadError as exc:
            raise serializers.ValidationError(exc.message, code=exc.code) from exc
        return upload


_ROW_FIELDS: dict[str, serializers.Field] = {
    "line": serializers.IntegerField(help_text="Line of the file (the header is line 1)."),
    "action": serializers.CharField(help_text="`create` or `update`."),
    "changes": serializers.ListField(
        child=serializers.CharField(), help_text="Columns an update changes."
    ),
    "errors": serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by column; `row` for the line as a whole.",
    ),
    "warnings": ChangeWarningSerializer(
        many=True,
        help_text="What this row's new line manager breaks elsewhere (a group where the new "
        "chain sits): the row is applied all the same. A dry run lists what the real run will "
        "report; the real run also notifies the coordinators of each group concerned.",
    ),
}
_RESULT = inline_serializer(
    name="PersonImportResult",
    fields={
        "rows": inline_serializer(name="PersonImportRow", fields=_ROW_FIELDS, many=True),
        "created": serializers.IntegerField(),
        "updated": serializers.IntegerField(),
        "unchanged": serializers.IntegerField(help_text="Updates that change nothing."),
        "valid": serializers.BooleanField(),
        "dry_run": serializers.BooleanField(),
    },
)


class ImportRunSerializer(BaseModelSerializer):
    url = serializers.SerializerMethodField(help_text="Where to follow this import.")
    # DRF takes declared fields off the class, so `Serializer.errors` keeps working.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
        help_text="When it failed on rows: messages by line of the file, then by column "
        "(`row` for the line as a whole). Nothing was written.",
        read_only=True,
    )
    error = serializers.CharField(
        help_text="When it failed as a whole (unreadable file, unexpected error).",
        read_only=True,
    )
    warnings = serializers.DictField(
        child=ChangeWarningSerializer(many=True),
        help_text="When done: by line of the file, what the row's new line manager breaks "
        "elsewhere (a group where the new chain sits); the rows were applied all the same.",
        read_only=True,
    )

    class Meta:
        model = ImportRun
        fields = [
            "id",
            "url",
            "organisation",
            "filename",
            "rows",
            "status",
            "created",
            "updated",
            "unchanged",
            "errors",
            "error",
            "warnings",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_url(self, run: ImportRun) -> str:
        path = reverse("person-import-run", args=[run.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class PersonImportView(APIView):
    """Check (and with dry_run=false, apply) a file of people for one organisation."""

    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="people_import",
        request={"multipart/form-data": PersonImportSerializer},
        responses={
            200: _RESULT,
            202: OpenApiResponse(
                response=ImportRunSerializer,
                description="dry_run=false with a clean file of more rows than the server's "
                "IMPORT_INLINE_ROWS (200 by default): the file is written in the background. "
                "Follow the run at `url` (also in the Location header) until `status` is "
                "`done` or `failed`.",
            ),
            400: OpenApiResponse(
                description="Unreadable file, or a file past one of the upload limits (size "
                "packed or unpacked, rows, columns, cells, reading time), or dry_run=false with "
                "row errors: "
                "`fields` holds `file`, or `rows.<line>.<column>` for each row error; nothing written."
            ),
            403: OpenApiResponse(description="You may not manage the people of this organisation."),
        },
        description="Columns: "
        + ", ".join(imports.COLUMNS)
        + ". Required: first_name, last_name and one of "
        "email / external_id. A row updates the person of the organisation with the same e-mail, or else the same "
        "external id. Large files are written in the background (202). See docs/import-export.md.",
    )
    def post(self, request: Request) -> Response:
        form = PersonImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        organisation = _organisation(form.validated_data["organisation"])
        if organisation is None:
            raise exceptions.ValidationError({"organisation": [_("Unknown organisation.")]})
        if not check(request.user, "people.import_person", NewPersonOf(organisation.pk)):
            raise exceptions.PermissionDenied(
                _("You may not import people into this organisation.")
            )
        upload = form.validated_data["file"]
        dry_run = form.validated_data["dry_run"]
        try:
            data = uploads.read_upload(upload)
            preview = imports.preview_import(
                data=data, filename=upload.name, organisation=organisation, by=request.user
            )
        except uploads.UploadError as exc:
            raise exceptions.ValidationError({"file": [exc.message]}) from exc
        if not dry_run and preview.valid:
            if runs_in_background(len(preview.rows)):
                run = import_start(
                    organisation=organisation,
                    by=request.user,
                    filename=upload.name,
                    data=data,
                    rows=len(preview.rows),
                )
                body = ImportRunSerializer(run, context={"request": request}).data
                return Response(body, status=HTTP_202_ACCEPTED, headers={"Location": body["url"]})
            imports.apply_import(preview=preview)
        if not dry_run and not preview.applied:
            raise exceptions.ValidationError({"rows": preview.errors_by_line()})
        return Response(
            {
                "rows": [
                    {
                        "line": row.line,
                        "action": row.action,
                        "changes": row.changes,
                        "errors": row.errors,
                        "warnings": [warning.as_dict() for warning in row.warnings],
                    }
                    for row in preview.rows
                ],
                "created": preview.to_create,
                "updated": preview.to_update,
                "unchanged": preview.unchanged,
                "valid": preview.valid,
                "dry_run": dry_run,
            }
        )


class ImportRunView(APIView):
    """A file written in the background: its status, then what it did or why nothing was written."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="people_import_run",
        responses={
            200: ImportRunSerializer,
            404: OpenApiResponse(
                description="No such import, or you did not start it and do not manage its organisation."
            ),
        },
    )
    def get(self, request: Request, pk: str) -> Response:
        run = get_import_run_for(request.user, pk)
        return Response(ImportRunSerializer(run, context={"request": request}).data)


class _JSONForErrors(DefaultContentNegotiation):
    """`format` is this endpoint's own parameter (csv or xlsx), not DRF's renderer switch: errors stay JSON."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


class PersonExportView(APIView):
    permission_classes = [IsAuthenticated]
    content_negotiation_class = _JSONForErrors

    @extend_schema(
        operation_id="people_export",
        parameters=[
            OpenApiParameter("format", str, enum=list(exports.FORMATS), default="csv"),
            OpenApiParameter(
                "organisation",
                str,
                description="Id or short name; default: every organisation you manage.",
            ),
            OpenApiParameter("q", str, description="Words to find in names and e-mail."),
            OpenApiParameter("team", OpenApiTypes.UUID),
            OpenApiParameter("profession", str, enum=list(Profession.values)),
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, exports.FORMATS["xlsx"]): OpenApiTypes.BINARY,
            400: OpenApiResponse(description="Unknown format or filter."),
            403: OpenApiResponse(description="You may not manage these people."),
        },
        description="The people you may manage, with the columns the import reads: an export re-imports cleanly.",
    )
    def get(self, request: Request) -> HttpResponse:
        params = request.query_params
        fmt = params.get("format", "csv")
        if fmt not in exports.FORMATS:
            raise exceptions.ValidationError({"format": [_("Use csv or xlsx.")]})
        organisation = None
        if params.get("organisation"):
            organisation = _organisation(params["organisation"])
            if organisation is None:
                raise exceptions.ValidationError({"organisation": [_("Unknown organisation.")]})
            if not check(request.user, "people.export_person", NewPersonOf(organisation.pk)):
                raise exceptions.PermissionDenied(
                    _("You may not export the people of this organisation.")
                )
        elif not check(request.user, "people.export_person"):
            raise exceptions.PermissionDenied(_("You may not export people."))
        team = None
        if params.get("team"):
            try:
                team = Team.objects.filter(pk=params["team"]).first()
            except (DjangoValidationError, ValueError):
                team = None
            if team is None:
                raise exceptions.ValidationError({"team": [_("Unknown team.")]})
        profession = params.get("profession", "")
        if profession and profession not in Profession.values:
            raise exceptions.ValidationError({"profession": [_("Unknown profession.")]})
        people = exportable_people(
            request.user,
            q=params.get("q", ""),
            organisation=organisation,
            team=team,
            profession=profession,
        )
        response = HttpResponse(
            exports.export_people(people, fmt), content_type=exports.FORMATS[fmt]
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{exports.filename(fmt, organisation)}"'
        )
        return response
