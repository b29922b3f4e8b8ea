from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from . import sessions
from .two_factor import must_enrol_two_factor

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/readyz", "/metrics", "/i18n/")
API_PREFIX = "/api/"


def signed_in_by_session(request: HttpRequest) -> bool:
    """The request is authenticated by its session cookie (not by an API token: the token
    authentication runs later, in the API view, and decides on its own)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return not request.headers.get("Authorization", "").startswith("Bearer ")


class InactivityTimeoutMiddleware:
    """Ends a session left unused longer than its holder's limit (accounts.sessions); the sign-in
    page then says why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if signed_in_by_session(request) and sessions.is_idle_too_long(request):
            from entrepairs.core.audit import record_account_event

            from .selectors import home_organisation_id

            user = request.user
            minutes = sessions.current_limit(request)
            record_account_event(
                event="signed_out_idle",
                account=user,
                organisation_id=home_organisation_id(user),
            )
            logout(request)
            messages.info(
                request,
                _(
                    "You were signed out after %(minutes)s minutes without activity, "
                    "to protect the data you work with. Please sign in again."
                )
                % {"minutes": minutes},
            )
            htmx = getattr(request, "htmx", None)
            if htmx:
                # A partial update would swap the sign-in page into the page: reload it instead.
                return HttpResponseClientRedirect(htmx.current_url or "/")
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """An organisation may require two-factor sign-in for roles that handle sensitive data:
    members holding such a role are sent to enrol before they can use anything else. The API
    used with a session cookie refuses them the same way (403); with an access token it does not
    ask: tokens are created on the account page, which already requires enrolment."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            signed_in_by_session(request)
            and not request.path.startswith(EXEMPT_PREFIXES)
            and must_enrol_two_factor(request.user)
        ):
            message = _(
                "Your organisation requires two-factor authentication for your role. Please set it up to continue."
            )
            if request.path.startswith(API_PREFIX):
                return JsonResponse(
                    {"error": {"code": "two_factor_required", "message": message, "fields": {}}},
                    status=403,
                )
            messages.warning(request, message)
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
