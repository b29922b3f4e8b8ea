"""A coordinator's settings of the groups module: absence threshold, holidays region, programme
year, closures, the organisation's own techniques."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import ask_first, get_visible_or_404

from .. import services
from ..models import Closure, GroupSettings, HolidayRegion, Technique
from ..selectors import coordinated_organisations


class SettingsForm(forms.ModelForm):
    # The model's labelled regions (HolidayRegion), never a raw subdivision code.
    holiday_region = forms.ChoiceField(
        label=_l("Public holidays region"), choices=HolidayRegion.choices, required=False
    )

    class Meta:
        model = GroupSettings
        fields = ["absence_threshold", "holiday_region", "programme_year_start_month"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left out (an older form, a script): the month stays as it is.
        self.fields["programme_year_start_month"].required = False

    def clean_programme_year_start_month(self) -> int:
        chosen = self.cleaned_data.get("programme_year_start_month")
        return int(chosen or self.instance.programme_year_start_month)


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["label", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }


class TechniqueForm(forms.ModelForm):
    class Meta:
        model = Technique
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


@login_required
def group_settings(request: AuthedHttpRequest, org_pk: Any) -> HttpResponse:
    org = get_visible_or_404(coordinated_organisations(request.user), pk=org_pk)
    current = GroupSettings.for_organisation(org.pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = SettingsForm(
        request.POST if action == "settings" else None, instance=current, prefix="s"
    )
    closure_form = ClosureForm(request.POST if action == "closure" else None, prefix="c")
    technique_form = TechniqueForm(request.POST if action == "technique" else None, prefix="t")
    if action == "settings" and form.is_valid():
        try:
            services.groups_settings_save(settings=form.save(commit=False))
        except ValidationError as exc:  # a new year month that would crowd a group's year
            add_errors(form, exc)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("groups:settings", org_pk=org.pk)
    if action == "closure" and closure_form.is_valid():
        closure = closure_form.save(commit=False)
        closure.organisation = org
        try:
            closure.full_clean()
        except ValidationError as exc:
            closure_form.add_error(None, exc)
        else:
            closure.save()
            messages.success(request, _("The closure was added."))
            return redirect("groups:settings", org_pk=org.pk)
    if action == "technique" and technique_form.is_valid():
        technique = technique_form.save(commit=False)
        technique.organisation = org
        technique.slug = slugify(technique.name)[:60] or "technique"
        if Technique.objects.filter(organisation=org, slug=technique.slug).exists():
            technique_form.add_error("name", _("This technique already exists."))
        else:
            technique.save()
            messages.success(request, _("The technique was added to the catalogue."))
            return redirect("groups:settings", org_pk=org.pk)
    if action == "delete_closure":
        closure = get_visible_or_404(org.closures.all(), pk=request.POST.get("closure"))
        asked = ask_first(
            request,
            title=_("Remove this closure?"),
            question=_("%(closure)s: sessions may be planned on these days again.")
            % {"closure": closure},
            confirm=_("Yes, remove"),
            back=reverse("groups:settings", args=[org.pk]),
        )
        if asked is not None:
            return asked
        closure.delete()
        return redirect("groups:settings", org_pk=org.pk)
    if action and action not in ("settings", "closure", "technique"):
        raise PermissionDenied
    return render(
        request,
        "groups/settings.html",
        {
            "org": org,
            "form": form,
            "closure_form": closure_form,
            "technique_form": technique_form,
            "closures": org.closures.all(),
            "techniques": Technique.objects.filter(organisation=org),
        },
    )
