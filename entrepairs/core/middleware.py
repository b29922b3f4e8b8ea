from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control

from .audit import audit_context
from .http import client_address


class AuditContextMiddleware:
    """Tags every audit entry written during a request with its user, address and source."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = "api" if request.path.startswith("/api/") else "ui"
        with audit_context(
            source=source,
            actor=lambda: getattr(request, "user", None),
            remote_addr=client_address(request),
        ):
            return self.get_response(request)


class NoStoreMiddleware:
    """Neither the browser nor a proxy may keep a copy of any answer but static files: pages and
    API answers carry personal data (a shared computer's back button, a caching proxy). Simpler
    and safer than deciding page by page which ones do."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, no_store=True, private=True)
        return response


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


class ProductErrorPagesMiddleware:
    """In development (DEBUG, as bin/demo runs) Django answers an unknown address or a Http404
    with its yellow debug page, in English: a person trying the product would see it (outside
    test). This puts the product's own French page (templates/404.html) in its place for pages;
    the API keeps its JSON body, and 500 keeps the debug traceback developers need. A button's
    address opened directly (405, empty body) gets the product's page too, DEBUG or not. A missing
    static file gets the 404 page: bin/demo runs `runserver --nostatic`, WhiteNoise serves the
    files (through the finders in development), and an unknown one comes here (outside test of
    issue 15). Innermost in MIDDLEWARE, so the page knows the language and the signed-in person."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith("/api/")
        ):
            from django.http import Http404
            from django.views.defaults import page_not_found

            return page_not_found(request, Http404())
        if (
            response.status_code == 405
            and not response.content
            and not request.path.startswith(("/api/", settings.STATIC_URL))
        ):
            from .views.errors import not_allowed_page

            return not_allowed_page(request, response.get("Allow", ""))
        return response
