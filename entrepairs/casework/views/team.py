"""How a core team works together: meetings (agenda, minutes, actions, attendance), peer review,
trends, the indicator framework, policies and audits (issue 12 points 10-12)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.audit import record_access
from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.services import SYSTEM
from entrepairs.core.views import require
from entrepairs.organisations.models import Team
from entrepairs.organisations.viewer import viewer_for

from .. import selectors, services
from ..agenda import AGENDA_KINDS
from ..forms import (
    AnswerForm,
    AttendanceForm,
    AuditForm,
    FindingForm,
    IndicatorForm,
    MeetingForm,
    MinutesForm,
    PeerReviewForm,
    PolicyForm,
    TeamActionForm,
    TopicForm,
)
from ..models import Case, Meeting, PeerReview, TeamTopic


def _by(request: AuthedHttpRequest) -> Any:
    return selectors.person_of(request.user)


# -- meetings ---------------------------------------------------------------------------------


def _meetings_page(request: AuthedHttpRequest, team: Team, **forms: Any) -> HttpResponse:
    meetings = list(
        selectors.meetings_for(viewer_for(request.user))
        .filter(core_team=team)
        .order_by("-held_on", "-created_at")[:100]
    )
    topics = list(TeamTopic.objects.filter(core_team=team, discussed_in__isnull=True)[:100])
    return render(
        request,
        "casework/team_meetings.html",
        {
            "team": team,
            "meetings": meetings,
            "topics": topics,
            "form": forms.get("form") or MeetingForm(initial={"held_on": timezone.localdate()}),
            "topic_form": forms.get("topic_form") or TopicForm(),
        },
    )


@login_required
def meetings(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_core_team_for(request.user, pk)
    require(request.user, "casework.view_meeting", team)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "casework.add_meeting", team)
        if form.is_valid():
            try:
                meeting = services.meeting_create(team=team, **form.cleaned_data, by=_by(request))
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The meeting is planned; its agenda is built."))
                return redirect("casework:meeting", pk=meeting.pk)
        return _meetings_page(request, team, form=form)
    return _meetings_page(request, team)


@login_required
@require_POST
def topic_add(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_core_team_for(request.user, pk)
    require(request.user, "casework.add_meeting", team)
    form = TopicForm(request.POST)
    if form.is_valid():
        try:
            services.topic_add(team=team, **form.cleaned_data, by=_by(request))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The topic is on the next meeting's agenda."))
            return redirect("casework:meetings", pk=team.pk)
    return _meetings_page(request, team, topic_form=form)


def _meeting_page(request: AuthedHttpRequest, meeting: Meeting, **forms: Any) -> HttpResponse:
    record_access(meeting)
    agenda = selectors.meeting_agenda(meeting)
    for item in agenda:
        item["kind_label"] = AGENDA_KINDS.get(item["kind"], item["kind"])
    return render(
        request,
        "casework/team_meeting.html",
        {
            "meeting": meeting,
            "team": meeting.core_team,
            "agenda": agenda,
            "attendance": selectors.meeting_attendance(meeting),
            "actions": list(meeting.actions.select_related("owner")),
            "minutes_form": forms.get("minutes_form")
            or MinutesForm(initial={"minutes": meeting.minutes}),
            "attendance_form": forms.get("attendance_form")
            or AttendanceForm(user=request.user, of=meeting),
            "action_form": forms.get("action_form")
            or TeamActionForm(user=request.user, of=meeting),
        },
    )


@login_required
def meeting_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _meeting_page(request, selectors.get_meeting_for(request.user, pk))


@login_required
@require_POST
def meeting_refresh(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, "change")
    try:
        services.meeting_agenda_refresh(meeting=meeting, by=_by(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The agenda is built again from what is waiting."))
    return redirect("casework:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_minutes(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, "change")
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_minutes_save(
                meeting=meeting, minutes=form.cleaned_data["minutes"], by=_by(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect("casework:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, minutes_form=form)


@login_required
@require_POST
def meeting_attendance(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, "change")
    form = AttendanceForm(request.POST, user=request.user, of=meeting)
    if form.is_valid():
        try:
            services.meeting_attendance_record(
                meeting=meeting, **form.cleaned_data, by=_by(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Attendance recorded."))
            return redirect("casework:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, attendance_form=form)


@login_required
@require_POST
def meeting_action(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, "change")
    form = TeamActionForm(request.POST, user=request.user, of=meeting)
    if form.is_valid():
        try:
            services.meeting_action_add(meeting=meeting, **form.cleaned_data, by=_by(request))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The action is recorded."))
            return redirect("casework:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, action_form=form)


# -- peer review ------------------------------------------------------------------------------


@login_required
def peer_review_new(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """Review the responsible guardian's work on this case (a member of its core team)."""
    case = selectors.get_case_for(request.user, pk)
    require(request.user, "casework.add_peerreview", case)
    services.indicators_ensure_defaults(organisation_id=case.organisation_id, by=SYSTEM)
    form = PeerReviewForm(
        request.POST or None, indicators=selectors.indicators_for(case.organisation_id)
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.peer_review_give(
                case=case,
                ratings=form.ratings(),
                feedback=form.cleaned_data["feedback"],
                by=_by(request),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Your review is sent to %(name)s.") % {"name": case.guardian}
            )
            return redirect("casework:peer_review", pk=review.pk)
    return render(request, "casework/team_peer_review_form.html", {"case": case, "form": form})


@login_required
def peer_reviews(request: AuthedHttpRequest) -> HttpResponse:
    """The reviews one gave and received (nobody else's)."""
    me = selectors.person_of(request.user)
    rows = list(selectors.peer_reviews_for(viewer_for(request.user)).order_by("-reviewed_on")[:200])
    return render(
        request,
        "casework/team_peer_reviews.html",
        {
            "received": [r for r in rows if me and r.reviewee_id == me.pk],
            "given": [r for r in rows if me and r.reviewer_id == me.pk],
        },
    )


def _review_page(request: AuthedHttpRequest, review: PeerReview, **forms: Any) -> HttpResponse:
    record_access(review)
    return render(
        request,
        "casework/team_peer_review.html",
        {
            "review": review,
            "ratings": list(review.ratings.select_related("indicator")),
            "may_answer": check(request.user, "casework.answer_peerreview", review)
            and review.answered_at is None,
            "answer_form": forms.get("answer_form") or AnswerForm(),
        },
    )


@login_required
def peer_review_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _review_page(request, selectors.get_peer_review_for(request.user, pk))


@login_required
@require_POST
def peer_review_answer(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    review = selectors.get_peer_review_for(request.user, pk)
    require(request.user, "casework.answer_peerreview", review)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.peer_review_answer(
                review=review, answer=form.cleaned_data["answer"], by=_by(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your answer is recorded."))
            return redirect("casework:peer_review", pk=review.pk)
    return _review_page(request, review, answer_form=form)


@login_required
def trends(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """Per indicator, the team's peer-review ratings (count, average): never per person."""
    team = selectors.get_figures_team_for(request.user, pk)
    return render(
        request,
        "casework/team_trends.html",
        {
            "team": team,
            "trends": selectors.peer_review_trends(team, timezone.localdate()),
            "min_reviews": selectors.TREND_MIN_REVIEWS,
            "min_people": selectors.TREND_MIN_PEOPLE,
        },
    )


# -- the framework ----------------------------------------------------------------------------


def _managed_org(request: AuthedHttpRequest) -> Any:
    """The organisation whose framework or policies the coordinator manages (404 otherwise)."""
    me = selectors.person_of(request.user)
    if me is None:
        raise Http404
    if not check(request.user, "casework.change_reviewindicator", me):
        raise PermissionDenied
    return me.organisation_id


@login_required
def indicators(request: AuthedHttpRequest) -> HttpResponse:
    organisation_id = _managed_org(request)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_save(
                organisation_id=organisation_id, **form.cleaned_data, by=_by(request)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The indicator is added to the framework."))
            return redirect("casework:indicators")
    services.indicators_ensure_defaults(organisation_id=organisation_id, by=SYSTEM)
    rows = list(selectors.indicators_for(organisation_id, active_only=False))
    return render(request, "casework/team_indicators.html", {"indicators": rows, "form": form})


# -- policies ---------------------------------------------------------------------------------


def _policy_teams(request: AuthedHttpRequest) -> Any:
    return selectors.core_teams_for(viewer_for(request.user))


@login_required
def policies(request: AuthedHttpRequest) -> HttpResponse:
    may_publish = check(request.user, "casework.add_policy", None)
    form = PolicyForm(request.POST or None, teams=_policy_teams(request))
    if request.method == "POST":
        organisation_id = _managed_org(request)
        if form.is_valid():
            d = form.cleaned_data
            try:
                policy = services.policy_publish(
                    organisation_id=organisation_id,
                    core_team=d["core_team"],
                    title=d["title"],
                    text=d["text"],
                    effective_on=d["effective_on"],
                    by=_by(request),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The policy is rolled out."))
                return redirect("casework:policy", pk=policy.pk)
    rows = list(selectors.policies_for(viewer_for(request.user)).order_by("-effective_on")[:200])
    return render(
        request,
        "casework/team_policies.html",
        {"policies": rows, "form": form if may_publish else None},
    )


@login_required
def policy_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    policy = selectors.get_policy_for(request.user, pk)
    done, pending = selectors.policy_status(policy)
    me = selectors.person_of(request.user)
    return render(
        request,
        "casework/team_policy.html",
        {
            "policy": policy,
            "done": done,
            "pending": pending,
            "total": len(done) + len(pending),
            "may_acknowledge": me is not None and any(p.pk == me.pk for p in pending),
        },
    )


@login_required
@require_POST
def policy_acknowledge(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    policy = selectors.get_policy_for(request.user, pk)
    require(request.user, "casework.acknowledge_policy", policy)
    try:
        services.policy_acknowledge(policy=policy, by=_by(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("You have acknowledged this policy."))
    return redirect("casework:policy", pk=policy.pk)


# -- audits -----------------------------------------------------------------------------------


@login_required
def audits(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """A core team's audits; its coordinators open one (sample drawn at random)."""
    team = selectors.get_core_team_for(request.user, pk)
    may_open = check(request.user, "casework.add_audit", team)
    form = AuditForm(request.POST or None, user=request.user, team=team)
    if request.method == "POST":
        require(request.user, "casework.add_audit", team)
        if form.is_valid():
            d = form.cleaned_data
            try:
                audit = services.audit_open(
                    team=team,
                    title=d["title"],
                    starts_on=d["starts_on"],
                    ends_on=d["ends_on"],
                    sample_size=d["sample_size"],
                    auditors=list(d["auditors"]),
                    seed=d["seed"],
                    by=_by(request),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The audit is open; its sample is drawn."))
                return redirect("casework:audit", pk=audit.pk)
    rows = list(
        selectors.audits_for(viewer_for(request.user))
        .filter(core_team=team)
        .order_by("-starts_on")[:100]
    )
    return render(
        request,
        "casework/team_audits.html",
        {"team": team, "audits": rows, "form": form if may_open else None},
    )


def _audit_page(request: AuthedHttpRequest, audit: Any, **forms: Any) -> HttpResponse:
    record_access(audit)
    reads = check(request.user, "casework.read_audit_findings", audit)
    context: dict[str, Any] = {
        "audit": audit,
        "reads": reads,
        "auditors": list(audit.auditors.order_by("last_name")),
        "trends": selectors.audit_trends(audit),
        # the team's audits page (views.team.audits) asks only that the team be visible
        "may_open_team": selectors.may_open_core_team_page(request.user, audit.core_team_id),
    }
    if reads:
        cases = Case.objects.filter(audits=audit).select_related("child").defer("summary")
        indicators = selectors.indicators_for(audit.organisation_id)
        context |= {
            "cases": list(cases),
            "findings": list(audit.findings.select_related("case__child", "indicator")),
            "actions": list(audit.actions.select_related("owner")),
            "may_record": check(request.user, "casework.add_auditfinding", audit),
            "may_act": check(request.user, "casework.add_auditaction", audit),
            "finding_form": forms.get("finding_form")
            or FindingForm(cases=cases, indicators=indicators),
            "action_form": forms.get("action_form") or TeamActionForm(user=request.user, of=audit),
        }
    return render(request, "casework/team_audit.html", context)


@login_required
def audit_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _audit_page(request, selectors.get_audit_for(request.user, pk))


@login_required
@require_POST
def audit_finding(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    audit = selectors.get_audit_for(request.user, pk)
    if not check(request.user, "casework.add_auditfinding", audit):
        raise PermissionDenied
    form = FindingForm(
        request.POST,
        cases=Case.objects.filter(organisation_id=audit.organisation_id),
        indicators=selectors.indicators_for(audit.organisation_id, active_only=False),
    )
    if form.is_valid():
        try:
            services.audit_finding_record(audit=audit, **form.cleaned_data, by=_by(request))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The finding is recorded."))
            return redirect("casework:audit", pk=audit.pk)
    return _audit_page(request, audit, finding_form=form)


@login_required
@require_POST
def audit_action(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    audit = selectors.get_audit_for(request.user, pk)
    require(request.user, "casework.add_auditaction", audit)
    form = TeamActionForm(request.POST, user=request.user, of=audit)
    if form.is_valid():
        try:
            services.audit_action_add(audit=audit, **form.cleaned_data, by=_by(request))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The action is recorded."))
            return redirect("casework:audit", pk=audit.pk)
    return _audit_page(request, audit, action_form=form)
