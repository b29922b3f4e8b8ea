from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

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


class FrenchFirstLocaleMiddleware(LocaleMiddleware):
    """The UI is French unless the person chose English (language cookie), whatever the browser says;
    API clients may still ask for a language with Accept-Language."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
