"""Dashboards (facilitator across organisations; coordinator fill and attendance rates as inline SVG
charts — counts only, never content) and group composition from a pool."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import require
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import compose as composer
from .. import rules as group_rules
from ..forms import limit
from ..models import Group, Kind, Session
from ..selectors import compose_candidates, coordinated_organisations, coordinator_stats_for
from .groups import add_errors, me


@login_required
def dashboard(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    context: dict[str, Any] = {}
    if viewer.person_id:
        facilitated = (
            Group.objects.filter(facilitators=viewer.person_id).for_list().order_by("name")
        )
        context["facilitated"] = facilitated
        context["next_sessions"] = (
            Session.objects.upcoming()
            .filter(group__facilitators=viewer.person_id)
            .select_related("group__organisation", "site")[:10]
        )
    stats = coordinator_stats_for(request.user)
    if stats is not None:
        context.update(stats)
        context["managed"] = coordinated_organisations(request.user)
    return render(request, "groups/dashboard.html", context)


class ComposeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_l("Organisation"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(label=_l("Kind"), choices=Kind.choices)
    name = forms.CharField(label=_l("Name of the groups"), max_length=150)
    hard_questions = forms.BooleanField(
        label=_l("For questions hard to raise at work"), required=False, initial=True
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_l("Facilitators"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    candidates = forms.ModelMultipleChoiceField(
        label=_l("Candidates"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )


@login_required
def compose(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "groups.compose_group")
    orgs = coordinated_organisations(request.user)
    form = ComposeForm(request.POST or None)
    limit(form, "organisation", orgs)
    limit(form, "candidates", compose_candidates(request.user))
    limit(
        form,
        "facilitators",
        Person.objects.filter(group_rules.facilitator_candidates_q(orgs.values("pk"))).distinct(),
    )
    proposal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        candidates = list(data["candidates"])
        try:
            if "confirm" in request.POST:
                by_id = {str(p.pk): p for p in candidates}
                assignment: dict[int, list[Person]] = {}
                for key, person in by_id.items():
                    raw = request.POST.get(f"group_{key}", "")
                    if raw.isdigit() and int(raw) > 0:
                        assignment.setdefault(int(raw), []).append(person)
                created = composer.confirm(
                    assignment=assignment,
                    organisation=data["organisation"],
                    kind=data["kind"],
                    name=data["name"],
                    facilitators=list(data["facilitators"]),
                    created_by=me(request),
                    hard_questions=data["hard_questions"],
                )
                messages.success(request, _("%(n)s groups were created.") % {"n": len(created)})
                return redirect("groups:list")
            proposal = composer.propose(
                candidates=candidates, kind=data["kind"], hard_questions=data["hard_questions"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
    groups = (
        [
            (index + 1, people, reasons)
            for index, (people, reasons) in enumerate(
                zip(proposal.groups, proposal.reasons, strict=True)
            )
        ]
        if proposal
        else []
    )
    return render(
        request,
        "groups/compose.html",
        {"form": form, "proposal": proposal, "proposed": groups},
    )
