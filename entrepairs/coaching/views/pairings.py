"""A pairing's page: its reasons, confirming or declining it, its meetings, its end by a
coordinator (the page asks first) and each one's feedback after it. Each write calls one
function of coaching.services; a pairing the viewer may not see is a 404, an action they may
not take a 403."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.permissions import check
from entrepairs.core.views import ask_first, flash_errors, require
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.selectors import acting_person

from .. import reasons, selectors, services
from ..forms import EndForm, FeedbackForm, MeetingForm
from ..models import CoachPairing
from ..rules import side_of

State = CoachPairing.State


def _page(
    request: AuthedHttpRequest,
    pairing: CoachPairing,
    meeting_form: MeetingForm | None = None,
    end_form: EndForm | None = None,
    feedback_form: FeedbackForm | None = None,
) -> HttpResponse:
    side = side_of(viewer_for(request.user), pairing)
    in_pair = side is not None
    running = pairing.state == State.ACTIVE
    return render(
        request,
        "coaching/pairing.html",
        {
            "pairing": pairing,
            "sentence": reasons.sentence(pairing.reasons),
            "reason_rows": [
                (reasons.LABELS[c], w, round(r * 100), round(x, 2))
                for c, w, r, x in pairing.reasons
                if c in reasons.LABELS
            ],
            "meetings": selectors.meetings_of(request.user, pairing),
            "feedback": selectors.feedback_of(request.user, pairing),
            "ending": selectors.ending_of(request.user, pairing),
            "may_respond": in_pair
            and pairing.state == State.PROPOSED
            and not getattr(pairing, f"confirmed_by_{side}"),
            "may_log": in_pair and running,
            "may_end": running and check(request.user, "coaching.end_pairing", pairing),
            "may_give_feedback": in_pair
            and pairing.state == State.ENDED
            and not getattr(pairing, f"{side}_feedback_given"),
            "meeting_form": meeting_form or MeetingForm(initial={"date": timezone.localdate()}),
            "end_form": end_form or EndForm(),
            "feedback_form": feedback_form or FeedbackForm(),
        },
    )


@login_required
def pairing_detail(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    return _page(request, selectors.get_pairing_for(request.user, pk))


@login_required
@require_POST
def pairing_confirm(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    pairing = selectors.get_pairing_for(request.user, pk)
    require(request.user, "coaching.respond_pairing", pairing)
    try:
        done = services.pairing_confirm(pairing=pairing, by=acting_person(request.user))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            _("The pairing is confirmed by both: it starts.")
            if done.state == State.ACTIVE
            else _("Your confirmation is recorded; the other person is asked for theirs."),
        )
    return redirect("coaching:pairing", pk=pairing.pk)


@login_required
@require_POST
def pairing_decline(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    pairing = selectors.get_pairing_for(request.user, pk)
    require(request.user, "coaching.respond_pairing", pairing)
    asked = ask_first(
        request,
        title=_("Decline the pairing"),
        question=_("Decline this coach pairing? The coordinators will propose another one."),
        confirm=_("Yes, decline"),
        back=reverse("coaching:pairing", args=[pairing.pk]),
    )
    if asked is not None:
        return asked
    try:
        services.pairing_decline(pairing=pairing, by=acting_person(request.user))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The pairing is declined."))
    return redirect("coaching:pairing", pk=pairing.pk)


@login_required
@require_POST
def meeting_log(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    pairing = selectors.get_pairing_for(request.user, pk)
    require(request.user, "coaching.log_meeting", pairing)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_log(
                pairing=pairing, by=acting_person(request.user), **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The meeting is logged."))
            return redirect("coaching:pairing", pk=pairing.pk)
    return _page(request, pairing, meeting_form=form)


@login_required
@require_POST
def pairing_end(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """A coordinator ends the pairing with a reason; the page asks first (it cannot be undone)."""
    pairing = selectors.get_pairing_for(request.user, pk)
    require(request.user, "coaching.end_pairing", pairing)
    form = EndForm(request.POST)
    if form.is_valid():
        asked = ask_first(
            request,
            title=_("End the pairing"),
            question=_(
                "End this coach pairing? The coach's place is freed, both are told and asked for "
                "their feedback. It cannot be undone."
            ),
            confirm=_("Yes, end the pairing"),
            back=reverse("coaching:pairing", args=[pairing.pk]),
        )
        if asked is not None:
            return asked
        done = _write(
            request,
            pairing,
            form,
            services.pairing_end,
            _("The pairing is ended: both are asked for their feedback."),
        )
        if done is not None:
            return done
    return _page(request, pairing, end_form=form)


@login_required
@require_POST
def pairing_feedback(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    pairing = selectors.get_pairing_for(request.user, pk)
    require(request.user, "coaching.give_feedback", pairing)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        done = _write(
            request, pairing, form, services.pairing_feedback, _("Your feedback is recorded.")
        )
        if done is not None:
            return done
    return _page(request, pairing, feedback_form=form)


def _write(
    request: AuthedHttpRequest, pairing: CoachPairing, form: Any, service: Any, said: str
) -> HttpResponse | None:
    """Call the pairing's service with the form's data: back to the pairing's page when done or
    refused for a reason the form cannot show; None when the form is to be shown again with the
    service's field errors."""
    try:
        service(pairing=pairing, by=acting_person(request.user), **form.cleaned_data)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            add_errors(form, exc)
            return None
        flash_errors(request, exc)  # not about a field: the form may not be shown
    else:
        messages.success(request, said)
    return redirect("coaching:pairing", pk=pairing.pk)
