"""Who may see and manage organisations, sites, teams and memberships."""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.core.permissions import id_q, same_id
from entrepairs.organisations.viewer import Viewer, viewer_for

from .models import SERVED_ROLES, Membership


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


def served_q(person: str = "") -> Q:
    """People served, reached through the lookup `person` ("" on Person, "person__" on a
    membership): holding a served role anywhere (a youth, a guardian or foster family), or the
    child of a casework case (a Person without account; the relation is casework's, named only).

    The platform administrator installs and creates organisations (PRODUCT.md) and sees staff
    profiles only, never the people served (security review F4, docs/mentoring.md "no youth
    file"). Use it negated (`~served_q()`): a child with several cases would repeat otherwise."""
    roles = Membership.objects.filter(role__in=SERVED_ROLES).values("person_id")
    return Q(**{f"{person}pk__in": roles}) | Q(**{f"{person}casework_cases__isnull": False})


def membership_visible_q(viewer: Viewer) -> Q:
    """Roles a viewer may see, on every page and in the API (PRODUCT.md, least privilege: a
    professional or a manager is not shown the organisation's directory with its roles).

    A coordinator sees every role held in their organisation and every role of the people whose
    home it is (they answer those people's role requests elsewhere); anyone sees their own roles,
    and a line manager the roles their direct reports hold in an organisation they share. The
    platform administrator sees the roles of staff, never those of the people served
    (`served_q`), like their profiles (`people.rules.visible_q`)."""
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    managed = viewer.managed_orgs
    staff = ~served_q("person__") if viewer.is_platform_admin else Q(pk__in=[])
    return (
        staff
        | Q(organisation_id__in=managed)
        | Q(person__organisation_id__in=managed)
        # A token scoped to one organisation shows its owner's roles there only.
        | (id_q("person_id", viewer.person_id) & viewer.scope_q("organisation_id"))
        | (
            id_q("person__line_manager_id", viewer.person_id)
            & Q(organisation_id__in=viewer.organisation_ids)
        )
    )


@rules.predicate
def can_view_membership(user: Any, membership: Any) -> bool:
    """The same rule as `membership_visible_q`, for one membership."""
    viewer = viewer_for(user)
    if membership is None:
        return viewer.is_authenticated
    return Membership.objects.filter(membership_visible_q(viewer), pk=membership.pk).exists()


@rules.predicate
def is_platform_admin(user: Any, obj: Any = None) -> bool:
    return viewer_for(user).is_platform_admin


def role_request_visible_q(viewer: Viewer) -> Q:
    """Role requests a viewer sees: those their organisations sent, those addressed to them,
    and those addressed to people of organisations they manage."""
    if viewer.is_platform_admin:
        return Q()
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    return Q(organisation_id__in=viewer.managed_orgs) | role_request_incoming_q(viewer)


def role_request_sent_q(viewer: Viewer) -> Q:
    """Role requests the viewer's organisations sent (their coordinators follow them)."""
    return Q(organisation_id__in=viewer.managed_orgs)


def role_request_incoming_q(viewer: Viewer) -> Q:
    """Requests the viewer answers: addressed to them, or to people of organisations they
    manage (the same rule as `receives_role_request`)."""
    to_me = id_q("person_id", viewer.person_id) & viewer.scope_q(
        "organisation_id", "person__organisation_id"
    )
    return to_me | Q(person__organisation_id__in=viewer.managed_orgs)


def receives_role_request(viewer: Viewer, request: Any) -> bool:
    """The person asked, or a coordinator of their home organisation: the side that answers."""
    if request.person_id is None:
        return False
    home = request.person.organisation_id
    to_me = same_id(request.person_id, viewer.person_id) and viewer.in_scope(
        request.organisation_id, home
    )
    return to_me or viewer.manages(home)


@rules.predicate
def can_view_role_request(user: Any, request: Any) -> bool:
    viewer = viewer_for(user)
    if request is None:
        return viewer.is_authenticated
    return (
        viewer.is_platform_admin
        or viewer.manages(request.organisation_id)
        or receives_role_request(viewer, request)
    )


@rules.predicate
def can_answer_role_request(user: Any, request: Any) -> bool:
    viewer = viewer_for(user)
    if request is None:
        return viewer.is_authenticated
    return receives_role_request(viewer, request)


rules.add_perm("organisations.view_rolerequest", can_view_role_request)
rules.add_perm("organisations.add_rolerequest", can_manage_in_org)
rules.add_perm("organisations.answer_rolerequest", can_answer_role_request)
rules.add_perm("organisations.withdraw_rolerequest", can_manage_in_org)

rules.add_perm("organisations.view_membership", can_view_membership)
for model in ("site", "team", "membership"):
    if model != "membership":
        rules.add_perm(f"organisations.view_{model}", can_view_in_org)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"organisations.{action}_{model}", can_manage_in_org)
rules.add_perm("organisations.view_organisation", can_view_in_org)
rules.add_perm("organisations.change_organisation", can_manage_in_org)
rules.add_perm("organisations.add_organisation", is_platform_admin)
rules.add_perm("organisations.delete_organisation", is_platform_admin)
rules.add_perm("core.view_audit_trail", is_platform_admin | can_manage_in_org)
