"""Request types for views behind @login_required, so type-checking knows the user is real."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _User
    from django_htmx.middleware import HtmxDetails


class AuthedHttpRequest(HttpRequest):
    # django-stubs' placeholder, which its mypy plugin reads as settings.AUTH_USER_MODEL: core
    # names no account model.
    user: "_User"  # type: ignore[assignment]
    htmx: "HtmxDetails"


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, as allauth reads it for its rate limits: REMOTE_ADDR, or the
    address a trusted proxy forwarded (settings ALLAUTH_TRUSTED_PROXY_COUNT and
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER). None when unknown, e.g. on a unix socket with no proxy
    configured, or when the forwarded header does not match the configured proxies."""
    cached = getattr(request, "_client_address", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    from allauth.account.adapter import DefaultAccountAdapter
    from django.core.exceptions import ImproperlyConfigured, PermissionDenied

    try:
        address: str | None = DefaultAccountAdapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        address = None
    request._client_address = address  # type: ignore[attr-defined]
    return address
