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
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import require
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person
from entrepairs.people.picker import PeoplePicker, use_picker
from entrepairs.people.selectors import people_visible_to

from .. import compose as composer
from ..forms import limit
from ..models import Group, Kind, Session
from ..selectors import (
    compose_candidates,
    compose_people,
    coordinated_organisations,
    coordinator_stats_for,
    hierarchy_breaches_for,
    people_in_reach,
)
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
        context["breaches"] = hierarchy_breaches_for(request.user)
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
        label=_l("Facilitators"), queryset=Person.objects.none(), widget=PeoplePicker()
    )
    # A pool to tick from, filtered by team, profession and organisation, each with a group number
    # typed beside it (compose.html): a table of the coordinator's staff, not a person picker.
    candidates = forms.ModelMultipleChoiceField(
        label=_l("Candidates"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )


def _assignment(
    post: Any, candidates: list[Person]
) -> tuple[dict[int, list[Person]], list[Person]]:
    """The group number typed for each candidate, and those left out (0 or blank)."""
    assignment: dict[int, list[Person]] = {}
    left_out = []
    for person in candidates:
        raw = post.get(f"group_{person.pk}", "").strip()
        if raw.isdigit() and int(raw) > 0:
            assignment.setdefault(int(raw), []).append(person)
        else:
            left_out.append(person)
    return assignment, left_out


def _chosen(request: AuthedHttpRequest, form: ComposeForm) -> dict[Any, Person] | None:
    """The ticked candidates the coordinator may compose from, or None with each refused one
    named next to the field (`selectors.compose_people`)."""
    ids = [p.pk for p in form.cleaned_data["candidates"]]
    try:
        return compose_people(request.user, ids, field="candidates")
    except ValidationError as exc:
        add_errors(form, exc)
        return None


@login_required
def compose(request: AuthedHttpRequest) -> HttpResponse:
    """Tick candidates (filters by team, profession, organisation; select all), get a proposal,
    adjust group numbers by hand, check them again, create the groups. Hand edits are checked
    before anything is created (compose.confirm): hard breaches block, soft ones are shown."""
    require(request.user, "groups.compose_group")
    orgs = coordinated_organisations(request.user)
    form = ComposeForm(request.POST or None)
    pool = compose_candidates(request.user).select_related("line_manager")
    limit(form, "organisation", orgs)
    # The table lists the pool; any person the coordinator sees is accepted here so that the one
    # refused is named with the reason (selectors.compose_people, as in the API), not "not one
    # of the available choices".
    limit(form, "candidates", people_visible_to(request.user))
    # The picker suggests the facilitators of the coordinated organisations; anyone in reach is
    # accepted so that the service says why one may not lead (as the API).
    use_picker(
        form,
        ["facilitators"],
        "groups.facilitators",
        request.user,
        accepted=people_in_reach(request.user),
        compose=1,
    )
    proposed: list[tuple[int, list[Person], list[str]]] = []
    left_out: list[Person] = []
    report: list[tuple[str, bool, str]] = []
    status = ""
    chosen = _chosen(request, form) if request.method == "POST" and form.is_valid() else None
    if chosen is not None:
        data = dict(form.cleaned_data)  # a refusal's add_error drops the field from cleaned_data
        candidates = [chosen[p.pk] for p in data["candidates"]]
        edited = "confirm" in request.POST or "check" in request.POST
        assignment, left_out = _assignment(request.POST, candidates) if edited else ({}, [])
        try:
            if "confirm" in request.POST:
                done = composer.confirm(
                    assignment=assignment,
                    organisation=data["organisation"],
                    kind=data["kind"],
                    name=data["name"],
                    facilitators=list(data["facilitators"]),
                    created_by=me(request),
                    hard_questions=data["hard_questions"],
                    left_out=len(left_out),
                )
                messages.success(
                    request,
                    ngettext(
                        "%(n)s group was created.", "%(n)s groups were created.", len(done.groups)
                    )
                    % {"n": len(done.groups)},
                )
                for warning in done.warnings:
                    messages.warning(request, warning)
                return redirect("groups:list")
            if not edited:
                proposal = composer.propose(
                    candidates=candidates,
                    kind=data["kind"],
                    hard_questions=data["hard_questions"],
                    facilitators=list(data["facilitators"]),
                )
                left_out = proposal.left_out
                proposed = [
                    (n, people, reasons)
                    for n, (people, reasons) in enumerate(
                        zip(proposal.groups, proposal.reasons, strict=True), 1
                    )
                ]
                report, status = proposal.constraints, proposal.status
        except ValidationError as exc:
            add_errors(form, exc)
        if edited:
            # The groups as the coordinator left them, with the rules checked again.
            proposed = [
                (n, people, composer.group_reasons(people, hard_questions=data["hard_questions"]))
                for n, people in sorted(assignment.items())
            ]
            report = composer.check(
                assignment=assignment,
                kind=data["kind"],
                hard_questions=data["hard_questions"],
                left_out=len(left_out),
                facilitators=list(data["facilitators"]),
            ).report
    candidates_list = list(pool)
    selected = {str(x) for x in request.POST.getlist("candidates")}
    return render(
        request,
        "groups/compose.html",
        {
            "form": form,
            "proposed": proposed,
            "left_out": left_out,
            "report": report,
            "status": status,
            "candidates": candidates_list,
            "selected": selected,
            "teams": sorted({str(p.team) for p in candidates_list if p.team_id}),
            "professions": sorted(
                {(p.profession, p.get_profession_display()) for p in candidates_list},
                key=lambda x: x[1],
            ),
            "organisations": sorted({str(p.organisation) for p in candidates_list}),
        },
    )
