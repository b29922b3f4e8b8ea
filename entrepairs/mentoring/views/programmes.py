"""Programme pages: home, programmes, public application form, agreements, reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import require
from entrepairs.organisations.viewer import viewer_for

from .. import services
from ..forms import AgreementForm, ApplicationForm, ProgrammeForm
from ..models import (
    SHAREABLE_FIELDS,
    ContactLog,
    Match,
    Mentor,
    Programme,
    SharingAgreement,
    Youth,
)
from ..reports import programme_report, report_charts
from ..rules import (
    agreement_party,
    arranged_with_guardian_q,
    can_add_agreement,
    can_answer_agreement_proposal,
    can_list_programmes,
    can_manage_programme,
    can_manage_programmes,
    match_name_for,
)
from ..selectors import (
    agreement_agency_choices,
    agreements_visible_to,
    get_agreement_for,
    get_open_programme,
    get_programme_for,
    open_alerts_for,
    programmes_visible_to,
    staff_organisations,
    youths_visible_to,
)
from .common import actor, nav_capabilities


@login_required
def home(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    lists_programmes = can_list_programmes(viewer)
    programmes = (
        programmes_visible_to(request.user)
        .select_related("organisation")
        .annotate(
            active=Count("matches", filter=Q(matches__status=Match.Status.ACTIVE), distinct=True),
        )
        if lists_programmes
        else Programme.objects.none()
    )
    my_matches = (
        Match.objects.filter(mentors__person_id=viewer.person_id)
        .select_related("programme")
        .distinct()
        if viewer.person_id
        else Match.objects.none()
    )
    arranged = (
        ContactLog.objects.filter(arranged_with_guardian_q(viewer.person_id)).select_related(
            "match"
        )[:20]
        if viewer.person_id
        else []
    )
    alerts = list(
        open_alerts_for(request.user)
        .select_related("match")
        .prefetch_related("match__youths__person", "match__mentors__person")[:20]
    )
    for alert in alerts:
        alert.match.shown_name = match_name_for(viewer, alert.match)
    return render(
        request,
        "mentoring/home.html",
        {
            "programmes": programmes,
            "my_matches": my_matches,
            "arranged": arranged,
            "alerts": alerts,
            "can_manage_programmes": can_manage_programmes(viewer),
            "can_list_programmes": lists_programmes,
            **nav_capabilities(viewer),
        },
    )


@login_required
def programme_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    programme = get_programme_for(request.user, pk)
    viewer = viewer_for(request.user)
    manages = can_manage_programme(viewer, programme)
    mentors = dict(
        Mentor.objects.filter(programme=programme)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    youths = youths_visible_to(request.user).filter(programme=programme)
    return render(
        request,
        "mentoring/programme_detail.html",
        {
            "programme": programme,
            "can_manage_programme": manages,
            "mentor_counts": [(label, mentors.get(v, 0)) for v, label in Mentor.Status.choices],
            "youth_count": youths.count(),
            "waiting_count": youths.filter(status=Youth.Status.WAITING).count(),
            "active_count": programme.matches.filter(status=Match.Status.ACTIVE).count()
            if manages
            else None,
            "trainings": programme.required_trainings.all(),
            "weights": programme.weight_map(),
            "weight_rows": programme.weight_rows(),
            # The address to share, whole (a path alone cannot be sent to anyone).
            "apply_url": request.build_absolute_uri(
                reverse("mentoring:apply", args=[programme.pk])
            ),
            **nav_capabilities(viewer),
        },
    )


@login_required
def programme_edit(request: AuthedHttpRequest, pk: str | None = None) -> HttpResponse:
    orgs = staff_organisations(request.user)
    programme = None
    if pk:
        programme = get_programme_for(request.user, pk, "change")
    else:
        require(request.user, "mentoring.add_programme")
    form = ProgrammeForm(request.POST or None, instance=programme, organisations=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.programme_save(
                programme=form.apply(),
                required_trainings=list(form.cleaned_data["required_trainings"]),
                by=actor(request),
            )
        except ValidationError as exc:
            # the reasons' refusal goes next to the reasons' rows
            if hasattr(exc, "error_dict") and "closure_reasons" in exc.error_dict:
                form.add_reasons_error(
                    [m for e in exc.error_dict.pop("closure_reasons") for m in e.messages]
                )
            if not hasattr(exc, "error_dict") or exc.error_dict:
                add_errors(form, exc)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("mentoring:programme", pk=saved.pk)
    return render(
        request,
        "mentoring/programme_form.html",
        {
            "form": form,
            "reasons": form.reasons,
            "title": _("Edit the programme") if programme else _("New programme"),
            "cancel": request.path if not programme else f"/mentoring/programmes/{programme.pk}/",
        },
    )


def apply(request: HttpRequest, pk: str) -> HttpResponse:
    """The public application form: no account needed."""
    programme = get_open_programme(pk)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_apply(programme=programme, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return render(request, "mentoring/apply_thanks.html", {"programme": programme})
    return render(request, "mentoring/apply.html", {"form": form, "programme": programme})


@login_required
def reports(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    programme = get_programme_for(request.user, pk, "mentoring.view_reports")
    data = programme_report(programme, timezone.localdate())
    charts = report_charts(data)
    return render(
        request, "mentoring/reports.html", {"programme": programme, "data": data, "charts": charts}
    )


# --- information-sharing agreements ---------------------------------------------------------


@login_required
def agreements(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    rows = list(
        agreements_visible_to(request.user).select_related(
            "organisation", "agency", "carried_over_from", "proposed_by_organisation"
        )
    )
    for row in rows:
        row.can_edit = agreement_party(viewer, row) is not None  # type: ignore[attr-defined]
    return render(
        request,
        "mentoring/agreements.html",
        {
            "agreements": rows,
            "labels": SHAREABLE_FIELDS,
            "can_add": can_add_agreement(viewer),
            **nav_capabilities(viewer),
        },
    )


@login_required
def agreement_edit(request: AuthedHttpRequest, pk: str | None = None) -> HttpResponse:
    viewer = viewer_for(request.user)
    agreement = None
    if pk:
        agreement = get_agreement_for(request.user, pk, "change")
    else:
        require(request.user, "mentoring.add_sharingagreement")
    agencies = agreement_agency_choices(request.user)
    form = AgreementForm(
        request.POST or None,
        agencies=agencies,
        organisations=staff_organisations(request.user),
        instance=agreement,
    )
    action = request.POST.get("action", "save")
    answer_error = ""
    if request.method == "POST" and agreement is not None and action in ("accept", "decline"):
        answer = (
            services.agreement_proposal_accept
            if action == "accept"
            else services.agreement_proposal_decline
        )
        try:
            answer(agreement=agreement, by=actor(request))
        except ValidationError as exc:
            form = AgreementForm(
                agencies=agencies,
                organisations=staff_organisations(request.user),
                instance=agreement,
            )
            answer_error = " ".join(exc.messages)
        else:
            messages.success(request, _("Your answer is recorded; the other party is told."))
            return redirect("mentoring:agreements")
    elif request.method == "POST" and form.is_valid():
        names, purposes = form.fields_and_purposes()
        target = agreement or SharingAgreement(
            organisation=form.cleaned_data["organisation"], agency=form.cleaned_data["agency"]
        )
        target.fields, target.purposes = names, purposes
        target.valid_until = form.cleaned_data["valid_until"]
        target.checkin_ratings_shared = form.cleaned_data["checkin_ratings_shared"]
        if form.cleaned_data["removed_days_after_end"] is not None:
            target.removed_days_after_end = form.cleaned_data["removed_days_after_end"]
        target.signed_on = target.signed_on or timezone.localdate()
        try:
            saved = services.agreement_save(agreement=target, by=actor(request))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "What narrows the agreement applies now; what widens it waits for the other "
                    "party's acceptance."
                )
                if saved.has_proposal
                else _("The agreement is saved: mentors see exactly these facts now."),
            )
            return redirect("mentoring:agreements")
    return render(
        request,
        "mentoring/agreement_form.html",
        {
            "form": form,
            "agreement": agreement,
            "labels": SHAREABLE_FIELDS,
            "answer_error": answer_error,
            "can_answer": agreement is not None
            and can_answer_agreement_proposal(viewer, agreement),
        },
    )
