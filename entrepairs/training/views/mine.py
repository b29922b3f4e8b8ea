"""« Mes formations »: what each person's roles and programmes require of them, its state, the
coming sessions to enrol to, and the certificates of what they completed. Any signed-in person:
staff, a mentor of another organisation's programme, a partner agency's case worker."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.documents import response
from entrepairs.core.http import AuthedHttpRequest

from .. import selectors, services
from ..certificate import certificate_document, certificate_filename
from .common import actor


@login_required
def mine(request: AuthedHttpRequest) -> HttpResponse:
    person = actor(request)
    required = selectors.my_trainings(person) if person is not None else []
    completions = selectors.my_completions(person)[:50] if person is not None else []
    return render(
        request,
        "training/mine.html",
        {
            "required": required,
            "completions": completions,
            "leads_team": selectors.team_of(request.user).exists(),
        },
    )


@login_required
@require_POST
def enrol(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """Take (or give back, `withdraw`) one's own seat at a session of a required training."""
    session = selectors.enrollable_session_for(request.user, pk)
    person = actor(request)
    if person is None:
        raise Http404
    try:
        if request.POST.get("action") == "withdraw":
            services.session_withdraw(session=session, person=person, by=person)
            messages.success(request, _("Your seat is given back."))
        else:
            services.session_enrol(session=session, person=person, by=person)
            messages.success(request, _("You are enrolled."))
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    return redirect("training:mine")


@login_required
def certificate(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    completion = selectors.get_completion_for(request.user, pk)
    return response(certificate_document(completion), certificate_filename(completion))
