"""Who may see and manage organisations, sites, teams and memberships."""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.core.permissions import Viewer, viewer_for


def organisation_visible_q(viewer: Viewer) -> Q:
    if viewer.is_platform_admin:
        return Q()
    return Q(pk__in=viewer.organisation_ids)


def in_organisation_q(viewer: Viewer, *, managed_only: bool = False) -> Q:
    """For records that carry an `organisation` foreign key (sites, teams, memberships)."""
    if viewer.is_platform_admin:
        return Q()
    orgs = viewer.managed_orgs if managed_only else viewer.organisation_ids
    return Q(organisation_id__in=orgs)


def _org_id(obj: Any) -> Any:
    return obj.pk if obj.__class__.__name__ == "Organisation" else obj.organisation_id


@rules.predicate
def can_view_in_org(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_authenticated
    return viewer.is_platform_admin or _org_id(obj) in viewer.organisation_ids


@rules.predicate
def can_manage_in_org(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_platform_admin or bool(viewer.managed_orgs)
    return viewer.is_platform_admin or viewer.manages(_org_id(obj))


@rules.predicate
def is_platform_admin(user: Any, obj: Any = None) -> bool:
    return viewer_for(user).is_platform_admin


for model in ("site", "team", "membership"):
    rules.add_perm(f"organisations.view_{model}", can_view_in_org)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"organisations.{action}_{model}", can_manage_in_org)
rules.add_perm("organisations.view_organisation", can_view_in_org)
rules.add_perm("organisations.change_organisation", can_manage_in_org)
rules.add_perm("organisations.add_organisation", is_platform_admin)
rules.add_perm("organisations.delete_organisation", is_platform_admin)
rules.add_perm("core.view_audit_trail", is_platform_admin | can_manage_in_org)
