"""Reports: each core team's caseload balance over time (figures only, never a case)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.organisations.viewer import viewer_for

from .. import reports, selectors


@login_required
def reports_home(request: AuthedHttpRequest) -> HttpResponse:
    teams = list(selectors.trend_teams_for(viewer_for(request.user)).select_related("parent"))
    latest = reports.latest_loads(teams, today=timezone.localdate())
    rows = [{"team": t, "loads": latest.get(t.pk)} for t in teams]
    return render(request, "casework/reports_home.html", {"rows": rows})


@login_required
def team_reports(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_figures_team_for(request.user, pk)
    today = timezone.localdate()
    history = reports.caseload_history(team, today=today)
    return render(
        request,
        "casework/reports_team.html",
        {
            "team": team,
            "history": history,
            "latest": history[-1] if history else None,
            "chart": reports.caseload_chart(history, today=today),
            "figures": reports.team_figures(team),
        },
    )
