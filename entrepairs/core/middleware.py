from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .audit import audit_context


class AuditContextMiddleware:
    """Tags every audit entry written during a request with its user, address and source."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = "api" if request.path.startswith("/api/") else "ui"
        with audit_context(
            source=source,
            actor=lambda: getattr(request, "user", None),
            remote_addr=request.META.get("REMOTE_ADDR"),
        ):
            return self.get_response(request)
