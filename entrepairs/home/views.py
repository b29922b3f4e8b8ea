"""The home page: what each of the signed-in person's roles has to do today (home.blocks)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.organisations.selectors import role_requests_waiting_for

from .blocks import home_sections


@login_required
def dashboard(request: AuthedHttpRequest) -> HttpResponse:
    return render(
        request,
        "home/dashboard.html",
        {
            "sections": home_sections(request.user),
            "role_requests_waiting": role_requests_waiting_for(request.user),
        },
    )
