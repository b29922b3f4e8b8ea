"""The public page of a check-in link (no account): the youth or the guardian answers their own
check-in's questions and nothing else (checkin_links.py). The page names nobody."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from entrepairs.core.forms import add_errors

from .. import lifecycle
from ..checkin_links import UnknownLink, checkin_for_link
from ..forms import CheckInForm


@never_cache
def checkin_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        checkin, bearer = checkin_for_link(token)
    except UnknownLink as exc:
        raise Http404 from exc
    except ValidationError as exc:  # expired, or already answered: say so, plainly
        return render(
            request, "mentoring/checkin_link_closed.html", {"messages_": exc.messages}, status=410
        )
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.checkin_record(checkin=checkin, by=bearer, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return render(request, "mentoring/checkin_link_thanks.html")
    return render(request, "mentoring/checkin_link.html", {"form": form, "checkin": checkin})
