"""The catalogue: the modules, one module's page (its requirements and sessions)."""

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
from ..forms import ModuleForm, SessionForm
from ..models import TrainingModule
from .common import actor


@login_required
def catalogue(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "training.view_trainingmodule")
    viewer = viewer_for(request.user)
    organisations = selectors.managed_organisations(viewer)
    form = ModuleForm(prefix="m", organisations=organisations)
    if request.method == "POST":
        form = ModuleForm(request.POST, prefix="m", organisations=organisations)
        if form.is_valid():
            try:
                module = services.module_save(
                    module=form.save(commit=False),
                    staff_roles=form.cleaned_data["staff_roles"],
                    by=actor(request),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The training module is saved."))
                return redirect("training:module", pk=module.pk)
    modules = selectors.modules_for(viewer).prefetch_related("requirements")
    return render(request, "training/catalogue.html", {"modules": modules, "form": form})


@login_required
def module_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    module = selectors.get_module_for(request.user, pk, "view")
    viewer = viewer_for(request.user)
    organisations = selectors.managed_organisations(viewer)
    form = ModuleForm(prefix="m", instance=module, organisations=organisations)
    session_form = SessionForm(prefix="s")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "edit":
                module = selectors.get_module_for(request.user, pk, "change")
                form = ModuleForm(
                    request.POST, prefix="m", instance=module, organisations=organisations
                )
                if form.is_valid():
                    services.module_save(
                        module=form.save(commit=False),
                        staff_roles=form.cleaned_data["staff_roles"],
                        by=actor(request),
                    )
                    messages.success(request, _("The training module is saved."))
                    return redirect("training:module", pk=module.pk)
            elif action == "session":
                session_form = SessionForm(request.POST, prefix="s")
                if session_form.is_valid():
                    try:
                        session = services.session_schedule(
                            module=module, by=actor(request), **session_form.cleaned_data
                        )
                    except ValidationError as exc:
                        add_errors(session_form, exc)
                    else:
                        messages.success(request, _("The session is planned."))
                        return redirect("training:session", pk=session.pk)
            elif action == "delete":
                module = selectors.get_module_for(request.user, pk, "delete")
                asked = ask_first(
                    request,
                    title=_("Delete the module « %(name)s »?") % {"name": module.name},
                    question=_("The module %(name)s leaves the catalogue. This cannot be undone.")
                    % {"name": module.name},
                    confirm=_("Yes, delete the module"),
                    back=reverse("training:module", args=[module.pk]),
                )
                if asked is not None:
                    return asked
                services.module_delete(module=module, by=actor(request))
                messages.success(request, _("The training module is deleted."))
                return redirect("training:catalogue")
        except ValidationError as exc:
            add_errors(session_form if action == "session" else form, exc)
    return render(
        request,
        "training/module_detail.html",
        {
            "module": module,
            "form": form,
            "session_form": session_form,
            "sessions": module.sessions.order_by("-held_on"),
            "roles": [r.get_role_display() for r in module.requirements.all()],
            "audiences": TrainingModule.Audience,
        },
    )
