"""Requirements: which modules each role must have completed, per organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import ask_first, require
from entrepairs.organisations.viewer import viewer_for

from .. import selectors, services
from ..forms import RequirementForm
from .common import actor


@login_required
def requirements(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "training.view_rolerequirement")
    viewer = viewer_for(request.user)
    modules = selectors.modules_for(viewer)
    form = RequirementForm(prefix="r", modules=modules, user=request.user)
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            requirement = selectors.get_requirement_for(
                request.user, request.POST.get("requirement"), "delete"
            )
            asked = ask_first(
                request,
                title=_("Remove this requirement?"),
                question=_("%(requirement)s is no longer required.") % {"requirement": requirement},
                confirm=_("Yes, remove"),
                back=reverse("training:requirements"),
            )
            if asked is not None:
                return asked
            services.requirement_remove(requirement=requirement, by=actor(request))
            messages.success(request, _("The requirement is removed."))
            return redirect("training:requirements")
        form = RequirementForm(request.POST, prefix="r", modules=modules, user=request.user)
        if form.is_valid():
            try:
                services.requirement_add(by=actor(request), **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The requirement is added."))
                return redirect("training:requirements")
    return render(
        request,
        "training/requirements.html",
        {"requirements": selectors.requirements_for(viewer), "form": form},
    )
