"""Who may see and do what in groups. Lists and details use the same rules.

Confidentiality first (seeds 003, 004; PRODUCT.md §2): situations and session notes are read only
by the group's facilitators and by its active members who accepted the charter. Never by line
managers, coordinators or platform administrators outside the group — there is no admin bypass.
Coordinators of the group's organisations see the group, its members, schedule and attendance;
line managers see their own staff's schedule and attendance, never content.
"""

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from entrepairs.core.permissions import id_q, same_id
from entrepairs.organisations.models import MANAGING_ROLES, Role
from entrepairs.organisations.viewer import Viewer, viewer_for

ACTIVE = "active"


# --- list filters (Q) ---------------------------------------------------------------------------


def _mine_q(person_id: Any) -> Q:
    from .models import Group, GroupMember

    facilitates = Group.facilitators.through.objects.filter(
        group_id=OuterRef("pk"), person_id=person_id
    )
    member = GroupMember.objects.filter(group_id=OuterRef("pk"), person_id=person_id).exclude(
        status="left"
    )
    return Q(Exists(facilitates)) | Q(Exists(member))


def in_scope_q(viewer: Viewer, group_path: str = "pk") -> Q:
    """Groups owned or co-owned by the organisation a token is scoped to (every group otherwise):
    what confines "I facilitate / I am a member" to that organisation. Two plain conditions, no
    join: a join on the co-owners here multiplies the rows of every list it filters."""
    from .models import Group

    if viewer.scope is None:
        return Q()
    prefix = "" if group_path == "pk" else f"{group_path}__"
    co_owned = Group.organisations.through.objects.filter(organisation_id=viewer.scope)
    return Q(**{f"{prefix}organisation_id": viewer.scope}) | Q(
        **{f"{prefix}pk__in": co_owned.values("group_id")}
    )


def _facilitated_q(viewer: Viewer, group_path: str) -> Q:
    """Rows of groups the viewer facilitates, through a subquery rather than a join on the
    facilitators (a join repeats each row per facilitator and forces DISTINCT on the list)."""
    from .models import Group

    if viewer.person_id is None:
        return Q(pk__in=[])
    mine = Group.facilitators.through.objects.filter(person_id=viewer.person_id)
    return Q(**{f"{group_path}__in": mine.values("group_id")})


def in_scope(viewer: Viewer, group: Any) -> bool:
    # Unscoped viewers skip the co-owners' query.
    return viewer.scope is None or viewer.in_scope(*group.organisation_ids())


def group_visible_q(viewer: Viewer) -> Q:
    """Groups a viewer may open: theirs (facilitator, member) and those of organisations they
    coordinate. Platform admins see every group's frame (name, members), never its content."""
    from .models import Group

    if not viewer.is_authenticated:
        return Q(pk__in=[])
    if viewer.is_platform_admin:
        return Q()
    managed = viewer.managed_orgs
    q = (_mine_q(viewer.person_id) & in_scope_q(viewer)) if viewer.person_id else Q(pk__in=[])
    if managed:
        q |= Q(organisation_id__in=managed) | Q(
            Exists(
                Group.organisations.through.objects.filter(
                    group_id=OuterRef("pk"), organisation_id__in=managed
                )
            )
        )
    return q


def content_reader_q(viewer: Viewer, *, group_path: str) -> Q:
    """Records (situations, notes) whose group the viewer reads content of. `group_path` is the
    lookup from the record to its group id, e.g. "session__group"."""
    from .models import Group, GroupMember

    if not viewer.is_authenticated or viewer.person_id is None:
        return Q(pk__in=[])
    facilitates = Exists(
        Group.facilitators.through.objects.filter(
            group_id=OuterRef(group_path), person_id=viewer.person_id
        )
    )
    accepted = Exists(
        GroupMember.objects.filter(
            group_id=OuterRef(group_path),
            person_id=viewer.person_id,
            status=ACTIVE,
            charter_accepted_at__isnull=False,
        )
    )
    return (Q(facilitates) | Q(accepted)) & in_scope_q(viewer, group_path)


def situation_visible_q(viewer: Viewer) -> Q:
    return content_reader_q(viewer, group_path="session__group")


