"""A match's page, shaped by who looks: staff and agency see the file; a mentor sees the youth
only through the sharing agreement (`rules.youth_for_mentor`); a guardian sees meetings."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entrepairs.core.audit import record_access
from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import ask_first, get_visible_or_404
from entrepairs.organisations.viewer import viewer_for

from .. import lifecycle
from ..checkin_links import checkin_link_send
from ..forms import (
    GROUP_NOTE,
    CheckInForm,
    CloseForm,
    ContactForm,
    NoteForm,
    PauseForm,
    ReviewFollowUpForm,
)
from ..models import (
    CheckIn,
    Closure,
    Match,
    Mentor,
    Mode,
    SafeguardingReview,
    score_rows,
    score_sentence,
)
from ..rules import (
    arranged_with_guardian_q,
    checkin_rights,
    events_shown,
    match_rights,
    may_confirm_closure,
    may_write_about,
    records_on_behalf,
    youths_shown,
)
from ..selectors import (
    match_checkins,
    match_contacts,
    match_queryset,
    mentor_view_of,
    notes_for,
)
from .common import actor

PAGE_SIZE = 50
# The steps after a closure proposal are checked like the closure itself (lifecycle).
CLOSURE_STEPS = {"confirm_close": "close", "withdraw_close": "close", "review": "close"}
FOLLOW_UP_PAGE_SIZE = 20  # contacts, check-ins and notes grow for the life of the match


@login_required
def match_list(request: AuthedHttpRequest) -> HttpResponse:
    matches = match_queryset(request.user)
    status = request.GET.get("status", "")
    if status in Match.Status.values:
        matches = matches.filter(status=status)
    page = Paginator(matches.order_by("-created_at", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    viewer = viewer_for(request.user)
    today = timezone.localdate()
    rows = []
    agreements: dict = {}
    for match in page:
        rights = match_rights(viewer, match)
        view = mentor_view_of(match, today, agreements) if rights.sees_mentor_view else None
        youths, others = youths_shown(viewer, match) if rights.can_see_youths else ([], 0)
        match.shown_name = match.name_with(youths)
        rows.append(
            {
                "match": match,
                "rights": rights,
                "mentor_view": view,
                "youths": youths,
                "other_youths": others,
            }
        )
    return render(
        request,
        "mentoring/match_list.html",
        {"page": page, "rows": rows, "status": status, "statuses": Match.Status.choices},
    )


@login_required
def match_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    match = get_visible_or_404(match_queryset(request.user), pk=pk)
    viewer = viewer_for(request.user)
    rights = checkin_rights(viewer, match, timezone.localdate())
    youths, other_youths = youths_shown(viewer, match) if rights.can_see_youths else ([], 0)
    today = timezone.localdate()
    by = actor(request)
    forms_: dict[str, Any] = {
        "contact": ContactForm(prefix="k", initial={"happened_on": today}),
        "note": NoteForm(prefix="n", **_note_choices(viewer, match)),
        "close": CloseForm(prefix="c", programme=match.programme),
        "pause": PauseForm(prefix="p"),
        "review": ReviewFollowUpForm(prefix="r"),
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        if (
            CLOSURE_STEPS.get(action, action) not in rights.ACTIONS
        ):  # who may act is the service's to say (403 + why)
            return HttpResponse(status=400)
        result = _match_action(request, action, match, forms_, by, viewer)
        if result is not None:
            return result
    record_access(match)
    for youth in youths:
        record_access(youth)
    contacts = match_contacts(match)
    if rights.arranges_meetings:
        contacts = contacts.filter(arranged_with_guardian_q(viewer.person_id))
    notes = notes_for(viewer, match) if rights.can_follow else []
    pages, queries = _follow_up_pages(
        request,
        {
            "contacts": contacts if rights.can_see_contacts else [],
            "checkins": match_checkins(match) if rights.can_follow else [],
            "notes": notes,
        },
    )
    pending = _pending(match, rights)
    return render(
        request,
        "mentoring/match_detail.html",
        {
            "match": match,
            # Named by its people as the viewer may see them, like every list (issue 15).
            "match_name": match.name_with(youths),
            "rights": rights,
            "mentor_view": mentor_view_of(match, today) if rights.sees_mentor_view else None,
            "breakdown": score_rows(match.breakdown),
            "score_sentence": score_sentence(match.breakdown) if match.breakdown else "",
            "youths": youths,
            "other_youths": other_youths,
            "mentors": match.mentors.all(),
            "events": events_shown(viewer, match, match.events.select_related("by"))
            if rights.can_see_events
            else [],
            "checkins": pages["checkins"],
            # each row of the page: the check-in, its form if open and the viewer records that
            # party's check-ins, and whether the viewer reads its answers (no lookup per row)
            # and whether they may e-mail the party the link to fill it in themselves
            "checkin_rows": [
                (
                    c,
                    None
                    if c.done_on or not rights.records_checkin(c.party)
                    else CheckInForm(
                        prefix=f"ci{c.pk}", on_behalf=records_on_behalf(rights, c.party)
                    ),
                    rights.reads_checkin_answers(c.party),
                    not c.done_on and rights.can_manage and c.party != CheckIn.Party.MENTOR,
                )
                for c in pages["checkins"]
            ],
            "contacts": pages["contacts"],
            "notes": pages["notes"],
            "page_queries": queries,
            "reason_label": match.programme.reason_label(match.closure_reason),
            "pending_closure": pending,
            "viewer_person_id": viewer.person_id,
            "follows_up_reviews": rights.can_follow_up_reviews,
            "may_confirm_closure": bool(pending) and may_confirm_closure(viewer, match, pending),
            "pending_reason_label": match.programme.reason_label(pending.reason) if pending else "",
            "open_reviews": list(
                match.safeguarding_reviews.filter(status=SafeguardingReview.Status.OPEN)
            )
            if rights.can_manage
            else [],
            "forms": forms_,
            "co_mentors": Mentor.objects.filter(
                programme=match.programme, status=Mentor.Status.APPROVED
            )
            .exclude(pk__in=[m.pk for m in match.mentors.all()])
            .select_related("person")
            if rights.can_add_mentor
            and match.mode == "group"
            and match.is_open
            and len(match.mentors.all()) < 2
            else [],
        },
    )


def _pending(match: Match, rights: Any) -> Closure | None:
    if not rights.can_close:
        return None
    return (
        match.closures.filter(status=Closure.Status.PROPOSED).select_related("proposed_by").first()
    )


def _follow_up_pages(request: AuthedHttpRequest, lists: dict[str, Any]) -> tuple[dict, dict]:
    """Each follow-up list pages on its own parameter (`contacts_page`, ...); the links of one
    keep the others on the page they show."""
    pages = {
        name: Paginator(rows, FOLLOW_UP_PAGE_SIZE).get_page(request.GET.get(f"{name}_page"))
        for name, rows in lists.items()
    }
    queries = {
        name: urlencode({f"{o}_page": p.number for o, p in pages.items() if o != name})
        for name in pages
    }
    return pages, queries


def _note_choices(viewer: Any, match: Match) -> dict[str, Any]:
    """What the note form offers: the youths the viewer may write about, and for a group the
    group itself, shareable with its youths' agencies."""
    youths = list(match.youths.all())
    agencies = {y.agency_id: y.agency for y in youths}
    return {
        "youths": [y for y in youths if may_write_about(viewer, match, y)],
        "agencies": sorted(agencies.values(), key=lambda a: a.name),
        "group": match.mode == Mode.GROUP,
    }


