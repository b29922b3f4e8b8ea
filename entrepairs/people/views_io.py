from django.http import HttpRequest, HttpResponse


def person_import(request: HttpRequest) -> HttpResponse:  # placeholder until import lands
    return HttpResponse(status=501)


def person_export(request: HttpRequest) -> HttpResponse:  # placeholder until export lands
    return HttpResponse(status=501)
