"""Shared view helpers and the role dashboard."""

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from entrepairs.core.http import AuthedHttpRequest

from .permissions import check, current_viewer


def get_visible_or_404(queryset: QuerySet, **lookup: Any) -> Any:
    """Fetch from a queryset already filtered by visibility: invisible and missing look the same."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc


def require(user: Any, perm: str, obj: Model | None = None) -> None:
    if not check(user, perm, obj):
        raise PermissionDenied


@login_required
def dashboard(request: AuthedHttpRequest) -> HttpResponse:
    from entrepairs.organisations.models import Membership, Organisation, RoleRequest
    from entrepairs.people.models import Person

    from .models import Notification

    viewer = current_viewer(request.user)
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
    from entrepairs.organisations.rules import role_request_incoming_q

    context["role_requests_waiting"] = RoleRequest.objects.filter(
        role_request_incoming_q(viewer), status=RoleRequest.Status.PENDING
    ).count()
    if viewer.person_id:
        context["reports"] = Person.objects.filter(line_manager_id=viewer.person_id).select_related(
            "team"
        )[:50]
    return render(request, "core/dashboard.html", context)


def admin_login_redirect(request: HttpRequest) -> HttpResponse:
    """The admin's sign-in goes through allauth's page, then back to where it was going."""
    from django.shortcuts import redirect
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next", "/admin/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/admin/"
    if request.user.is_authenticated:
        # Signed in but not staff: the admin would send them back here forever.
        return redirect("dashboard")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
