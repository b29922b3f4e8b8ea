"""The project's URLs plus `/bench/bare`: a view that does nothing, served through the same stack."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), path("", include("entrepairs.urls"))]
