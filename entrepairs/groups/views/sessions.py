"""Session pages: plan the year, a session, move/cancel, situations, recording, attendance, PDFs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from entrepairs.core.audit import record_access
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import confirm_page, require
from entrepairs.core.views.errors import bad_request
from entrepairs.organisations.models import Site
from entrepairs.organisations.viewer import viewer_for

from .. import pdf, planning, selectors, services
from .. import rules as group_rules
from ..forms import (
    NoteForm,
    PlanForm,
    ProgrammeYearForm,
    RecordForm,
    SessionAddForm,
    SessionCancelForm,
    SessionMoveForm,
    SituationForm,
)
from ..identifying import pseudonymise
from ..models import Attendance, GroupMember, Session, Technique
from ..periods import Period, period_from
from ..recurrence import HALF_DAY_MINUTES
from .groups import add_errors, me, visible_group


def visible_session(request: AuthedHttpRequest, pk: Any) -> Session:
    return selectors.get_session_for(request.user, pk)


def _sites(group: Any) -> Any:
    return Site.objects.filter(organisation_id__in=group.organisation_ids())


def _warn_short_years(request: AuthedHttpRequest, group: Any) -> None:
    """After a change of the group's sessions or year: each programme year left under the
    minimum, shown (not refused: docs/groups.md "At least 6"); the API answers the same
    sentences in `warnings`."""
    for warning in selectors.short_year_warnings(group):
        messages.warning(request, warning)


@login_required
def plan(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    group = visible_group(request, pk)
    require(request.user, "groups.plan_group", group)
    year_post = request.POST if request.POST.get("action") == "programme_year" else None
    year_form = ProgrammeYearForm(
        year_post, initial={"start_month": group.programme_year_start_month}, prefix="y"
    )
    if year_post is not None and year_form.is_valid():
        try:
            services.group_set_programme_year(
                group=group, start_month=year_form.cleaned_data["start_month"]
            )
        except ValidationError as exc:
            add_errors(year_form, exc)
        else:
            messages.success(request, _("The programme year was saved."))
            _warn_short_years(request, group)
            return redirect("groups:plan", pk=group.pk)
    form = PlanForm(
        request.POST if year_post is None and request.POST else None,
        initial={"start": timezone.localdate()},
    )
    form.set_sites(_sites(group))
    preview = skipped = None
    if request.method == "POST" and year_post is None and form.is_valid():
        rule = form.recurrence()
        try:
            preview, skipped = services.plan_preview(group=group, recurrence=rule)
            place = {
                "site": form.cleaned_data["site"],
                "room": form.cleaned_data["room"],
                "offsite_address": form.cleaned_data["offsite_address"],
            }
            if "confirm" not in request.POST:
                # The preview runs every check the real run does, and says what it would refuse.
                services.plan_check(group=group, recurrence=rule, **place)
            else:
                sessions = services.plan_year(
                    group=group,
                    recurrence=rule,
                    site=form.cleaned_data["site"],
                    room=form.cleaned_data["room"],
                    offsite_address=form.cleaned_data["offsite_address"],
                )
                messages.success(
                    request,
                    ngettext(
                        "%(n)s session was planned.", "%(n)s sessions were planned.", len(sessions)
                    )
                    % {"n": len(sessions)},
                )
                _warn_short_years(request, group)
                return redirect("groups:detail", pk=group.pk)
        except (ValidationError, ValueError) as exc:
            if isinstance(exc, ValueError) and not isinstance(exc, ValidationError):
                exc = ValidationError(str(exc))
            add_errors(form, exc)
    return render(
        request,
        "groups/plan.html",
        {
            "group": group,
            "form": form,
            "preview": preview,
            "skipped": skipped,
            "year_form": year_form,
            "years": selectors.programme_years(group),
        },
    )


@login_required
def session_detail(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    session = visible_session(request, pk)
    group = session.group
    viewer = viewer_for(request.user)
    reads = group_rules.reads_content(viewer, group)
    situations: list[Any] = []
    notes: list[Any] = []
    if reads:
        situations = list(session.situations.select_related("author__person", "technique"))
        notes = [
            n
            for n in session.notes.select_related("author")
            if check(request.user, "groups.view_sessionnote", n)
        ]
        for record in [*situations, *notes]:
            record_access(record)
    members = {str(m.pk): m for m in group.members.exclude(status="left").select_related("person")}
    order = [members[k] for k in session.speaking_order if k in members] if reads else []
    # The rows the viewer may see, as the API lists them (not the admin's, not other members').
    rows = session.attendance.filter(group_rules.attendance_visible_q(viewer))
    attendance = {a.member_id: a for a in rows.select_related("member__person")}
    return render(
        request,
        "groups/session.html",
        {
            "session": session,
            "group": group,
            "reads_content": reads,
            "situations": situations,
            "notes": notes,
            "order": order,
            "members": list(members.values()),
            "attendance": attendance,
            "techniques": list(session.techniques.all()),
            "can_facilitate": check(request.user, "groups.facilitate_group", group),
            "can_run": check(request.user, "groups.change_session", session),
            "can_bring": check(request.user, "groups.add_situation", session),
            "can_sign": session.status != Session.Status.CANCELLED
            and session.starts_at <= timezone.now()
            and group_rules.signs_attendance(viewer, group),
            "withdrawable": group_rules.withdrawable_situation_ids(viewer, group, situations),
            "programme_year": planning.group_year_of(group, session.starts_at),
            "charter_waiting": selectors.charter_waiting(viewer, group),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def situation_withdraw(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    """Its author withdraws a situation, or a facilitator as moderation of the frame (the author
    is told; services.situation_delete). GET asks first (issue 15: no one-click removal); the
    question names no content (situations are confidential)."""
    situation = selectors.get_situation_for(request.user, pk, "delete")
    session_pk = situation.session_id
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Withdraw this situation?"),
            question=_(
                "Members will no longer read it, nor what was said about it. Its author is told."
            ),
            confirm=_("Withdraw the situation"),
            back=reverse("groups:session", args=[session_pk]),
        )
    try:
        services.situation_delete(situation=situation, by=me(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The situation was withdrawn."))
    return redirect("groups:session", pk=session_pk)


def _on_day_field(exc: ValidationError) -> ValidationError:
    """The service names `starts_at` (as the API does); the page's field is the day."""
    if hasattr(exc, "error_dict") and "starts_at" in exc.error_dict:
        renamed = dict(exc.error_dict)
        renamed["day"] = renamed.pop("starts_at")
        return ValidationError(renamed)
    return exc


