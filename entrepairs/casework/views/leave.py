"""Leave cover (point 5) and continuity (point 4) pages: a leave's cover plan with uncovered
cases and why, a replacement named by hand, approval; a core team's continuity; contacts with
the child on the case page; the organisation's threshold (coordinators)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Team
from entrepairs.organisations.viewer import viewer_for

from .. import selectors, services
from ..forms import ContactForm, ReplacementForm, ThresholdForm
from ..models import Case, Leave


def _leave_page(request: AuthedHttpRequest, leave: Leave, **forms: Any) -> HttpResponse:
    view = selectors.leave_cover_view(leave)
    rows = [
        (
            row,
            forms.get(str(row.case_id))
            or ReplacementForm(
                user=request.user,
                leave=leave,
                chosen=row.replacement,
                initial={"case": row.case_id, "replacement": row.replacement_id},
                prefix=str(row.case_id),
            ),
        )
        for row in view.rows
    ]
    me = selectors.person_of(request.user)
    return render(
        request,
        "casework/leave_detail.html",
        {
            "leave": leave,
            "view": view,
            "rows": rows,
            "may_approve": leave.status == Leave.Status.REQUESTED
            and me is not None
            and me.pk != leave.person_id,
            "is_over": leave.ends_on < timezone.localdate(),
        },
    )


@login_required
def leave_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _leave_page(request, selectors.get_leave_for(request.user, pk))


@login_required
@require_POST
def leave_plan(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    leave = selectors.get_leave_for(request.user, pk, "change")
    try:
        services.leave_cover_plan(leave=leave, by=selectors.person_of(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _leave_page(request, leave)
    else:
        messages.success(request, _("The cover plan is recalculated."))
    return redirect("casework:leave", pk=leave.pk)


@login_required
@require_POST
def leave_replacement(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    leave = selectors.get_leave_for(request.user, pk, "change")
    prefix = request.POST.get("prefix", "")
    form = ReplacementForm(
        request.POST,
        user=request.user,
        leave=leave,
        prefix=prefix or None,
    )
    if form.is_valid():
        case = Case.objects.filter(pk=form.cleaned_data["case"], guardian=leave.person).first()
        if case is None:
            raise Http404
        try:
            services.leave_cover_set(
                leave=leave,
                case=case,
                replacement=form.cleaned_data["replacement"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The replacement is named."))
            return redirect("casework:leave", pk=leave.pk)
    return _leave_page(request, leave, **{prefix: form})


@login_required
@require_POST
def leave_approve(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    leave = selectors.get_leave_for(request.user, pk, "approve")
    try:
        services.leave_approve(leave=leave, by=selectors.person_of(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _leave_page(request, leave)
    else:
        messages.success(request, _("The leave is approved: each replacement is told."))
    return redirect("casework:leave", pk=leave.pk)


def leave_panel_context(request: AuthedHttpRequest, team: Team, is_member: bool) -> dict:
    """What the team page shows of leave and continuity: the team's leaves (members), the
    continuity counts (anyone who sees the team; counts only, no child named)."""
    figures = selectors.continuity_figures([team])[team.pk]
    leaves = (
        list(
            selectors.leaves_for(viewer_for(request.user))
            .filter(person__team=team, ends_on__gte=timezone.localdate())
            .order_by("starts_on", "id")[:20]
        )
        if is_member
        else []
    )
    return {"continuity_figures": figures, "team_leaves": leaves}


@login_required
def continuity(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_core_team_for(request.user, pk)
    require(request.user, "casework.view_case", team)
    alerts = selectors.continuity_alerts(team)
    return render(
        request,
        "casework/leave_continuity.html",
        {
            "team": team,
            "alerts": alerts,
            "guardians": selectors.guardian_continuity(team, alerts),
        },
    )


def leave_case_context(request: AuthedHttpRequest, case: Case, form: Any = None) -> dict:
    """The case page's continuity block: who followed it when, gaps, contacts with the child."""
    periods, gaps = selectors.case_followers(case)
    return {
        "follow_periods": periods,
        "follow_gaps": gaps,
        "contacts": list(case.contacts.select_related("by")[:50]),
        "contact_form": form or ContactForm(initial={"happened_on": timezone.localdate()}),
        "may_add_contact": check(request.user, "casework.add_casecontact", case),
    }


@login_required
@require_POST
def contact_add(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """Record a contact from the case page; a refused one comes back on its own form."""
    case = selectors.get_case_for(request.user, pk)
    require(request.user, "casework.add_casecontact", case)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_record(
                case=case, **form.cleaned_data, by=selectors.person_of(request.user)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The contact is recorded."))
            return redirect("casework:case", pk=case.pk)
    return render(request, "casework/leave_contact_form.html", {"case": case, "form": form})


@login_required
def threshold(request: AuthedHttpRequest) -> HttpResponse:
    orgs = selectors.threshold_organisations_for(viewer_for(request.user))
    if not orgs.exists():
        raise PermissionDenied
    organisation = get_visible_or_404(orgs, pk=request.GET.get("organisation") or orgs[0].pk)
    current = selectors.contact_threshold_days(organisation.pk)
    form = ThresholdForm(request.POST or None, initial={"contact_threshold_days": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.casework_settings_save(
                organisation_id=organisation.pk,
                contact_threshold_days=form.cleaned_data["contact_threshold_days"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The threshold is saved."))
            return redirect(f"{request.path}?organisation={organisation.pk}")
    return render(
        request,
        "casework/leave_threshold.html",
        {"form": form, "organisation": organisation, "organisations": orgs},
    )