def note_visible_q(viewer: Viewer) -> Q:
    from .models import Group

    if not viewer.is_authenticated or viewer.person_id is None:
        return Q(pk__in=[])
    facilitates = Exists(
        Group.facilitators.through.objects.filter(
            group_id=OuterRef("session__group"), person_id=viewer.person_id
        )
    )
    return (Q(facilitates) & in_scope_q(viewer, "session__group")) | (
        Q(shared_with_members=True) & content_reader_q(viewer, group_path="session__group")
    )


def attendance_visible_q(viewer: Viewer) -> Q:
    """Attendance rows: the group (facilitators), coordinators of its organisations, the member
    themselves and the member's line manager. Not the platform administrator: attendance and
    absences are staff's personal data, the admin sees the group frame only (list and detail
    agree with `can_view_attendance`, docs/access-expected.md)."""
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    q = (
        id_q("member__person_id", viewer.person_id)
        | id_q("member__person__line_manager_id", viewer.person_id)
        | _facilitated_q(viewer, "session__group")
    ) & in_scope_q(viewer, "session__group")
    if viewer.managed_orgs:
        q |= Q(session__group__organisation_id__in=viewer.managed_orgs)
    return q


# --- predicates ----------------------------------------------------------------------------------


def _group_of(obj: Any) -> Any:
    if type(obj).__name__ == "Group":
        return obj
    if hasattr(obj, "group_id"):
        return obj.group
    return obj.session.group


def is_facilitator(viewer: Viewer, group: Any) -> bool:
    return (
        viewer.person_id is not None
        and viewer.person_id in group.facilitator_ids()
        and in_scope(viewer, group)
    )


def member_of(viewer: Viewer, group: Any) -> Any:
    from .models import GroupMember

    if viewer.person_id is None or not in_scope(viewer, group):
        return None
    return (
        GroupMember.objects.filter(group=group, person_id=viewer.person_id)
        .exclude(status="left")
        .first()
    )


def signs_attendance(viewer: Viewer, group: Any) -> bool:
    """Opens the signing page: a facilitator (their device collects) or an active member (their
    own). Whether a given signature is accepted is signatures.attendance_sign's rule."""
    if is_facilitator(viewer, group):
        return True
    member = member_of(viewer, group)
    return member is not None and member.status == ACTIVE


def coordinates(viewer: Viewer, group: Any) -> bool:
    return bool(viewer.managed_orgs & group.organisation_ids())


def reads_content(viewer: Viewer, group: Any) -> bool:
    if is_facilitator(viewer, group):
        return True
    member = member_of(viewer, group)
    return member is not None and member.status == ACTIVE and member.has_accepted_charter


