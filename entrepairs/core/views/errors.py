"""The product's error answers (issue 15 §6): its own pages, in the person's language and the
product's frame, with a way back; the API keeps its JSON body ({"error": {...}}) for every
status, a server error and a refused form token included."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.defaults import server_error as django_server_error

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json_error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the API's JSON body under /api/, else the page templates/500.html (rendered
    without the request: whatever failed may fail again while drawing the frame)."""
    if _is_api(request):
        return _json_error("server_error", gettext("A server error occurred."), 500)
    return django_server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent after its token expired (a page left open, a sign-out in
    another tab). The page keeps the product's frame (Django's own renders it without the
    request: no menu, no language of the account) and says what to do; the reason stays in the
    log, never on the page."""
    if _is_api(request):
        return _json_error("permission_denied", gettext("The form had expired."), 403)
    return render(request, "403_csrf.html", status=403)


def bad_request(request: HttpRequest, message: str, back: str = "") -> HttpResponse:
    """A page asked with a value it cannot use (a year "abc", an unknown export format): the
    product's page saying why, with a way back (`back`, a path of the product, else the
    dashboard), never a bare text answer."""
    return render(request, "400.html", {"message": message, "back": back}, status=400)


def not_allowed_page(request: HttpRequest, allowed: str) -> HttpResponse:
    """A button's address opened directly (a GET on a POST-only view): Django answers 405 with
    an empty body; this is the product's page instead, keeping the Allow header."""
    response = render(request, "405.html", status=405)
    response["Allow"] = allowed
    return response
