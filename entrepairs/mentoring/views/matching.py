"""Matching runs: start, progress bar (HTMX polling), proposals with score breakdowns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import ask_first

from .. import lifecycle
from ..models import CRITERION_LABELS, Match, Proposal, Unmatched, score_rows, score_sentence
from ..selectors import get_programme_for, get_proposal_for, get_run_for
from .common import actor

PAGE_SIZE = 100
TO_INTRODUCE_PAGE_SIZE = 50


@login_required
def matching(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    if request.method == "POST":  # who may run matching is the service's to say (403 + why)
        programme = get_programme_for(request.user, pk)
        run = lifecycle.matching_start(programme=programme, by=actor(request))
        return redirect("mentoring:run", pk=run.pk)
    programme = get_programme_for(request.user, pk, "mentoring.run_matching")
    # Reading the page runs nothing: a run starts only on POST (above), in the worker.
    proposed = (
        Match.objects.filter(programme=programme, status=Match.Status.PROPOSED)
        .prefetch_related("mentors__person", "youths__person")
        .order_by("-created_at", "id")
    )
    page = Paginator(proposed, TO_INTRODUCE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/matching.html",
        {"programme": programme, "runs": programme.runs.all()[:10], "proposed": page},
    )


@login_required
def run_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    run = get_run_for(request.user, pk)
    proposals = (
        Proposal.objects.filter(run=run)
        .select_related("youth__person", "mentor__person")
        .order_by("status", "-score", "id")
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    unmatched = Unmatched.objects.filter(run=run).select_related("youth__person", "mentor__person")[
        :200
    ]
    for p in page:
        p.rows = score_rows(p.breakdown)  # type: ignore[attr-defined]
        p.sentence = score_sentence(p.breakdown, p.youth, p.mentor)  # type: ignore[attr-defined]
    open_ids = [p for p in page if p.status == Proposal.Status.PROPOSED]
    return render(
        request,
        "mentoring/run_detail.html",
        {
            "run": run,
            "page": page,
            "unmatched": unmatched,
            "labels": CRITERION_LABELS,
            "swappable": open_ids,
        },
    )


@login_required
def run_progress(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """The HTMX fragment polled by the progress bar; when done, it asks the page to reload."""
    run = get_run_for(request.user, pk)
    response = render(request, "mentoring/_run_progress.html", {"run": run})
    if run.is_finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def proposal_action(request: AuthedHttpRequest, pk: str, action: str) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    by = actor(request)  # the services decide who may decide on proposals
    try:
        if action == "accept":
            lifecycle.proposal_accept(proposal=proposal, by=by)
            messages.success(
                request, _("Accepted: the match is proposed, introduce it when ready.")
            )
        elif action == "reject":
            asked = ask_first(
                request,
                title=_("Reject this pair?"),
                question=_("%(youth)s and %(mentor)s: this pair will not be proposed again.")
                % {"youth": proposal.youth, "mentor": proposal.mentor},
                confirm=_("Yes, reject"),
                back=f"/mentoring/runs/{proposal.run_id}/#p-{proposal.pk}",
            )
            if asked is not None:
                return asked
            lifecycle.proposal_reject(proposal=proposal, by=by)
            messages.success(request, _("Rejected: this pair will not be proposed again."))
        elif action in ("pin", "unpin"):
            lifecycle.proposal_pin(proposal=proposal, pinned=action == "pin", by=by)
        elif action == "swap":
            other = get_proposal_for(request.user, request.POST.get("other", ""))
            lifecycle.proposal_swap(first=proposal, second=other, by=by)
            messages.success(request, _("Mentors swapped; both pairs are pinned."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(f"/mentoring/runs/{proposal.run_id}/#p-{proposal.pk}")
