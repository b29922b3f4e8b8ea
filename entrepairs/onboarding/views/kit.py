"""Welcome-kit items: ticked from "my tasks" by their provider, or through the signed link
e-mailed to a provider without an account (a public page showing that item only)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from entrepairs.core.http import AuthedHttpRequest

from .. import services
from ..kit_links import LinkExpired, LinkInvalid, LinkSpent, read_kit_link
from ..selectors import get_kit_check_for, person_of
from .common import report


@login_required
@require_POST
def kit_item_toggle(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    """From "my tasks": 404 for an item the user does not see, 403 (audited) when they see it but
    neither provide it nor coordinate the journey (rules.can_tick_kit_item)."""
    item = get_kit_check_for(request.user, pk, "change")
    try:
        services.kit_set_ready(
            check=item, ready=request.POST.get("ready") == "1", by=person_of(request.user)
        )
    except ValidationError as exc:
        report(request, exc)
    return redirect("onboarding:my_tasks")


@require_http_methods(["GET", "POST"])
def kit_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the item and a button (mail scanners follow links, never forms); POST ticks it.
    A tampered link is 404; an expired or used one says so (410)."""
    try:
        link = read_kit_link(token)
    except LinkInvalid as exc:
        raise Http404 from exc
    except (LinkExpired, LinkSpent) as exc:
        return render(
            request,
            "onboarding/kit_link.html",
            {"state": "expired" if isinstance(exc, LinkExpired) else "spent"},
            status=410,
        )
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.kit_ready_by_link(item=link.item, by=link.provider, nonce=link.nonce)
        except ValidationError as exc:
            errors = exc.messages
        else:
            return render(request, "onboarding/kit_link.html", {"state": "done", "item": link.item})
    return render(
        request,
        "onboarding/kit_link.html",
        {"state": "open", "item": link.item, "errors": errors},
        status=400 if errors else 200,
    )
