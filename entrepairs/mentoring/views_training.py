"""Staff training (seed 001, 7g): modules, completions and the compliance view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import require
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from . import services
from .forms import StaffCompletionForm, TrainingModuleForm
from .models import TrainingModule
from .rules import staff_orgs
from .training import compliance
from .views_common import actor, form_error, staff_organisations


@login_required
def staff_training(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "mentoring.view_trainingmodule")
    orgs = staff_orgs(viewer_for(request.user))
    modules_qs = TrainingModule.objects.filter(organisation_id__in=orgs)
    module_form = TrainingModuleForm(prefix="m", organisations=staff_organisations(request))
    people = Person.objects.filter(organisation_id__in=orgs).order_by("last_name")
    staff_modules = modules_qs.filter(audience=TrainingModule.Audience.STAFF)
    completion_form = StaffCompletionForm(prefix="c", people=people, modules=staff_modules)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "module":
                module_form = TrainingModuleForm(
                    request.POST, prefix="m", organisations=staff_organisations(request)
                )
                if module_form.is_valid():
                    services.training_module_save(
                        module=module_form.save(commit=False), by=actor(request)
                    )
                    messages.success(request, _("The training module is saved."))
                    return redirect("mentoring:training")
            elif action == "completion":
                completion_form = StaffCompletionForm(
                    request.POST,
                    prefix="c",
                    people=people,
                    modules=staff_modules,
                )
                if completion_form.is_valid():
                    services.training_record(by=actor(request), **completion_form.cleaned_data)
                    messages.success(request, _("The completion is recorded."))
                    return redirect("mentoring:training")
        except ValidationError as exc:
            form_error(module_form if action == "module" else completion_form, exc)
    modules, rows = compliance(orgs, timezone.localdate())
    return render(
        request,
        "mentoring/training.html",
        {
            "modules": modules,
            "rows": rows,
            "all_modules": modules_qs.order_by("audience", "name"),
            "module_form": module_form,
            "completion_form": completion_form,
        },
    )
