"""Import and export of people in the browser.

Import is two steps: upload → preview (nothing written) → confirm. Between the two the uploaded
bytes wait in the session under a random token (the session is shared by every app server,
unlike a local temporary file); confirm reads the file again and checks it again, since the
organisation's people may have changed in between. A file of more than IMPORT_INLINE_ROWS rows is
handed to the worker on confirm (an ImportRun) and its page follows the run.
"""

import base64
import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from entrepairs.core import uploads
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import require
from entrepairs.core.views.errors import bad_request
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.selectors import organisations_managed_by

from .. import exports, imports
from ..forms import PersonFilterForm
from ..import_runs import runs_in_background
from ..rules import NewPersonOf
from ..selectors import exportable_people, get_import_run_for
from ..tasks import import_start

SESSION_KEY = "people_import"


class PersonImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("File (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = uploads.Limits.from_settings()
        self.fields["file"].help_text = _(
            "At most %(size)s and %(rows)s rows. The first line names the columns."
        ) % {
            "size": filesizeformat(limits.bytes),
            "rows": number_format(limits.rows, force_grouping=True),
        }
        field = self.fields["organisation"]
        field.queryset = organisations
        choices = list(organisations[:2])
        if len(choices) == 1:
            field.initial = choices[0].pk
            field.widget = forms.HiddenInput()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            uploads.check_size(upload.size)
        except uploads.UploadError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from exc
        return upload


def _store(
    request: HttpRequest, *, organisation: Organisation, filename: str, data: bytes, rows: int
) -> str:
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "organisation": str(organisation.pk),
        "filename": filename,
        "data": base64.b64encode(data).decode("ascii"),
        "rows": rows,
    }
    return token


def _render(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    template = "people/import.html#import-area" if request.htmx else "people/import.html"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def person_import(request: HttpRequest) -> HttpResponse:
    require(request.user, "people.import_person")
    organisations = organisations_managed_by(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, organisations)
    form = PersonImportForm(
        request.POST or None, request.FILES or None, organisations=organisations
    )
    context: dict[str, Any] = {"form": form, "columns": imports.column_guide(), "preview": None}
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if not check(request.user, "people.import_person", NewPersonOf(organisation.pk)):
            raise PermissionDenied
        upload = form.cleaned_data["file"]
        try:
            data = uploads.read_upload(upload)
            preview = imports.preview_import(
                data=data, filename=upload.name, organisation=organisation, by=request.user
            )
        except uploads.UploadError as exc:
            form.add_error("file", exc.message)
        else:
            context["preview"] = preview
            request.session.pop(SESSION_KEY, None)
            context["background"] = runs_in_background(len(preview.rows))
            if preview.valid:
                context["token"] = _store(
                    request,
                    organisation=organisation,
                    filename=upload.name,
                    data=data,
                    rows=len(preview.rows),
                )
    return _render(request, context)


def _confirm(request: HttpRequest, organisations: Any) -> HttpResponse:
    pending = request.session.get(SESSION_KEY) or {}
    if not pending or not secrets.compare_digest(
        str(pending.get("token")), request.POST.get("token", "")
    ):
        messages.error(
            request, _("This import has expired or was already done; upload the file again.")
        )
        return redirect("people:import")
    organisation = organisations.filter(pk=pending["organisation"]).first()
    if organisation is None or not check(
        request.user, "people.import_person", NewPersonOf(organisation.pk)
    ):
        raise PermissionDenied
    request.session.pop(SESSION_KEY, None)
    rows = int(pending.get("rows", 0))
    if runs_in_background(rows):
        # The worker checks the file again when it starts: the people may change until then.
        run = import_start(
            organisation=organisation,
            by=request.user,
            filename=pending["filename"],
            data=base64.b64decode(pending["data"]),
            rows=rows,
        )
        return redirect(run)
    form = PersonImportForm(initial={"organisation": organisation.pk}, organisations=organisations)
    try:
        preview = imports.import_people(
            data=base64.b64decode(pending["data"]),
            filename=pending["filename"],
            organisation=organisation,
            commit=True,
            by=request.user,
        )
    except uploads.UploadError as exc:
        # The file was read once already: only a change of the rules between the two steps gets here.
        messages.error(request, exc.message)
        return redirect("people:import")
    if not preview.applied:
        messages.error(
            request,
            _(
                "The organisation's people changed since the preview and the file no longer fits: nothing was imported."
            ),
        )
        return _render(
            request,
            {"form": form, "columns": imports.column_guide(), "preview": preview},
            status=409,
        )
    message = _("%(created)d created, %(updated)d updated") % {
        "created": preview.to_create,
        "updated": preview.to_update,
    }
    if preview.unchanged:
        message += " " + _("(%(n)d without changes)") % {"n": preview.unchanged}
    messages.success(request, message)
    for line, warning in preview.warnings:
        messages.warning(
            request,
            format_html(
                '{} {} {} <a href="{}">{}</a>',
                _("Line %(line)s:") % {"line": line},
                warning.message,
                warning.fix,
                warning.url,
                _("Fix it"),
            ),
        )
    return redirect("people:list")


@login_required
@require_GET
def import_run(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """A background import: in progress (the status fragment polls itself), then its outcome."""
    run = get_import_run_for(request.user, pk)
    if request.htmx and request.GET.get("status") == run.status:
        # No news: nothing to swap, so screen readers do not hear the same status every 2 s.
        return HttpResponse(status=204)
    template = "people/import_run.html#run-status" if request.htmx else "people/import_run.html"
    return render(request, template, {"run": run})


@login_required
@require_GET
def person_import_blank(request: HttpRequest) -> HttpResponse:
    """A CSV file to fill in, its header line in the reader's language (the import reads it back,
    in French or in English)."""
    require(request.user, "people.import_person")
    response = HttpResponse(
        exports.to_csv(imports.blank_file_rows()), content_type=exports.FORMATS["csv"]
    )
    name = _("people-to-import")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
@require_GET
def person_export(request: HttpRequest) -> HttpResponse:
    """The list's current filters (q, organisation, team, profession) choose who is exported."""
    require(request.user, "people.export_person")
    fmt = request.GET.get("format", "csv")
    if fmt not in exports.FORMATS:
        return bad_request(request, _("Unknown format: use csv or xlsx."), reverse("people:list"))
    form = PersonFilterForm(request.GET, organisations=organisations_managed_by(request.user))
    if not form.is_valid():
        return bad_request(request, _("These filters are not valid."), reverse("people:list"))
    filters = form.cleaned_data
    people = exportable_people(
        request.user,
        q=filters["q"],
        organisation=filters["organisation"],
        team=filters["team"],
        profession=filters["profession"],
    )
    # The page's file speaks the reader's language; `columns=codes` gives the stable field names
    # and codes scripts read (as the API and the command do). The import reads both.
    labelled = request.GET.get("columns") != "codes"
    response = HttpResponse(
        exports.export_people(people, fmt, labelled=labelled), content_type=exports.FORMATS[fmt]
    )
    name = exports.filename(fmt, filters["organisation"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
