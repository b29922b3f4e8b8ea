"""Dashboards (facilitator across organisations; coordinator fill and attendance rates as inline SVG
charts — counts only, never content) and group composition from a pool."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import require
from entrepairs.organisations.models import Organisation, Role
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from . import compose as composer
from .forms import limit
from .models import Attendance, Group, Kind, Session, size_limits
from .views import add_errors, me


def bars(rows: list[tuple[str, float]], *, label: str) -> dict[str, Any]:
    """Data for an inline SVG bar chart (rates 0..1), drawn by the template: no JS library."""
    height = 26
    return {
        "label": label,
        "height": height * len(rows) + 10,
        "bars": [
            {
                "name": name,
                "y": i * height + 5,
                "text_y": i * height + 22,
                "width": round(max(0.0, min(rate, 1.0)) * 300, 1),
                "percent": round(rate * 100),
            }
            for i, (name, rate) in enumerate(rows)
        ],
    }


def coordinator_stats(org_ids: set[Any]) -> dict[str, Any]:
    groups = list(
        Group.objects.filter(Q(organisation_id__in=org_ids) | Q(organisations__in=org_ids))
        .distinct()
        .annotate(
            active=Count("members", filter=Q(members__status="active"), distinct=True),
            present=Count(
                "sessions__attendance",
                filter=Q(sessions__attendance__status=Attendance.Status.PRESENT),
                distinct=True,
            ),
            recorded=Count("sessions__attendance", distinct=True),
        )
        .order_by("name")
    )
    fill = [(g.name, g.active / size_limits(g.kind)[1]) for g in groups]
    rate = [(g.name, (g.present / g.recorded) if g.recorded else 0.0) for g in groups]
    teams = (
        Attendance.objects.filter(member__person__organisation_id__in=org_ids)
        .values("member__person__team__name")
        .annotate(
            total=Count("pk"), present=Count("pk", filter=Q(status=Attendance.Status.PRESENT))
        )
        .order_by("member__person__team__name")
    )
    per_team = [
        (row["member__person__team__name"] or _("No team"), row["present"] / row["total"])
        for row in teams
        if row["total"]
    ]
    return {
        "groups": groups,
        "fill_chart": bars(fill, label=_("Fill rate per group")),
        "group_chart": bars(rate, label=_("Attendance rate per group")),
        "team_chart": bars(per_team, label=_("Attendance rate per team")),
    }


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
    if viewer.managed_orgs:
        context.update(coordinator_stats(viewer.managed_orgs))
        context["managed"] = Organisation.objects.filter(pk__in=viewer.managed_orgs)
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
    viewer = viewer_for(request.user)
    orgs = Organisation.objects.filter(pk__in=viewer.managed_orgs)
    form = ComposeForm(request.POST or None)
    limit(form, "organisation", orgs)
    limit(
        form,
        "candidates",
        (
            Person.objects.filter(organisation__in=orgs, is_active=True)
            .exclude(profession="")
            .select_related("team", "organisation")
            .order_by("last_name", "first_name")
        ),
    )
    limit(
        form,
        "facilitators",
        Person.objects.filter(
            memberships__organisation__in=orgs, memberships__role=Role.FACILITATOR
        ).distinct(),
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