def _note_target(match: Match, d: dict) -> dict[str, Any]:
    """The note form's answers as the service's arguments (the service checks them)."""
    about = d.get("about") or ""
    youths = {str(y.pk): y for y in match.youths.all()}
    agencies = {str(y.agency_id): y.agency for y in youths.values()}
    youth = None if about == GROUP_NOTE else youths.get(about)
    shared = [agencies[a] for a in d.get("shared_with") or [] if a in agencies]
    return {"youth": youth, "shared_with": shared}


def _match_action(
    request: AuthedHttpRequest,
    action: str,
    match: Match,
    forms_: dict,
    by: Any,
    viewer: Any,
) -> HttpResponse | None:
    P = request.POST
    try:
        if action == "introduce":
            lifecycle.match_introduce(match=match, by=by)
            messages.success(
                request,
                _("The match is introduced; mentor, case worker and guardian are notified."),
            )
        elif action in ("resume", "reopen"):
            if action == "resume":
                lifecycle.match_resume(match=match, by=by)
            else:
                lifecycle.match_reopen(match=match, by=by, note=P.get("note", ""))
            messages.success(request, _("The match is active again."))
        elif action == "add_mentor":
            mentor = get_visible_or_404(
                Mentor.objects.filter(programme=match.programme), pk=P.get("mentor", "")
            )
            lifecycle.match_add_mentor(match=match, mentor=mentor, by=by)
            messages.success(request, _("The co-mentor is added."))
        elif action in ("confirm_close", "withdraw_close"):
            # any closure of the match: one already decided gets the service's explanation
            closure = get_visible_or_404(
                Closure.objects.filter(match=match), pk=P.get("closure", "")
            )
            if action == "confirm_close":
                lifecycle.closure_confirm(closure=closure, by=by)
                messages.success(request, _("The match is closed; the case worker is told."))
            else:
                asked = ask_first(
                    request,
                    title=_("Withdraw the closure proposal?"),
                    question=_("The match stays active; nobody is asked to confirm its closure."),
                    confirm=_("Yes, withdraw the proposal"),
                    back=reverse("mentoring:match", args=[match.pk]),
                )
                if asked is not None:
                    return asked
                lifecycle.closure_withdraw(closure=closure, by=by)
                messages.success(request, _("The closure proposal is withdrawn."))
        elif action == "checkin":
            checkin = get_visible_or_404(
                CheckIn.objects.filter(match=match), pk=P.get("checkin", "")
            )
            on_behalf = records_on_behalf(match_rights(viewer, match), checkin.party)
            form = CheckInForm(P, prefix=f"ci{checkin.pk}", on_behalf=on_behalf)
            if not form.is_valid():
                messages.error(request, _("Please correct the check-in form."))
                return None
            lifecycle.checkin_record(checkin=checkin, by=by, **form.cleaned_data)
            messages.success(request, _("The check-in is recorded."))
        elif action == "checkin_link":
            checkin = get_visible_or_404(
                CheckIn.objects.filter(match=match), pk=P.get("checkin", "")
            )
            sent = checkin_link_send(checkin=checkin, by=by)
            messages.success(
                request,
                ngettext(
                    "The link to their check-in is e-mailed (%(n)d address).",
                    "The link to their check-in is e-mailed (%(n)d addresses).",
                    sent,
                )
                % {"n": sent},
            )
        else:
            cls = {
                "contact": ContactForm,
                "note": NoteForm,
                "close": CloseForm,
                "pause": PauseForm,
                "review": ReviewFollowUpForm,
            }[action]
            kwargs: dict[str, Any] = {"programme": match.programme} if action == "close" else {}
            if action == "note":
                kwargs = _note_choices(viewer, match)
            form = cls(P, prefix=forms_[action].prefix, **kwargs)
            forms_[action] = form
            if not form.is_valid():
                return None
            d = form.cleaned_data
            try:
                if action == "contact":
                    lifecycle.contact_record(match=match, by=by, **d)
                    messages.success(request, _("The contact is logged."))
                elif action == "note":
                    lifecycle.progress_note_add(
                        match=match, text=d["text"], by=by, **_note_target(match, d)
                    )
                    messages.success(request, _("The progress note is recorded."))
                elif action == "close":
                    lifecycle.match_close(match=match, by=by, **d)
                    messages.success(
                        request,
                        _(
                            "The closure is proposed: a second staff member confirms it "
                            "(a safeguarding concern opens a review instead)."
                        ),
                    )
                elif action == "pause":
                    lifecycle.match_pause(match=match, by=by, **d)
                    messages.success(request, _("The match is paused."))
                elif action == "review":
                    review = get_visible_or_404(
                        match.safeguarding_reviews.filter(status=SafeguardingReview.Status.OPEN),
                        pk=P.get("review", ""),
                    )
                    lifecycle.safeguarding_review_follow_up(review=review, by=by, **d)
                    messages.success(request, _("The follow-up of the review is recorded."))
            except ValidationError as exc:
                add_errors(form, exc)
                return None
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("mentoring:match", pk=match.pk)
