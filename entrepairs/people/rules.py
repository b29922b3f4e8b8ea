"""Who may see and manage people. Lists and details use the same rule (`visible_q` / `can_view`)."""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.core import listcache
from entrepairs.core.permissions import id_q, same_id
from entrepairs.organisations.models import MANAGING_ROLES, Membership
from entrepairs.organisations.rules import served_q
from entrepairs.organisations.viewer import Viewer, viewer_for


class NewPersonOf:
    """Stands for a not-yet-created person of an organisation in a permission check."""

    def __init__(self, organisation_id: Any) -> None:
        self.organisation_id = organisation_id
        self.pk = None


def visible_q(viewer: Viewer) -> Q:
    """People a viewer may see: everyone in organisations they manage (including people who hold a
    role there but belong elsewhere, like an external facilitator), their direct reports, themselves.

    The platform administrator sees every staff profile, never the people served (a youth, a
    guardian or foster family, a child of casework: `served_q`; security review F4); a platform
    administrator who also coordinates an organisation sees its people as its coordinator."""
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    managed = viewer.managed_orgs
    # Without a person record (a platform administrator's scoped token) "me" and "my reports"
    # are nobody, never "everyone without a line manager".
    # A scoped token sees "me" and "my reports" only among the people of its organisation.
    mine = id_q("line_manager_id", viewer.person_id) | id_q("pk", viewer.person_id)
    q = Q(organisation_id__in=managed) | (mine & viewer.scope_q("organisation_id"))
    if viewer.is_platform_admin:
        q |= ~served_q()
    if managed:
        # People from elsewhere holding a role here are few: fetch their ids first, so the list
        # query stays a union of index scans instead of a correlated subquery on every row.
        external = Membership.objects.filter(organisation_id__in=managed).exclude(
            person__organisation_id__in=managed
        )
        # Memberships in the managed organisations, and people moving in or out of them: both
        # writes refresh these organisations (core.listcache watches).
        ids = listcache.get_or_compute(
            ("people from elsewhere", sorted(map(str, managed))),
            lambda: list(external.values_list("person_id", flat=True).distinct().order_by()),
            orgs=managed,
        )
        q |= Q(pk__in=ids)
    return q


def list_scope(viewer: Viewer) -> set[Any] | None:
    """The organisations the people list's content comes from, for its cache (core.listcache):
    `visible_q`'s people (those of the organisations the viewer manages, and the viewer with
    their reports, of the viewer's own organisation: a line manager is of their reports'), the
    filter bar's organisations and teams (those the viewer holds a role in). People from
    elsewhere holding a role here are of other organisations: their writes refresh this one too
    (the watch on people, teams and organisations follows their memberships). None, unclear:
    the platform administrator sees every organisation's staff."""
    if viewer.is_platform_admin:
        return None
    if viewer.person_id is not None and viewer.organisation_id is None:
        return None  # a viewer built without their organisation: do not guess
    return viewer.organisation_ids | {viewer.organisation_id}


def _coordinated_organisations() -> Any:
    return Membership.objects.active().filter(role__in=MANAGING_ROLES).values("organisation_id")


def runnable_organisations_q(viewer: Viewer) -> Q:
    """On Organisation: the ones whose people the viewer writes (the forms' choices): those they
    run, and for the platform administrator those without a coordinator yet (see below)."""
    q = Q(pk__in=viewer.managed_orgs)
    if viewer.is_platform_admin:
        q |= ~Q(pk__in=_coordinated_organisations())
    return q


def manageable_q(viewer: Viewer) -> Q:
    q = Q(organisation_id__in=viewer.managed_orgs)
    if viewer.is_platform_admin:  # the organisations without a coordinator yet (see below)
        q |= ~Q(organisation_id__in=_coordinated_organisations()) & ~served_q()
    return q


def is_served(person: Any) -> bool:
    """`served_q` for one person (a new one, without a role yet, is not)."""
    if person.pk is None:
        return False
    return type(person).objects.filter(served_q(), pk=person.pk).exists()


def platform_admin_sees(viewer: Viewer, person: Any) -> bool:
    """The platform administrator sees a staff profile, never a person served (`visible_q`)."""
    return viewer.is_platform_admin and not is_served(person)


@rules.predicate
def can_view_person(user: Any, person: Any) -> bool:
    viewer = viewer_for(user)
    if person is None:
        return viewer.is_authenticated
    if viewer.manages(person.organisation_id) or platform_admin_sees(viewer, person):
        return True
    if (
        same_id(person.pk, viewer.person_id) or same_id(person.line_manager_id, viewer.person_id)
    ) and viewer.in_scope(person.organisation_id):
        return True
    # A person who holds a role in an organisation the viewer manages (the external facilitator).
    return (
        bool(viewer.managed_orgs)
        and person.memberships.filter(organisation_id__in=viewer.managed_orgs).exists()
    )


def platform_admin_runs_people_of(viewer: Viewer, organisation_id: Any) -> bool:
    """The platform administrator creates an organisation and its first people (its first
    coordinator, invited); once the organisation has a coordinator, its coordinators run its people.
    Otherwise the operator could give a person without an account their own address and invite
    them: an account holding that person's roles, confidential groups included (issue 10)."""
    return (
        viewer.is_platform_admin
        and not Membership.objects.active()
        .filter(organisation_id=organisation_id, role__in=MANAGING_ROLES)
        .exists()
    )


def exportable_q(viewer: Viewer) -> Q:
    """The platform administrator reads (and exports) every organisation's staff profiles,
    never the people served (`visible_q`); writes are `manageable_q`'s."""
    if viewer.is_platform_admin:
        return ~served_q() | manageable_q(viewer)
    return manageable_q(viewer)


@rules.predicate
def can_export_person(user: Any, person: Any) -> bool:
    viewer = viewer_for(user)
    if viewer.is_platform_admin and (person is None or not is_served(person)):
        return True
    return can_manage_person(user, person)


@rules.predicate
def can_manage_person(user: Any, person: Any) -> bool:
    viewer = viewer_for(user)
    if person is None:
        return viewer.is_platform_admin or bool(viewer.managed_orgs)
    return viewer.manages(person.organisation_id) or (
        platform_admin_runs_people_of(viewer, person.organisation_id) and not is_served(person)
    )


rules.add_perm("people.view_person", can_view_person)
rules.add_perm("people.change_person", can_manage_person)
rules.add_perm("people.add_person", can_manage_person)
rules.add_perm("people.delete_person", can_manage_person)
rules.add_perm("people.export_person", can_export_person)
rules.add_perm("people.import_person", can_manage_person)


@rules.predicate
def can_view_import_run(user: Any, run: Any) -> bool:
    """A background import is seen by the person who started it and the organisation's managers."""
    viewer = viewer_for(user)
    if run is None:
        return viewer.is_authenticated
    return (
        (same_id(run.created_by_id, viewer.user_id) and viewer.in_scope(run.organisation_id))
        or viewer.is_platform_admin
        or viewer.manages(run.organisation_id)
    )


rules.add_perm("people.view_importrun", can_view_import_run)
