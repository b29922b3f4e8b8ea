"""Safety checks and key decisions with mandatory expert advice (issue 12 points 6 and 8):
schedule and record a check, prepare a decision, submit it to experts, record advice, decide;
the expert's inbox; the organisation's factors and decision types."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.audit import record_access
from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import require

from .. import selectors, services
from ..decision_forms import (
    AdviceForm,
    AdviceRequestForm,
    DecideForm,
    DecisionForm,
    DecisionTypeForm,
    PlacementChangeForm,
    RiskFactorForm,
    SafetyResultForm,
    ScheduleForm,
)
from ..models import Decision, ExpertRole, SafetyCheck


def _by(request: AuthedHttpRequest) -> Any:
    return selectors.person_of(request.user)


# -- safety checks ------------------------------------------------------------------------------


@login_required
def safety_schedule(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, pk, "change")
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.safety_check_schedule(
                case=case, due_on=form.cleaned_data["due_on"], by=_by(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The safety check is scheduled."))
            return redirect("casework:safety_check", pk=found.pk)
    return render(request, "casework/decisions_schedule.html", {"case": case, "form": form})


def _result_form(found: SafetyCheck, data: Any = None) -> SafetyResultForm:
    return SafetyResultForm(
        data, factors=selectors.risk_factors_of(found.organisation_id).order_by("kind", "-weight")
    )


@login_required
def safety_check(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """The check (audited read); a member records its results here (POST)."""
    found = selectors.get_safety_check_for(request.user, pk)
    record_access(found)
    form = _result_form(found, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(request.user, "casework.change_safetycheck", found)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.safety_check_record(
                    check=found,
                    done_on=d["done_on"],
                    factor_ids=[f.pk for f in d["factors"]],
                    notes=d["notes"],
                    insecurity_signs=d["insecurity_signs"],
                    ip_sent_on=d["ip_sent_on"],
                    ip_recipient=d["ip_recipient"],
                    by=_by(request),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The results of the safety check are recorded."))
                return redirect("casework:safety_check", pk=found.pk)
    return render(
        request,
        "casework/decisions_safety_check.html",
        {
            "check": found,
            "case": found.case,
            "form": form,
            "decisions": list(found.decisions.defer("options", "arguments", "child_view")),
        },
    )


# -- key decisions ------------------------------------------------------------------------------


@login_required
def decision_new(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, pk, "change")
    if request.method == "GET":
        services.decision_defaults_ensure(organisation_id=case.organisation_id)
    types = selectors.decision_types_of(case.organisation_id)
    form = DecisionForm(request.POST or None, types=types)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            decision = services.decision_prepare(case=case, **d, by=_by(request))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The decision is being prepared."))
            return redirect("casework:decision", pk=decision.pk)
    return render(
        request,
        "casework/decisions_form.html",
        {"case": case, "form": form, "types": list(types), "heading": _("Prepare a key decision")},
    )


@login_required
def placement_change(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, pk, "change")
    form = PlacementChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.placement_change_propose(
                case=case, **form.cleaned_data, by=_by(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The change of placement is proposed: a key decision is open for the team."),
            )
            return redirect("casework:decision", pk=decision.pk)
    return render(
        request,
        "casework/decisions_form.html",
        {
            "case": case,
            "form": form,
            "heading": _("Propose a change of placement (development concerns)"),
        },
    )


def _decision_page(
    request: AuthedHttpRequest, decision: Decision, status: int = 200, **forms: Any
) -> HttpResponse:
    reason = selectors.decision_read(request.user, decision)
    is_team = check(request.user, "casework.change_decision", decision)
    requests = selectors.requests_shown(request.user, decision, reason)
    me = selectors.person_of(request.user)
    ask_form = forms.get("ask_form") or AdviceRequestForm(user=request.user, decision=decision)
    mine = [r for r in requests if me is not None and r.expert_id == me.pk and not r.is_given]
    missing = services.missing_advice(decision) if not decision.is_decided else []
    context = {
        "decision": decision,
        "is_team": is_team,
        "requests": requests,
        "required": decision.decision_type.required_labels(),
        "missing": [str(ExpertRole(r).label) for r in missing],
        "ask_form": ask_form,
        "decide_form": forms.get("decide_form") or DecideForm(),
        "advice_form": forms.get("advice_form") or AdviceForm(),
        "my_request": mine[0] if mine else None,
    }
    return render(request, "casework/decisions_detail.html", context, status=status)


@login_required
def decision_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _decision_page(request, selectors.get_decision_for(request.user, pk))


@login_required
@require_POST
def advice_ask(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    decision = selectors.get_decision_for(request.user, pk, "change")
    form = AdviceRequestForm(request.POST, user=request.user, decision=decision)
    if form.is_valid():
        try:
            services.advice_request(
                decision=decision,
                expert=form.cleaned_data["expert"],
                question=form.cleaned_data["question"],
                by=_by(request),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The decision is submitted to the expert."))
            return redirect("casework:decision", pk=decision.pk)
    return _decision_page(request, decision, ask_form=form)


@login_required
@require_POST
def decision_decide(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    decision = selectors.get_decision_for(request.user, pk, "change")
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            services.decision_take(
                decision=decision, outcome=form.cleaned_data["outcome"], by=_by(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The decision is taken."))
            return redirect("casework:decision", pk=decision.pk)
    return _decision_page(request, decision, decide_form=form)


@login_required
@require_POST
def advice_give(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    advice_request = selectors.get_advice_request_for(request.user, pk, "give")
    decision = selectors.get_decision_for(request.user, advice_request.decision_id)
    form = AdviceForm(request.POST)
    if form.is_valid():
        try:
            services.advice_record(
                request=advice_request, advice=form.cleaned_data["advice"], by=_by(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your advice is recorded."))
            return redirect("casework:decision", pk=decision.pk)
    return _decision_page(request, decision, advice_form=form)


@login_required
def expert_inbox(request: AuthedHttpRequest) -> HttpResponse:
    """The decisions submitted to the expert (the only casework they see)."""
    if not selectors.may_see_expert_inbox(request.user):
        raise Http404
    rows = list(selectors.expert_requests(request.user)[:500])
    return render(request, "casework/decisions_expert_inbox.html", {"rows": rows})


# -- the organisation's factors and decision types ----------------------------------------------


@login_required
def decision_settings(request: AuthedHttpRequest) -> HttpResponse:
    orgs = selectors.settings_organisation_ids(request.user)
    if not orgs:
        raise PermissionDenied
    organisation_id = orgs[0]
    if request.method == "GET":
        services.decision_defaults_ensure(organisation_id=organisation_id)
    which = request.POST.get("form", "")
    factor_form = RiskFactorForm(request.POST if which == "factor" else None, prefix="factor")
    type_form = DecisionTypeForm(request.POST if which == "type" else None, prefix="type")
    form = {"factor": factor_form, "type": type_form}.get(which)
    if request.method == "POST" and form is not None and form.is_valid():
        d = form.cleaned_data
        try:
            if which == "factor":
                services.risk_factor_save(organisation_id=organisation_id, **d, by=_by(request))
            else:
                services.decision_type_save(organisation_id=organisation_id, **d, by=_by(request))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("casework:decision_settings")
    return render(
        request,
        "casework/decisions_settings.html",
        {
            "factors": list(selectors.risk_factors_of(organisation_id, active_only=False)),
            "types": list(selectors.decision_types_of(organisation_id, active_only=False)),
            "factor_form": factor_form,
            "type_form": type_form,
        },
    )
