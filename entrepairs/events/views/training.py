"""A training event held as a training session, and its experienced tutors: link a session,
invite an experienced tutor, decline an invitation. Each write calls one function of
events.training_events; an event the viewer may not see is a 404."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import confirm_page, flash_errors, require
from entrepairs.people.selectors import acting_person

from .. import selectors, training_events
from ..models import Event


def _posted_id(request: AuthedHttpRequest, name: str) -> uuid.UUID:
    """The id a form posted, or 404 (a forged value is a missing record)."""
    try:
        return uuid.UUID(request.POST.get(name, ""))
    except ValueError:
        raise Http404 from None


@dataclass(frozen=True)
class _Pick:
    """An organiser's pick on a training event's page: the posted field, the rows it may name,
    the service that acts and what is said once done."""

    field: str
    choices: Callable[[Event, Any], QuerySet[Any]]
    act: Callable[[Event, Any, Any], Any]
    done: Callable[[Any], str]


PICKS = {
    "link_session": _Pick(
        field="training_session",
        choices=lambda event, user: selectors.linkable_sessions(event, user),
        act=lambda event, found, by: training_events.training_session_link(
            event=event, session=found, by=by
        ),
        done=lambda found: _("The event is held as the training session."),
    ),
    "invite_experienced": _Pick(
        field="person",
        choices=lambda event, user: training_events.invitable_experienced_tutors(event),
        act=lambda event, found, by: training_events.experienced_tutor_invite(
            event=event, person=found, by=by
        ),
        done=lambda found: _("%(name)s is invited as an experienced tutor.") % {"name": found},
    ),
}


@login_required
@require_POST
def organiser_pick(request: AuthedHttpRequest, pk: str, pick: str) -> HttpResponse:
    """Link a training session of the event's day, or invite an experienced tutor: the organiser
    picks one of the rows offered (any other id is a 404) and the service acts."""
    chosen = PICKS[pick]
    event = selectors.get_event_for(request.user, pk)
    require(request.user, "events.change_event", event)
    found = chosen.choices(event, request.user).filter(pk=_posted_id(request, chosen.field)).first()
    if found is None:
        raise Http404
    try:
        chosen.act(event, found, acting_person(request.user))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, chosen.done(found))
    return redirect("events:detail", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def decline_experienced(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    me = acting_person(request.user)
    if me is None or not training_events.is_invited(event, me.pk):
        raise Http404
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Decline the invitation?"),
            question=_("Your seat as an experienced tutor is given back."),
            confirm=_("Decline the invitation"),
            back=reverse("events:detail", args=[event.pk]),
        )
    try:
        training_events.experienced_tutor_decline(event=event, by=me)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("You declined the invitation."))
    return redirect("events:detail", pk=event.pk)
