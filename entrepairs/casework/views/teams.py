"""Core teams: composition warnings, members' working time, caps, leave and loads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Team
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .. import selectors, services
from ..forms import LeaveForm, ProfileForm, ProposeForm
from ..models import Leave, MemberProfile
from .leave import leave_panel_context


@login_required
def home(request: AuthedHttpRequest) -> HttpResponse:
    teams = list(selectors.core_teams_for(viewer_for(request.user)))
    warnings = selectors.team_warnings(teams)
    rows = [{"team": t, "warnings": warnings[t.pk]} for t in teams]
    viewer = viewer_for(request.user)
    team_work = {
        "trend_teams": list(selectors.trend_teams_for(viewer)[:500]),
        "my_audits": list(selectors.audits_to_conduct(viewer)[:100]),
    }
    return render(request, "casework/home.html", {"rows": rows, **team_work})


def team_context(request: AuthedHttpRequest, team: Team, **extra: object) -> dict:
    overview = selectors.team_overview(team)
    is_member = check(request.user, "casework.allocate_coreteam", team)
    proposals = (
        list(
            selectors.proposals_for(viewer_for(request.user))
            .filter(core_team=team)
            .order_by("-created_at")[:10]
        )
        if is_member
        else []
    )
    return {
        "overview": overview,
        "team": team,
        "is_member": is_member,
        "can_set_profiles": check(request.user, "casework.change_memberprofile", team),
        "proposals": proposals,
        "me": selectors.person_of(request.user) if is_member else None,
        "propose_form": ProposeForm(),
        **leave_panel_context(request, team, is_member),
        **extra,
    }


@login_required
def team_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_core_team_for(request.user, pk)
    return render(request, "casework/team.html", team_context(request, team))


def _member(request: AuthedHttpRequest, team_pk: str, person_pk: str) -> tuple:
    team = selectors.get_core_team_for(request.user, team_pk)
    person = get_visible_or_404(Person.objects.filter(team=team), pk=person_pk)
    return team, person


@login_required
def member_profile(request: AuthedHttpRequest, pk: str, person_pk: str) -> HttpResponse:
    team, person = _member(request, pk, person_pk)
    require(request.user, "casework.change_memberprofile", team)
    profile = MemberProfile.objects.filter(person=person).first()
    initial = {"fte": profile.fte, "max_caseload": profile.max_caseload} if profile else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_profile_save(
                person=person,
                fte=form.cleaned_data["fte"],
                max_caseload=form.cleaned_data["max_caseload"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Working time and maximum caseload saved."))
            return redirect("casework:team", pk=team.pk)
    leaves = Leave.objects.filter(person=person).order_by("-starts_on")[:10]
    return render(
        request,
        "casework/member.html",
        {"team": team, "person": person, "form": form, "leaves": leaves, "leave_form": LeaveForm()},
    )


@login_required
def leave_add(request: AuthedHttpRequest, pk: str, person_pk: str) -> HttpResponse:
    team, person = _member(request, pk, person_pk)
    require(request.user, "casework.add_leave", team)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            leave = services.leave_record(
                person=person,
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Leave recorded."))
            if check(request.user, "casework.view_leavecover", leave):
                return redirect("casework:leave", pk=leave.pk)
            return redirect("casework:team", pk=team.pk)
    return render(
        request, "casework/leave_form.html", {"team": team, "person": person, "form": form}
    )
