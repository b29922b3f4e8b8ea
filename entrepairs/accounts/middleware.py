from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .two_factor import must_enrol_two_factor

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/api/", "/i18n/")


class RequireTwoFactorMiddleware:
    """An organisation may require two-factor sign-in for roles that handle sensitive data:
    members holding such a role are sent to enrol before they can use anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and must_enrol_two_factor(user)
        ):
            messages.warning(
                request,
                _(
                    "Your organisation requires two-factor authentication for your role. Please set it up to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
