"""Completions: who is up to date with the trainings their roles require, and recording one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import require
from entrepairs.organisations.viewer import viewer_for

from .. import selectors, services
from ..forms import CompletionForm
from ..models import TrainingModule
from ..rules import managed_orgs
from .common import actor

RECENT = 20


@login_required
def compliance(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "training.view_trainingcompletion")
    viewer = viewer_for(request.user)
    modules = selectors.modules_for(viewer).filter(audience=TrainingModule.Audience.STAFF)
    form = CompletionForm(prefix="c", modules=modules, user=request.user)
    if request.method == "POST":
        form = CompletionForm(request.POST, prefix="c", modules=modules, user=request.user)
        if form.is_valid():
            try:
                services.completion_record(by=actor(request), **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The completion is recorded."))
                return redirect("training:compliance")
    columns, rows = selectors.compliance(managed_orgs(viewer), timezone.localdate())
    return render(
        request,
        "training/compliance.html",
        {
            "modules": columns,
            "rows": rows,
            "teams": selectors.team_compliance(rows),
            "completion_form": form,
            "recent": selectors.managed_completions_for(viewer)[:RECENT],
        },
    )


@login_required
def team(request: AuthedHttpRequest) -> HttpResponse:
    """A team leader's table: their team's required trainings, person × requirement (up to date,
    renew before, expired, missing); cards on a phone. Whoever has no team sees an empty page."""
    modules, rows = selectors.my_team_compliance(request.user, timezone.localdate())
    return render(request, "training/team.html", {"modules": modules, "rows": rows})
