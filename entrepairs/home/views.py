"""The dashboard: a person's roles, notifications, reports and, for managers, their people.

It reads from several domain apps, so it sits above them (core knows none of them)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.models import Notification
from entrepairs.organisations.models import Membership, Organisation
from entrepairs.organisations.selectors import role_requests_waiting_for
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person


@login_required
def dashboard(request: AuthedHttpRequest) -> HttpResponse:

    viewer = viewer_for(request.user)
    memberships = list(
        Membership.objects.active().filter(person__user=request.user).select_related("organisation")
    )
    managed = viewer.managed_orgs
    context: dict[str, Any] = {
        "memberships": memberships,
        "notifications": Notification.objects.filter(recipient=request.user)[:5],
        "person": Person.objects.filter(user=request.user)
        .select_related("team", "line_manager")
        .first(),
    }
    if managed or viewer.is_platform_admin:
        scope = (
            Person.objects.all()
            if viewer.is_platform_admin
            else Person.objects.filter(organisation_id__in=managed)
        )
        context["people_count"] = scope.count()
        context["no_account_count"] = scope.filter(user__isnull=True).count()
        context["managed_organisations"] = (
            Organisation.objects.filter(pk__in=managed) if managed else []
        )
    context["role_requests_waiting"] = role_requests_waiting_for(request.user)
    if viewer.person_id:
        context["reports"] = Person.objects.filter(line_manager_id=viewer.person_id).select_related(
            "team"
        )[:50]
    return render(request, "home/dashboard.html", context)
