"""Propose an allocation, inspect loads before and after, confirm or discard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import ask_first, require

from .. import selectors, services
from ..forms import ConfirmForm, ProposeForm
from .teams import team_context


@login_required
@require_POST
def propose(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    team = selectors.get_core_team_for(request.user, pk)
    require(request.user, "casework.allocate_coreteam", team)
    form = ProposeForm(request.POST)
    if form.is_valid():
        try:
            proposal = services.allocation_propose(
                team=team,
                kind=form.cleaned_data["kind"],
                max_moves=form.cleaned_data["max_moves"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("casework:proposal", pk=proposal.pk)
    context = team_context(request, team)
    context["propose_form"] = form
    return render(request, "casework/team.html", context)


def _proposal_page(request: AuthedHttpRequest, proposal: object, form: ConfirmForm) -> HttpResponse:
    moves = list(
        proposal.moves.select_related("case__child", "from_person", "to_person")  # type: ignore[attr-defined]
    )
    return render(
        request,
        "casework/proposal.html",
        {"proposal": proposal, "moves": moves, "form": form},
    )


@login_required
def proposal_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    proposal = selectors.get_proposal_for(request.user, pk)
    return _proposal_page(request, proposal, ConfirmForm())


@login_required
@require_POST
def proposal_confirm(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    proposal = selectors.get_proposal_for(request.user, pk)
    require(request.user, "casework.change_allocationproposal", proposal)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.allocation_confirm(
                proposal=proposal,
                note=form.cleaned_data["note"],
                by=selectors.person_of(request.user),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The allocation is confirmed."))
            return redirect("casework:team", pk=proposal.core_team_id)
    proposal.refresh_from_db()
    return _proposal_page(request, proposal, form)


@login_required
@require_POST
def proposal_discard(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    proposal = selectors.get_proposal_for(request.user, pk)
    require(request.user, "casework.change_allocationproposal", proposal)
    asked = ask_first(
        request,
        title=_("Discard this proposal?"),
        question=_("The proposal is dropped; nothing changes for the cases."),
        confirm=_("Yes, discard"),
        back=reverse("casework:proposal", args=[proposal.pk]),
    )
    if asked is not None:
        return asked
    try:
        services.allocation_discard(proposal=proposal, by=selectors.person_of(request.user))
    except ValidationError as exc:
        form = ConfirmForm()
        add_errors(form, exc)
        return _proposal_page(request, proposal, form)
    messages.success(request, _("The proposal is discarded."))
    return redirect("casework:team", pk=proposal.core_team_id)
