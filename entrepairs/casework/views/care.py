"""Incidents (point 7) and care plans, the projet pour l'enfant (point 9): pages."""

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entrepairs.core.audit import record_access
from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import confirm_page, require
from entrepairs.organisations.viewer import viewer_for

from .. import rules, selectors, services
from ..forms import (
    CarePlanDecisionForm,
    CarePlanForm,
    ConcernForm,
    IncidentActionForm,
    IncidentAnalysisForm,
    IncidentForm,
)
from ..models import CarePlan, Case, Incident

# -- incidents --------------------------------------------------------------------------------


@login_required
def incident_list(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_core_team_for(request.user, pk)
    require(request.user, "casework.view_incident", team)
    incidents = list(
        selectors.incidents_for(viewer_for(request.user))
        .filter(core_team=team)
        .order_by("status", "-occurred_on", "id")[:200]
    )
    children = selectors.incident_children(incidents)
    rows = [{"incident": i, "children": children[i.pk]} for i in incidents]
    return render(request, "casework/care_incident_list.html", {"team": team, "rows": rows})


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _team_cases(team: Any) -> Any:
    return (
        Case.objects.filter(core_team=team)
        .exclude(status=Case.Status.CLOSED)
        .select_related("child")
        .order_by("child__last_name", "child__first_name", "id")
    )


@login_required
def incident_new(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_core_team_for(request.user, pk)
    require(request.user, "casework.add_incident", team)
    cases = _team_cases(team)
    initial: dict[str, Any] = {"occurred_on": timezone.localdate()}
    wanted = [v for v in request.GET.getlist("case") if _is_uuid(v)]
    if wanted:
        initial["cases"] = list(cases.filter(pk__in=wanted).values_list("pk", flat=True))
    form = IncidentForm(request.POST or None, cases=cases, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            incident = services.incident_record(
                team=team,
                cases=list(d["cases"]),
                kind=d["kind"],
                occurred_on=d["occurred_on"],
                facts=d["facts"],
                immediate_measures=d["immediate_measures"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The incident is recorded."))
            return redirect("casework:incident", pk=incident.pk)
    return render(request, "casework/care_incident_form.html", {"team": team, "form": form})


def _action_form(request: AuthedHttpRequest, incident: Incident, data: Any = None) -> Any:
    return IncidentActionForm(data, user=request.user, incident=incident)


def _incident_page(request: AuthedHttpRequest, incident: Incident, **forms: Any) -> HttpResponse:
    record_access(incident)
    viewer = viewer_for(request.user)
    today = timezone.localdate()
    actions = list(incident.actions.select_related("owner").order_by("due_on", "created_at"))
    context = {
        "incident": incident,
        "team": incident.core_team,
        "children": [c.child for c in incident.cases.select_related("child").order_by("id")],
        "actions": [
            {
                "action": a,
                "overdue": a.is_overdue(today),
                "may_mark_done": rules.may_mark_action_done(viewer, a),
            }
            for a in actions
        ],
        "is_open": incident.status == Incident.Status.OPEN,
        "analysis_form": forms.get("analysis_form")
        or IncidentAnalysisForm(initial={"causes": incident.causes, "lessons": incident.lessons}),
        "action_form": forms.get("action_form") or _action_form(request, incident),
        "concern_form": forms.get("concern_form")
        or ConcernForm(
            initial={
                "sent_on": incident.concern_sent_on or today,
                "recipient": incident.concern_recipient,
            }
        ),
    }
    return render(request, "casework/care_incident.html", context)


@login_required
def incident_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _incident_page(request, selectors.get_incident_for(request.user, pk))


@login_required
@require_POST
def incident_analyse(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    incident = selectors.get_incident_for(request.user, pk, "change")
    form = IncidentAnalysisForm(request.POST)
    if form.is_valid():
        try:
            services.incident_analyse(
                incident=incident, **form.cleaned_data, by=selectors.person_of(request.user)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The analysis is saved."))
            return redirect("casework:incident", pk=incident.pk)
    return _incident_page(request, incident, analysis_form=form)


@login_required
@require_POST
def incident_action_add(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    incident = selectors.get_incident_for(request.user, pk, "change")
    form = _action_form(request, incident, request.POST)
    if form.is_valid():
        try:
            services.incident_action_add(
                incident=incident, **form.cleaned_data, by=selectors.person_of(request.user)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The follow-up action is added."))
            return redirect("casework:incident", pk=incident.pk)
    return _incident_page(request, incident, action_form=form)


@login_required
@require_POST
def incident_action_done(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    action = selectors.get_incident_action_for(request.user, pk)
    try:
        services.incident_action_done(action=action, by=selectors.person_of(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _incident_page(request, action.incident)
    messages.success(request, _("The action is marked done."))
    return redirect("casework:incident", pk=action.incident_id)


@login_required
@require_POST
def incident_concern(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    incident = selectors.get_incident_for(request.user, pk, "change")
    form = ConcernForm(request.POST)
    if form.is_valid():
        try:
            services.incident_concern_record(
                incident=incident,
                sent_on=form.cleaned_data["sent_on"],
                recipient=form.cleaned_data["recipient"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The information préoccupante is recorded."))
            return redirect("casework:incident", pk=incident.pk)
    return _incident_page(request, incident, concern_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def incident_close(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    incident = selectors.get_incident_for(request.user, pk, "change")
    if request.method == "GET":  # ask first (issue 15 §9: no one-click closing)
        return confirm_page(
            request,
            title=_("Close this incident?"),
            question=_("It is closed today; its analysis and its actions stay on record."),
            confirm=_("Close the incident"),
            back=reverse("casework:incident", args=[incident.pk]),
        )
    try:
        services.incident_close(incident=incident, by=selectors.person_of(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _incident_page(request, incident)
    messages.success(request, _("The incident is closed."))
    return redirect("casework:incident", pk=incident.pk)


@login_required
def incident_trends(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """Counts per month and type, open and overdue actions: no content, no child's name."""
    team = selectors.get_figures_team_for(request.user, pk)
    require(request.user, "casework.view_incident_trends", team)
    trends = selectors.incident_trends(team)
    return render(
        request,
        "casework/care_incident_trends.html",
        {"team": team, "trends": trends, "rows": trends.rows()},
    )


# -- care plans (projet pour l'enfant) --------------------------------------------------------


@login_required
def care_plan(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """A case's care plan: its versions, and the guardian's draft (a new version starts from the
    last one)."""
    case = selectors.get_case_for(request.user, pk)
    viewer = viewer_for(request.user)
    versions = list(selectors.care_plans_for(viewer).filter(case=case).order_by("-version")[:100])
    latest = versions[0] if versions else None
    may_draft = (
        rules.may_draft_care_plan(viewer, case)
        and case.is_active
        and (latest is None or latest.status != CarePlan.Status.SUBMITTED)
    )
    form = None
    if may_draft or request.method == "POST":
        require(request.user, "casework.add_careplan", case)
        initial = {}
        if latest is not None:
            full = CarePlan.objects.get(pk=latest.pk)
            record_access(full)
            initial = {"needs": full.needs, "objectives": full.objectives, "actions": full.actions}
        form = CarePlanForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                plan = services.care_plan_save(
                    case=case, **form.cleaned_data, by=selectors.person_of(request.user)
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Version %(n)s of the care plan is saved as a draft.") % {"n": plan.version},
                )
                return redirect("casework:care_plan_version", pk=plan.pk)
    return render(
        request,
        "casework/care_plan.html",
        {"case": case, "versions": versions, "latest": latest, "form": form},
    )


def _version_page(request: AuthedHttpRequest, plan: CarePlan, **forms: Any) -> HttpResponse:
    record_access(plan)
    viewer = viewer_for(request.user)
    return render(
        request,
        "casework/care_plan_version.html",
        {
            "plan": plan,
            "case": plan.case,
            "decisions": list(plan.decisions.select_related("by").order_by("created_at")),
            "may_submit": plan.status == CarePlan.Status.DRAFT
            and viewer.person_id == plan.author_id,
            "may_decide": rules.may_decide_care_plan(viewer, plan),
            "is_author": viewer.person_id == plan.author_id,
            "decision_form": forms.get("decision_form") or CarePlanDecisionForm(),
        },
    )


@login_required
def care_plan_version(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _version_page(request, selectors.get_care_plan_for(request.user, pk))


@login_required
@require_POST
def care_plan_submit(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    plan = selectors.get_care_plan_for(request.user, pk, "change")
    try:
        services.care_plan_submit(plan=plan, by=selectors.person_of(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _version_page(request, plan)
    messages.success(request, _("The care plan is submitted to the core team."))
    return redirect("casework:care_plan_version", pk=plan.pk)


def _decide(request: AuthedHttpRequest, pk: str, decide: Any, done: str) -> HttpResponse:
    plan = selectors.get_care_plan_for(request.user, pk, "change")
    form = CarePlanDecisionForm(request.POST)
    if form.is_valid():
        try:
            decide(
                plan=plan,
                comment=form.cleaned_data["comment"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("casework:care_plan_version", pk=plan.pk)
    return _version_page(request, plan, decision_form=form)


@login_required
@require_POST
def care_plan_approve(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _decide(request, pk, services.care_plan_approve, _("The care plan is approved."))


@login_required
@require_POST
def care_plan_return(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _decide(
        request, pk, services.care_plan_return, _("The care plan is returned to its author.")
    )
