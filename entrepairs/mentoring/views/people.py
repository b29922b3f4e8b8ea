"""Mentor pipeline and youth intake pages."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.audit import record_access
from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import ask_first, confirm_page, require
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person
from entrepairs.people.placements import current_family, history_of
from entrepairs.training.models import TrainingCompletion

from .. import family, lifecycle, services
from ..forms import (
    AdoptionForm,
    CaseWorkerForm,
    CompletionForm,
    ConsentForm,
    FlagForm,
    HandoverRefusalForm,
    IntakeForm,
    PlacementChangeForm,
    ReadinessForm,
    ScreeningForm,
    SituationForm,
    TransferForm,
)
from ..models import Match, Mentor, Transfer, Youth
from ..rules import can_screen_mentor, match_name_for
from ..selectors import (
    get_mentor_for,
    get_programme_for,
    get_transfer_for,
    get_youth_for,
    intake_choices,
    transfer_summary,
    transfers_for,
    youths_visible_to,
)
from .common import actor, nav_capabilities

PAGE_SIZE = 50


# --- mentors ------------------------------------------------------------------------------------


@login_required
def mentor_list(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    programme = get_programme_for(request.user, pk, "change")
    status = request.GET.get("status", "")
    mentors = Mentor.objects.filter(programme=programme).select_related("person")
    if status in Mentor.Status.values:
        mentors = mentors.filter(status=status)
    page = Paginator(mentors.order_by("-applied_at", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "mentoring/mentor_list.html",
        {"programme": programme, "page": page, "status": status, "statuses": Mentor.Status.choices},
    )


@login_required
def mentor_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    mentor = get_mentor_for(request.user, pk)
    record_access(mentor)
    screens = can_screen_mentor(viewer_for(request.user), mentor)
    modules = mentor.programme.required_trainings.all()
    screening, training = services.mentor_gaps(mentor)
    screening_form = ScreeningForm(prefix="s")
    completion_form = CompletionForm(prefix="t", modules=modules, user=request.user)
    flag_form = FlagForm(
        prefix="f",
        initial={
            "flagged": mentor.flagged,
            "flag_reason": mentor.flag_reason,
            "screening_notes": mentor.screening_notes,
        },
    )
    if request.method == "POST":  # the services decide who may screen and decide
        action = request.POST.get("action")
        by = actor(request)
        try:
            if action == "screening":
                screening_form = ScreeningForm(request.POST, prefix="s")
                if screening_form.is_valid():
                    services.screening_record(mentor=mentor, by=by, **screening_form.cleaned_data)
                    messages.success(request, _("The screening step is recorded."))
                    return redirect("mentoring:mentor", pk=mentor.pk)
            elif action == "training":
                completion_form = CompletionForm(
                    request.POST, prefix="t", modules=modules, user=request.user
                )
                if completion_form.is_valid():
                    services.training_record(
                        person=mentor.person, by=by, **completion_form.cleaned_data
                    )
                    messages.success(request, _("The training is recorded."))
                    return redirect("mentoring:mentor", pk=mentor.pk)
            elif action == "flag":
                flag_form = FlagForm(request.POST, prefix="f")
                if flag_form.is_valid():
                    d = flag_form.cleaned_data
                    services.mentor_flag(
                        mentor=mentor,
                        flagged=d["flagged"],
                        reason=d["flag_reason"],
                        notes=d["screening_notes"],
                        by=by,
                    )
                    return redirect("mentoring:mentor", pk=mentor.pk)
            elif action in ("rejected", "withdrawn") and request.POST.get("confirmed") != "1":
                # Ask first (issue 15 §9), naming the mentor and the matches still open.
                return _confirm_mentor_decision(request, mentor, action)
            elif action in ("rejected", "withdrawn", "applied"):
                services.mentor_decide(mentor=mentor, status=action, by=by)
                return redirect("mentoring:mentor", pk=mentor.pk)
        except ValidationError as exc:
            target = {"screening": screening_form, "training": completion_form}.get(
                action or "", flag_form
            )
            add_errors(target, exc)
    completions = TrainingCompletion.objects.filter(person_id=mentor.person_id).select_related(
        "module"
    )
    return render(
        request,
        "mentoring/mentor_detail.html",
        {
            "mentor": mentor,
            "can_screen_mentor": screens,
            "steps": mentor.screening_steps.all(),
            "completions": completions,
            "screening_gaps": screening,
            "training_gaps": training,
            "screening_form": screening_form,
            "completion_form": completion_form,
            "flag_form": flag_form,
            "matches": _named(viewer_for(request.user), mentor.matches.all()) if screens else [],
        },
    )


def _confirm_mentor_decision(request: AuthedHttpRequest, mentor: Any, action: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    if not can_screen_mentor(viewer, mentor):
        raise PermissionDenied
    open_matches = _named(viewer, mentor.matches.filter(status__in=Match.OPEN))
    names = ", ".join(m.shown_name for m in open_matches)
    if action == "withdrawn":
        title = _("Mark %(mentor)s as withdrawn?") % {"mentor": mentor}
        confirm = _("Yes, withdraw the application")
    else:
        title = _("Mark %(mentor)s as not retained?") % {"mentor": mentor}
        confirm = _("Yes, do not retain")
    if names:
        question = _(
            "%(mentor)s leaves the programme's pipeline. Matches still open, to be closed "
            "first: %(matches)s."
        ) % {"mentor": mentor, "matches": names}
    else:
        question = _("%(mentor)s leaves the programme's pipeline. They have no open match.") % {
            "mentor": mentor
        }
    return confirm_page(
        request,
        title=title,
        question=question,
        confirm=confirm,
        back=reverse("mentoring:mentor", args=[mentor.pk]),
        hidden={"action": action, "confirmed": "1"},
    )


# --- youths -------------------------------------------------------------------------------------


@login_required
def youth_list(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "mentoring.view_youth")
    youths = youths_visible_to(request.user).select_related(
        "person", "agency", "programme", "case_worker"
    )
    status = request.GET.get("status", "")
    if status in Youth.Status.values:
        youths = youths.filter(status=status)
    programme = request.GET.get("programme", "")
    if programme:
        youths = youths.filter(programme_id=programme) if _is_uuid(programme) else youths.none()
    page = Paginator(youths.order_by("person__last_name", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "mentoring/youth_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Youth.Status.choices,
            "programme": programme,
            **nav_capabilities(viewer_for(request.user)),
        },
    )


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
def youth_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "mentoring.add_youth")
    if request.method == "POST" and request.POST.get("programme"):
        # A programme the viewer may not see is answered as missing (404), like in the API.
        get_programme_for(request.user, request.POST["programme"])
    choices = intake_choices(request.user)
    form = IntakeForm(
        request.POST or None,
        initial={"programme": request.GET.get("programme")},
        programmes=choices["programmes"],
        agencies=choices["agencies"],
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            youth = services.youth_enrol(by=actor(request), **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("The youth is enrolled. Record consents and the readiness assessment.")
            )
            return redirect("mentoring:youth", pk=youth.pk)
    return render(
        request,
        "mentoring/form.html",
        {"form": form, "title": _("Enrol a youth"), "cancel": "/mentoring/youths/"},
    )


@login_required
def youth_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    youth = get_youth_for(request.user, pk)
    record_access(youth)
    by = actor(request)
    forms_ = {
        "consent": ConsentForm(prefix="c"),
        "readiness": ReadinessForm(
            prefix="r", initial={"mode": youth.mode, "readiness": youth.readiness}
        ),
        "situation": SituationForm(prefix="s"),
        "transfer": TransferForm(prefix="x", youth=youth),
        "case_worker": CaseWorkerForm(
            prefix="w",
            user=request.user,
            youth=youth,
            initial={"case_worker": youth.case_worker_id},
        ),
        "placement": PlacementChangeForm(prefix="p"),
        "adoption": AdoptionForm(prefix="a"),
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in forms_:
            form = forms_[action].__class__(
                request.POST, prefix=forms_[action].prefix, **_extra(action, forms_[action])
            )
            forms_[action] = form
            if form.is_valid() and action == "transfer" and request.POST.get("confirmed") != "1":
                # Ask first (issue 15 §9): the file leaves the agency once the other accepts.
                return _confirm_transfer(request, youth, form)
            if form.is_valid():
                try:
                    done = _youth_action(action, youth, form, by)
                except ValidationError as exc:
                    add_errors(form, exc)
                else:
                    messages.success(request, done)
                    return redirect("mentoring:youth", pk=youth.pk)
    matches = youth.matches.prefetch_related("mentors__person").order_by("-created_at")
    return render(
        request,
        "mentoring/youth_detail.html",
        {
            "youth": youth,
            "age": youth.age_on(timezone.localdate()),
            "gaps": services.youth_gaps(youth),
            "consents": youth.consents.all(),
            "services": youth.services.all(),
            "changes": youth.situation_changes.all(),
            "placements": history_of(youth.person),
            "family": current_family(youth.person),
            "transfers": youth.transfers.select_related("from_agency", "to_agency"),
            "notes": youth.progress_notes.select_related("author"),
            "matches": matches,
            "forms": forms_,
            **nav_capabilities(viewer_for(request.user)),
        },
    )


def _confirm_transfer(request: AuthedHttpRequest, youth: Youth, form: Any) -> HttpResponse:
    agency = form.cleaned_data["to_agency"]
    return confirm_page(
        request,
        title=_("Transfer %(youth)s to %(agency)s?") % {"youth": youth, "agency": agency},
        question=_(
            "The move is recorded today and the mentors are told. %(agency)s receives the "
            "youth's file when one of its coordinators accepts; your agency then no longer "
            "sees it."
        )
        % {"agency": agency},
        confirm=_("Yes, transfer"),
        back=reverse("mentoring:youth", args=[youth.pk]),
        hidden={
            "action": "transfer",
            f"{form.prefix}-to_agency": agency.pk,
            "confirmed": "1",
        },
    )


def _extra(action: str, form: object) -> dict:
    if action == "transfer":
        return {"youth": form.youth}  # type: ignore[attr-defined]
    if action == "case_worker":
        assert isinstance(form, CaseWorkerForm)
        return {"user": form.user, "youth": form.youth}
    return {}


def _youth_action(action: str, youth: Youth, form: Any, by: Person | None) -> str:
    data = form.cleaned_data
    if action == "consent":
        services.consent_record(youth=youth, by=by, **data)
        return _("The consent is recorded.")
    if action == "readiness":
        services.readiness_record(youth=youth, by=by, **data)
        return _("The readiness assessment is recorded.")
    if action == "situation":
        lifecycle.situation_change_record(youth=youth, by=by, **data)
        return _("The change is recorded; the mentor is notified.")
    if action == "placement":
        family.youth_placement_change(youth=youth, by=by, **form.service_kwargs())
        return _("The move is recorded; the mentor is notified and sees the new family contact.")
    if action == "adoption":
        family.youth_adoption_record(youth=youth, by=by, **form.service_kwargs())
        done = _(
            "The adoption is recorded; the adoptive parents hold the guardian role and receive "
            "the programme's note."
        )
        if family.closure_pending(youth):
            done += " " + _(
                "A closure of the match was already waiting for a second staff member: it stays "
                "the one decision to take (confirm or withdraw it on the match's page)."
            )
        return done
    if action == "transfer":
        lifecycle.youth_transfer(youth=youth, to_agency=data["to_agency"], by=by)
        return _(
            "The move is recorded and the match continues; the file is handed over when the "
            "receiving agency accepts."
        )
    lifecycle.youth_assign_case_worker(youth=youth, case_worker=data["case_worker"], by=by)
    return _("The case worker is saved.")


# --- transfers: the receiving agency decides on the handover of the file -------------------------


@login_required
def transfer_list(request: AuthedHttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    today = timezone.localdate()
    page = Paginator(transfers_for(viewer), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [transfer_summary(viewer, t, today) for t in page]
    return render(
        request,
        "mentoring/transfer_list.html",
        {"page": page, "rows": rows, **nav_capabilities(viewer)},
    )


@login_required
def transfer_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    transfer = get_transfer_for(viewer, pk)
    record_access(transfer)
    form = HandoverRefusalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "")
        try:
            if action == "accept":
                lifecycle.transfer_accept(transfer=transfer, by=actor(request))
                messages.success(request, _("The handover is accepted: the youth's file is yours."))
            elif action == "refuse":
                asked = ask_first(
                    request,
                    title=_("Refuse the handover?"),
                    question=_(
                        "The youth's file stays with the sending agency, which is told of your "
                        "reason. This answer is final."
                    ),
                    confirm=_("Yes, refuse the handover"),
                    back=reverse("mentoring:transfer", args=[transfer.pk]),
                )
                if asked is not None:
                    return asked
                lifecycle.transfer_refuse(
                    transfer=transfer, reason=form.cleaned_data["reason"], by=actor(request)
                )
                messages.success(request, _("The refusal is recorded; the sending side is told."))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("mentoring:transfer", pk=transfer.pk)
    summary = transfer_summary(viewer, transfer, timezone.localdate())
    return render(
        request,
        "mentoring/transfer_detail.html",
        {
            "t": summary,
            "form": form,
            "snapshot": _snapshot_labels(transfer),
            **nav_capabilities(viewer),
        },
    )


def _snapshot_labels(transfer: Transfer) -> list[str]:
    """The facts the carried-over agreement would share: the coordinator accepts them too."""
    from ..models import SHAREABLE_FIELDS

    names = transfer.agreement_snapshot.get("fields", []) if transfer.agreement_snapshot else []
    return [str(SHAREABLE_FIELDS.get(n, n)) for n in names]


def _named(viewer: Any, matches: Any) -> list[Match]:
    """The mentor's matches, each named for the viewer (`rules.match_name_for`)."""
    rows = list(matches.prefetch_related("youths__person", "mentors__person"))
    for match in rows:
        match.shown_name = match_name_for(viewer, match)
    return rows
