"""Reads about organisations shared by pages, the API, the dashboard and other apps.

`get_<thing>_for(user, id, action)` fetches one record the way every channel must: a record the
user may not see is missing (404), one they see but may not act on is refused (403)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from entrepairs.core.permissions import check
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.viewer import viewer_for

from .models import Membership, Organisation, RoleRequest, Site, Team
from .rules import (
    in_organisation_q,
    organisation_visible_q,
    role_request_incoming_q,
    role_request_visible_q,
)


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(organisation_visible_q(viewer_for(user)))


def organisations_managed_by(user: Any) -> QuerySet[Organisation]:
    """The organisations whose people and settings the user manages (all, for a platform admin)."""
    viewer = viewer_for(user)
    if viewer.is_platform_admin:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=viewer.managed_orgs)


def sites_visible_to(user: Any) -> QuerySet[Site]:
    return Site.objects.filter(in_organisation_q(viewer_for(user)))


def teams_visible_to(user: Any) -> QuerySet[Team]:
    return Team.objects.filter(in_organisation_q(viewer_for(user)))


def people_to_give_roles(user: Any) -> QuerySet[Any]:
    """The people a membership may name: those the user sees (people's rule, reached through the
    relation because people sits above organisations)."""
    person_model: Any = Membership._meta.get_field("person").related_model
    return person_model.objects.visible_to(user)


def get_organisation_for(user: Any, organisation_id: Any, action: str = "view") -> Organisation:
    organisation: Organisation = get_visible_or_404(
        organisations_visible_to(user), pk=organisation_id
    )
    if action != "view" and not check(user, f"organisations.{action}_organisation", organisation):
        raise PermissionDenied
    return organisation


def _get_in_organisation_for(model: Any, user: Any, record_id: Any, action: str) -> Any:
    record = get_visible_or_404(
        model.objects.filter(in_organisation_q(viewer_for(user))), pk=record_id
    )
    if action != "view" and not check(
        user, f"organisations.{action}_{model._meta.model_name}", record
    ):
        raise PermissionDenied
    return record


def get_site_for(user: Any, site_id: Any, action: str = "view") -> Site:
    site: Site = _get_in_organisation_for(Site, user, site_id, action)
    return site


def get_team_for(user: Any, team_id: Any, action: str = "view") -> Team:
    team: Team = _get_in_organisation_for(Team, user, team_id, action)
    return team


def get_membership_for(user: Any, membership_id: Any, action: str = "view") -> Membership:
    membership: Membership = _get_in_organisation_for(Membership, user, membership_id, action)
    return membership


def role_requests_visible_to(user: Any) -> QuerySet[RoleRequest]:
    return RoleRequest.objects.filter(role_request_visible_q(viewer_for(user)))


def get_role_request_for(user: Any, request_id: Any) -> RoleRequest:
    """A role request the user may see; answering it is the service's check (`role_request_*`)."""
    role_request: RoleRequest = get_visible_or_404(
        role_requests_visible_to(user).select_related("person"), pk=request_id
    )
    return role_request


def role_requests_waiting_for(user: Any) -> int:
    """How many pending requests the user (or the organisation they coordinate) may answer."""
    return RoleRequest.objects.filter(
        role_request_incoming_q(viewer_for(user)), status=RoleRequest.Status.PENDING
    ).count()