def _place_and_day(form: Any) -> dict[str, Any]:
    start, end = form.slot()
    data = form.cleaned_data
    return {
        "starts_at": start,
        "ends_at": end,
        "site": data["site"],
        "room": data["room"],
        "offsite_address": data["offsite_address"],
        "confirm_holiday": data["confirm_holiday"],
        "holiday_reason": data["holiday_reason"],
    }


@login_required
def session_move(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    session = visible_session(request, pk)
    require(request.user, "groups.change_session", session)
    local = timezone.localtime(session.starts_at)
    form = SessionMoveForm(
        request.POST or None,
        initial={
            "day": local.date(),
            "start_time": local.time(),
            "duration_minutes": int(session.duration.total_seconds() // 60),
            "site": session.site_id,
            "room": session.room,
            "offsite_address": session.offsite_address,
            "confirm_holiday": bool(session.holiday_reason),
            "holiday_reason": session.holiday_reason,
        },
    )
    form.set_sites(_sites(session.group))
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.session_move(session=session, **_place_and_day(form))
        except ValidationError as exc:
            add_errors(form, _on_day_field(exc))
        else:
            messages.success(
                request,
                _("The session was moved; members were told.")
                if moved.members_told
                else _("Nothing changed: members were not told."),
            )
            _warn_short_years(request, session.group)
            return redirect("groups:session", pk=session.pk)
    return render(request, "groups/session_move.html", {"session": session, "form": form})


@login_required
def session_add(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    """One session outside the series (the same rules as a series: services.session_add)."""
    group = visible_group(request, pk)
    require(request.user, "groups.plan_group", group)
    form = SessionAddForm(
        request.POST or None,
        initial={"start_time": "14:00", "duration_minutes": HALF_DAY_MINUTES},
    )
    form.set_sites(_sites(group))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_add(group=group, **_place_and_day(form))
        except ValidationError as exc:
            add_errors(form, _on_day_field(exc))
        else:
            messages.success(request, _("The session was added; members were told."))
            _warn_short_years(request, group)
            return redirect("groups:session", pk=session.pk)
    return render(request, "groups/session_add.html", {"group": group, "form": form})


@login_required
def session_cancel(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    """Cancelling asks for confirmation and a reason, sent to members and facilitators."""
    session = visible_session(request, pk)
    require(request.user, "groups.change_session", session)
    form = SessionCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(session=session, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The session was cancelled; members were told."))
            _warn_short_years(request, session.group)
            return redirect("groups:session", pk=session.pk)
    return render(request, "groups/session_cancel.html", {"session": session, "form": form})


@login_required
def situation_new(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    session = visible_session(request, pk)
    member = group_rules.member_of(viewer_for(request.user), session.group)
    if member is not None and not member.has_accepted_charter:
        # The charter page is the link: accepting it there opens the situations.
        messages.error(request, _("Accept the group's charter first."))
        return redirect("groups:charter", pk=session.group_id)
    if member is None or not check(request.user, "groups.add_situation", session):
        raise PermissionDenied
    form = SituationForm(request.POST or None)
    warnings = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "pseudonymise" in request.POST:
            findings = services.situation_findings(
                group=session.group,
                texts={k: data[k] for k in ("title", "episode", "question")},
            )
            replaced = {
                k: pseudonymise(data[k], findings.get(k, []))
                for k in ("title", "episode", "question")
            }
            form = SituationForm(initial=replaced)
            messages.info(
                request, _("Names and details were replaced by pseudonyms: check the text.")
            )
        else:
            try:
                services.situation_save(
                    session=session,
                    author=member,
                    title=data["title"],
                    episode=data["episode"],
                    question=data["question"],
                    acknowledged=data["acknowledged"],
                    by=me(request),
                )
            except services.IdentifyingDataWarning as exc:
                warnings = exc.findings
                add_errors(form, exc)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Your situation was saved for the group."))
                return redirect("groups:session", pk=session.pk)
    return render(
        request,
        "groups/situation_form.html",
        {"session": session, "form": form, "warnings": warnings},
    )


@login_required
def session_record(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    session = visible_session(request, pk)
    require(request.user, "groups.record_session", session)
    group = session.group
    techniques = Technique.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id__in=group.organisation_ids())
    )
    form = RecordForm(
        request.POST or None,
        techniques=techniques,
        initial={
            "techniques": list(session.techniques.all()),
            "theory_input": session.theory_input,
        },
    )
    members = list(group.active_members().select_related("person"))
    situations = list(session.situations.select_related("author__person", "technique"))
    for record in situations:
        record_access(record)
    order_pos = {k: i + 1 for i, k in enumerate(session.speaking_order)}
    for m in members:
        m.order_value = order_pos.get(str(m.pk), "")  # type: ignore[attr-defined]
    note_form = NoteForm()
    if request.method == "POST" and form.is_valid():
        ranked = []
        for m in members:
            raw = request.POST.get(f"order_{m.pk}", "").strip()
            if raw.isdigit():
                ranked.append((int(raw), str(m.pk)))
        by_id = {str(t.pk): t for t in techniques}
        worked = {
            str(s.pk): by_id.get(request.POST.get(f"technique_{s.pk}", ""))
            for s in situations
            if request.POST.get(f"worked_{s.pk}")
        }
        try:
            services.session_record(
                session=session,
                speaking_order=[pk for _n, pk in sorted(ranked)],
                techniques=list(form.cleaned_data["techniques"]),
                theory_input=form.cleaned_data["theory_input"],
                worked_on=worked,
            )
            if request.POST.get("note", "").strip():
                services.note_add(
                    session=session,
                    author=me(request),  # type: ignore[arg-type]
                    text=request.POST["note"],
                    shared=bool(request.POST.get("note_shared")),
                )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The session was recorded."))
            return redirect("groups:session", pk=session.pk)
    return render(
        request,
        "groups/session_record.html",
        {
            "session": session,
            "form": form,
            "note_form": note_form,
            "members": members,
            "situations": situations,
            "techniques": techniques,
        },
    )


@login_required
def attendance(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    session = visible_session(request, pk)
    require(request.user, "groups.record_attendance", session)
    members = list(session.group.members.exclude(status="left").select_related("person"))
    current = dict(session.attendance.values_list("member_id", "status"))
    errors: list[str] = []
    if request.method == "POST":
        marks = {
            m.pk: request.POST[f"status_{m.pk}"]
            for m in members
            if request.POST.get(f"status_{m.pk}")
        }
        try:
            services.attendance_record(session=session, marks=marks, by=me(request))  # type: ignore[arg-type]
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Attendance was saved."))
            return redirect("groups:session", pk=session.pk)
    rows = [(m, current.get(m.pk, "")) for m in members]
    return render(
        request,
        "groups/attendance.html",
        {
            "session": session,
            "rows": rows,
            "choices": Attendance.Status.choices,
            "errors": errors,
        },
    )


@login_required
def attendance_sheet_pdf(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    session = visible_session(request, pk)
    require(request.user, "groups.change_session", session)
    if session.status != Session.Status.HELD:
        messages.error(request, _("The attendance sheet exists once the session is held."))
        return redirect("groups:session", pk=session.pk)
    return pdf.response(pdf.attendance_sheet(session), f"emargement-{session.starts_at:%Y%m%d}.pdf")


def _member_for_certificate(request: AuthedHttpRequest, pk: Any, member_pk: Any) -> GroupMember:
    return selectors.get_member_for_certificate(request.user, member_pk, group_pk=pk)


def _period_or_400(request: AuthedHttpRequest, member: GroupMember) -> Period | HttpResponse:
    try:
        return period_from(
            request.GET, group=member.group, viewer=request.user, today=timezone.localdate()
        )
    except ValidationError as exc:
        back = reverse("groups:detail", args=[member.group_id])
        return bad_request(request, " ".join(exc.messages), back)


def _refused(request: AuthedHttpRequest, member: GroupMember, exc: ValidationError) -> HttpResponse:
    """A certificate refused (`certificates.check_certificate`): back to the group, saying why."""
    messages.error(request, " ".join(exc.messages))
    return redirect("groups:detail", pk=member.group_id)


@login_required
def certificate_pdf(request: AuthedHttpRequest, pk: Any, member_pk: Any) -> HttpResponse:
    """The attendance certificate over a period (?year=, ?programme_year=, ?from=&to=, ?contract=)."""
    member = _member_for_certificate(request, pk, member_pk)
    period = _period_or_400(request, member)
    if isinstance(period, HttpResponse):
        return period
    try:
        document = pdf.certificate(member, period)
    except ValidationError as exc:
        return _refused(request, member, exc)
    return pdf.response(
        document, f"attestation-{slugify(member.person.last_name)}-{period.slug}.pdf"
    )


@login_required
def completion_pdf(request: AuthedHttpRequest, pk: Any, member_pk: Any) -> HttpResponse:
    """The certificat de réalisation of a participant over the same periods."""
    member = _member_for_certificate(request, pk, member_pk)
    period = _period_or_400(request, member)
    if isinstance(period, HttpResponse):
        return period
    try:
        document = pdf.completion_certificate(member, period)
    except ValidationError as exc:
        return _refused(request, member, exc)
    return pdf.response(
        document, f"certificat-realisation-{slugify(member.person.last_name)}-{period.slug}.pdf"
    )
