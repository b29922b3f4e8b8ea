"""Cases of a core team: list, open, read (audited), update, placement, guardian, close."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entrepairs.core.audit import record_access
from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import confirm_page, require
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.placements import history_of

from .. import selectors, services
from ..forms import AssignForm, CaseFactsForm, CaseOpenForm, PlacementForm
from ..models import Case
from .leave import leave_case_context


@login_required
def case_list(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_core_team_for(request.user, pk)
    require(request.user, "casework.view_case", team)
    status = request.GET.get("status", "")
    cases = selectors.cases_for(viewer_for(request.user)).filter(core_team=team)
    if status in Case.Status.values:
        cases = cases.filter(status=status)
    else:
        cases = cases.exclude(status=Case.Status.CLOSED)
    return render(
        request,
        "casework/case_list.html",
        {
            "team": team,
            "cases": list(cases.order_by("status", "-weight", "child__last_name", "id")[:500]),
            "status": status,
            "statuses": Case.Status.choices,
        },
    )


@login_required
def case_new(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_core_team_for(request.user, pk)
    require(request.user, "casework.add_case", team)
    form = CaseOpenForm(request.POST or None, user=request.user, team=team)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.case_open(
                team=team,
                child=d["child"],
                new_child_first_name=d["new_child_first_name"],
                new_child_last_name=d["new_child_last_name"],
                birth_date=d["birth_date"],
                vulnerability=d["vulnerability"],
                procedures=d["procedures"],
                placement_kind=d["placement_kind"],
                summary=d["summary"],
                opened_on=d["opened_on"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The case is open and waits for allocation."))
            return redirect("casework:case", pk=case.pk)
    return render(request, "casework/case_form.html", {"team": team, "form": form, "case": None})


def _case_page(request: AuthedHttpRequest, case: Case, **forms: Any) -> HttpResponse:
    # An auditor's read is logged with the audit as its reason (access for a reason).
    record_access(case, reason=selectors.case_access_reason(request.user, case))
    placements = history_of(case.child)  # the child's one history, shared with mentoring
    events = list(case.events.select_related("by").order_by("-happened_on", "-created_at")[:100])
    context = {
        "case": case,
        "factors": selectors.case_weight_breakdown(case),
        "placements": placements,
        "events": events,
        "placement_form": forms.get("placement_form") or PlacementForm(),
        "assign_form": forms.get("assign_form") or AssignForm(user=request.user, case=case),
        # An auditor reads the case for a reason; only the core team acts on it.
        # asked as get_case_for(..., "change") asks it (safety check, decision, placement change)
        "may_change": check(request.user, "casework.change_case", case),
        "team_links": selectors.case_team_links(request.user, case),
        "may_close": check(request.user, "casework.close_case", case),
        "may_review": check(request.user, "casework.add_peerreview", case)
        and getattr(selectors.person_of(request.user), "pk", None) != case.guardian_id,
        **leave_case_context(request, case, forms.get("contact_form")),
    }
    return render(request, "casework/case_detail.html", context)


@login_required
def case_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _case_page(request, selectors.get_case_for(request.user, pk))


@login_required
def case_edit(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, pk, "change")
    record_access(case)
    initial = {
        "birth_date": case.birth_date,
        "vulnerability": case.vulnerability,
        "procedures": case.procedures,
        "summary": case.summary,
    }
    form = CaseFactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.case_update(
                case=case,
                birth_date=d["birth_date"],
                vulnerability=d["vulnerability"],
                procedures=d["procedures"],
                summary=d["summary"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The case is updated."))
            return redirect("casework:case", pk=case.pk)
    return render(
        request, "casework/case_form.html", {"team": case.core_team, "form": form, "case": case}
    )


@login_required
@require_POST
def placement_add(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, pk, "change")
    form = PlacementForm(request.POST)
    if form.is_valid():
        try:
            services.placement_record(
                case=case, **form.cleaned_data, by=selectors.person_of(request.user)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The placement is recorded."))
            return redirect("casework:case", pk=case.pk)
    return _case_page(request, case, placement_form=form)


@login_required
@require_POST
def case_assign(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, pk, "change")
    form = AssignForm(request.POST, user=request.user, case=case)
    if form.is_valid():
        try:
            services.case_assign(
                case=case,
                guardian=form.cleaned_data["guardian"],
                reason=form.cleaned_data["reason"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The responsible guardian is named."))
            return redirect("casework:case", pk=case.pk)
    return _case_page(request, case, assign_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def case_close(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, pk, "change")
    if request.method == "GET":  # ask first (issue 15 §9: no one-click closing)
        return confirm_page(
            request,
            title=_("Close this case?"),
            question=_("The closing is recorded in the case's history with today's date."),
            confirm=_("Close the case"),
            back=reverse("casework:case", args=[case.pk]),
        )
    try:
        services.case_close(case=case, by=selectors.person_of(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The case is closed."))
    return redirect("casework:case", pk=case.pk)