@rules.predicate
def can_view_group(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return viewer.is_authenticated
    group = _group_of(obj)
    return (
        viewer.is_platform_admin
        or is_facilitator(viewer, group)
        or member_of(viewer, group) is not None
        or coordinates(viewer, group)
    )


@rules.predicate
def can_add_group(user: Any, obj: Any = None) -> bool:
    """Anyone with a person record may start a peer-support group (seed 000); the other kinds are
    set up by a coordinator or a facilitator."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return False
    if obj is not None and getattr(obj, "kind", None) != "peer_support":
        org = getattr(obj, "organisation_id", None)
        return viewer.manages(org) or viewer.has_role(org, Role.FACILITATOR)
    return True


@rules.predicate
def can_run_group(user: Any, obj: Any) -> bool:
    """Facilitators run their group; coordinators of its organisation plan and staff it."""
    viewer = viewer_for(user)
    if obj is None:  # creation through the API: the object is checked once known
        return viewer.is_authenticated
    group = _group_of(obj)
    return is_facilitator(viewer, group) or viewer.manages(group.organisation_id)


@rules.predicate
def can_facilitate(user: Any, obj: Any) -> bool:
    viewer = viewer_for(user)
    if obj is None:  # creation through the API: the object is checked once known
        return viewer.is_authenticated
    return is_facilitator(viewer, _group_of(obj))


@rules.predicate
def can_read_content(user: Any, obj: Any) -> bool:
    if obj is None:
        return False
    return reads_content(viewer_for(user), _group_of(obj))


@rules.predicate
def can_view_note(user: Any, note: Any) -> bool:
    if note is None:
        return False
    viewer = viewer_for(user)
    group = note.session.group
    if is_facilitator(viewer, group):
        return True
    return bool(note.shared_with_members) and reads_content(viewer, group)


@rules.predicate
def can_add_situation(user: Any, session: Any) -> bool:
    """Members bring situations (having accepted the charter); a facilitator runs the session
    and brings none. The session page shows "Bring a situation" by this rule, the page and the
    API that save one ask it too."""
    viewer = viewer_for(user)
    if session is None:  # creation through the API: the session is checked once known
        return viewer.is_authenticated
    member = member_of(viewer, session.group)
    return member is not None and member.status == ACTIVE and member.has_accepted_charter


def is_author(viewer: Viewer, situation: Any) -> bool:
    return same_id(situation.author.person_id, viewer.person_id)


@rules.predicate
def can_change_situation(user: Any, situation: Any) -> bool:
    """Only its author edits a situation's text (docs/groups.md: the facilitator moderates the
    frame, never rewrites what a member brought)."""
    if situation is None:
        return False
    viewer = viewer_for(user)
    return reads_content(viewer, situation.session.group) and is_author(viewer, situation)


@rules.predicate
def can_withdraw_situation(user: Any, situation: Any) -> bool:
    """Its author withdraws a situation; a facilitator of the group too, as moderation of the
    frame (e.g. it names a child), recorded and told to the author (services.situation_delete)."""
    if situation is None:
        return False
    viewer = viewer_for(user)
    group = situation.session.group
    return reads_content(viewer, group) and (
        is_author(viewer, situation) or is_facilitator(viewer, group)
    )


def withdrawable_situation_ids(viewer: Viewer, group: Any, situations: list[Any]) -> set[Any]:
    """Of a session's situations, those the viewer may withdraw (`can_withdraw_situation` for a
    whole page in constant queries)."""
    if not reads_content(viewer, group):
        return set()
    if is_facilitator(viewer, group):
        return {s.pk for s in situations}
    return {s.pk for s in situations if is_author(viewer, s)}


@rules.predicate
def can_view_attendance(user: Any, row: Any) -> bool:
    if row is None:
        return viewer_for(user).is_authenticated
    viewer = viewer_for(user)
    person = row.member.person
    mine = same_id(person.pk, viewer.person_id) or same_id(person.line_manager_id, viewer.person_id)
    return (
        (mine and in_scope(viewer, row.session.group))
        or is_facilitator(viewer, row.session.group)
        or viewer.manages(row.session.group.organisation_id)
    )


@rules.predicate
def can_view_certificate(user: Any, member: Any) -> bool:
    viewer = viewer_for(user)
    if member is None:
        return False
    mine = same_id(member.person_id, viewer.person_id) or same_id(
        member.person.line_manager_id, viewer.person_id
    )
    return (
        (mine and in_scope(viewer, member.group))
        or is_facilitator(viewer, member.group)
        or viewer.manages(member.group.organisation_id)
    )


@rules.predicate
def can_coordinate(user: Any, obj: Any = None) -> bool:
    viewer = viewer_for(user)
    return bool(viewer.managed_orgs)


def co_ownership_visible_q(viewer: Viewer) -> Q:
    """Co-ownership requests: the invited organisation's coordinators (who decide) and whoever runs
    the asking group (facilitators, coordinators of its organisation)."""
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    q = Q(organisation_id__in=viewer.managed_orgs) | Q(
        group__organisation_id__in=viewer.managed_orgs
    )
    if viewer.person_id is not None:
        q |= Q(group__facilitators=viewer.person_id) & in_scope_q(viewer, "group")
    return q


@rules.predicate
def can_decide_co_ownership(user: Any, request: Any) -> bool:
    """Only a coordinator of the invited organisation accepts or declines (issue 10)."""
    viewer = viewer_for(user)
    if request is None:
        return bool(viewer.managed_orgs)
    return viewer.manages(request.organisation_id)


@rules.predicate
def can_view_co_ownership(user: Any, request: Any) -> bool:
    viewer = viewer_for(user)
    if request is None:
        return viewer.is_authenticated
    return (
        viewer.manages(request.organisation_id)
        or viewer.manages(request.group.organisation_id)
        or is_facilitator(viewer, request.group)
    )


def calendar_feed_visible_q(viewer: Viewer) -> Q:
    """A person's own feeds. A feed lists sessions of every organisation, so a token scoped to
    one organisation neither lists nor makes one (`can_add_calendar_feed`)."""
    if viewer.scope is not None:
        return Q(pk__in=[])
    return id_q("person_id", viewer.person_id)


@rules.predicate
def can_add_calendar_feed(user: Any, obj: Any = None) -> bool:
    viewer = viewer_for(user)
    return viewer.person_id is not None and viewer.scope is None


rules.add_perm("groups.view_group", can_view_group)
rules.add_perm("groups.add_group", can_add_group)
rules.add_perm("groups.change_group", can_run_group)
rules.add_perm("groups.delete_group", can_run_group)
rules.add_perm("groups.plan_group", can_run_group)
rules.add_perm("groups.facilitate_group", can_facilitate)
rules.add_perm("groups.read_content_group", can_read_content)
rules.add_perm("groups.view_session", can_view_group)
rules.add_perm("groups.add_session", can_run_group)
rules.add_perm("groups.change_session", can_run_group)
rules.add_perm("groups.record_session", can_facilitate)
rules.add_perm("groups.view_groupmember", can_view_group)
rules.add_perm("groups.add_groupmember", can_run_group)
rules.add_perm("groups.change_groupmember", can_run_group)
rules.add_perm("groups.delete_groupmember", can_run_group)
rules.add_perm("groups.view_situation", can_read_content)
rules.add_perm("groups.add_situation", can_add_situation)
rules.add_perm("groups.change_situation", can_change_situation)
rules.add_perm("groups.delete_situation", can_withdraw_situation)
rules.add_perm("groups.view_sessionnote", can_view_note)
rules.add_perm("groups.add_sessionnote", can_facilitate)
rules.add_perm("groups.change_sessionnote", can_facilitate)
rules.add_perm("groups.delete_sessionnote", can_facilitate)
rules.add_perm("groups.view_attendance", can_view_attendance)
rules.add_perm("groups.record_attendance", can_facilitate)
rules.add_perm("groups.view_certificate", can_view_certificate)
rules.add_perm("groups.compose_group", can_coordinate)
rules.add_perm("groups.view_dashboard", can_coordinate)
rules.add_perm("groups.add_calendarfeed", can_add_calendar_feed)
rules.add_perm("groups.view_technique", rules.is_authenticated)
rules.add_perm("groups.add_technique", rules.is_authenticated)
rules.add_perm("groups.view_coownershiprequest", can_view_co_ownership)
rules.add_perm("groups.add_coownershiprequest", can_run_group)
rules.add_perm("groups.decide_coownershiprequest", can_decide_co_ownership)


# --- Role facts the services and pages ask (no role name outside this module) -----------------


def runs_with(roles: Any) -> bool:
    """Roles with which a person sets up any kind of group, or adds techniques, in an organisation."""
    return bool(set(roles) & {*MANAGING_ROLES, Role.FACILITATOR})


def facilitates_with(roles: Any) -> bool:
    return Role.FACILITATOR in set(roles)


def manages_with(roles: Any) -> bool:
    return bool(set(roles) & MANAGING_ROLES)


def facilitator_candidates_q(organisation_ids: Any) -> Q:
    """People (a filter on Person) with the facilitator role, still held, in one of the
    organisations, and active (services.check_may_sit refuses anyone else)."""
    return Q(
        memberships__organisation_id__in=organisation_ids,
        memberships__role=Role.FACILITATOR,
        memberships__is_active=True,
        is_active=True,
    )


def coordinators_q(organisation_id: Any) -> Q:
    """People (a filter on Person) who coordinate the organisation (active membership)."""
    return Q(
        memberships__organisation_id=organisation_id,
        memberships__role__in=MANAGING_ROLES,
        memberships__is_active=True,
    )
