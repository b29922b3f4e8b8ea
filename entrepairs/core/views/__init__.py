"""Shared view helpers, and the admin's sign-in redirect."""

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from ..permissions import check


def get_visible_or_404(queryset: QuerySet, **lookup: Any) -> Any:
    """Fetch from a queryset already filtered by visibility: invisible and missing look the same."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc


def require(user: Any, perm: str, obj: Model | None = None) -> None:
    if not check(user, perm, obj):
        raise PermissionDenied


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    confirm: str,
    back: str,
    hidden: dict[str, Any] | None = None,
) -> HttpResponse:
    """The confirmation step of a destructive action (issue 15 §9: revoke a token, remove a
    member, end a role...). Its button is a GET form to the action's own address, whose view
    answers GET with this page once it has found the object and checked the rule; the page's
    button posts to the same address, where the view acts. Works without script; the API and
    the POST itself are unchanged. An action with a choice (the agency a youth moves to) posts
    its form first: the page carries the choice back in `hidden` fields, with `confirmed=1`."""
    from django.shortcuts import render

    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "question": question,
            "confirm": confirm,
            "back": back,
            "hidden": hidden or {},
        },
    )


def ask_first(
    request: HttpRequest, *, title: str, question: str, confirm: str, back: str
) -> HttpResponse | None:
    """For a destructive action posted from a page (a button in a form of its own): the first
    POST answers with the confirmation page, which posts the same fields back with
    `confirmed=1`; that second POST returns None and the view acts. Call it after the view found
    the object and checked the rule (issue 15 §9)."""
    if request.POST.get("confirmed") == "1":
        return None
    hidden = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    return confirm_page(
        request,
        title=title,
        question=question,
        confirm=confirm,
        back=back,
        hidden={**hidden, "confirmed": "1"},
    )


def admin_login_redirect(request: HttpRequest) -> HttpResponse:
    """The admin's sign-in goes through allauth's page, then back to where it was going."""
    from django.shortcuts import redirect
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next", "/admin/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/admin/"
    if request.user.is_authenticated:
        # Signed in but not staff: the admin would send them back here forever.
        return redirect("dashboard")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    """Show a service's refusal on the next page, for an action without a form (a button)."""
    from django.contrib import messages

    for message in exc.messages:
        messages.error(request, message)
