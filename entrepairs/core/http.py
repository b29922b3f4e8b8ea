"""Request types for views behind @login_required, so type-checking knows the user is real."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from entrepairs.accounts.models import User


class AuthedHttpRequest(HttpRequest):
    user: "User"  # type: ignore[assignment]
    htmx: "HtmxDetails"
