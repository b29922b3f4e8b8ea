"""The probes and the metrics, answered before any other middleware (issue 17 §3).

A load balancer probes an app server by its internal address, over plain HTTP, with whatever Host
header it likes: ALLOWED_HOSTS would answer 400 and SECURE_SSL_REDIRECT 301. So these paths are
answered here, first in MIDDLEWARE: no host check, no redirect, no session, no user. `/healthz`
touches neither the database nor the cache; `/readyz` and `/metrics` read what they report.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .health import healthz, readyz
from .metrics import metrics_view

PROBES: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "/healthz": healthz,
    "/readyz": readyz,
    "/metrics": metrics_view,
}


class ProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info.rstrip("/") or "/")
        if probe is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        return probe(request)
