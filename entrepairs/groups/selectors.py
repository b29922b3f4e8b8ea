"""Reads the groups' pages, API, exports and tasks share: what a viewer sees, and the
`get_<thing>_for(user, id, action)` helpers that fetch and check in one place (404 when the
viewer may not see it, 403 when they see it but may not do `action`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entrepairs.core.charts import BarChart, bar_chart
from entrepairs.core.french import joined
from entrepairs.core.permissions import check, id_q
from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Site
from entrepairs.organisations.rules import served_q
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people import picker
from entrepairs.people.models import Person
from entrepairs.people.selectors import people_visible_to

from . import rules as group_rules
from .models import (
    Attendance,
    Group,
    GroupMember,
    GroupQuerySet,
    Kind,
    Session,
    Situation,
    Technique,
    size_limits,
)
from .rules import group_visible_q


def groups_visible_to(user: Any) -> GroupQuerySet:
    """Groups the viewer may open (rules.group_visible_q)."""
    return Group.objects.filter(group_visible_q(viewer_for(user)))


def sessions_visible_to(user: Any) -> QuerySet[Session]:
    return Session.objects.filter(group__in=groups_visible_to(user))


def members_visible_to(user: Any) -> QuerySet[GroupMember]:
    return GroupMember.objects.filter(group__in=groups_visible_to(user))


def _organisations_in_reach(user: Any) -> Q:
    """The viewer's organisations and those of the groups they see (co-owners included)."""
    groups = groups_visible_to(user)
    return (
        Q(organisation_id__in=viewer_for(user).organisation_ids)
        | Q(organisation_id__in=groups.values("organisation_id"))
        | Q(organisation_id__in=groups.values("organisations"))
    )


def people_in_reach(user: Any) -> QuerySet[Person]:
    """The people a write about groups may name (a member, a facilitator): those of the viewer's
    organisations and of the organisations of the groups they see, and those people's rule shows
    them. Anyone else is unknown, like a missing id (security review F9); whether one of these may
    be named is the service's rule."""
    return Person.objects.filter(_organisations_in_reach(user)) | people_visible_to(user)


def facilitator_candidates(organisation_ids: Any, group: Group | None = None) -> QuerySet[Person]:
    """Whom a page suggests to lead a group: the facilitators of its organisations, and the group's
    current facilitators. services.check_facilitators decides (a peer-support group is led by
    any of its people)."""
    q = group_rules.facilitator_candidates_q(organisation_ids)
    if group is not None:
        q |= Q(pk__in=group.facilitator_ids())
    return Person.objects.filter(q).distinct()


@picker.source("groups.facilitators")
def facilitators_to_pick(user: Any, group: Any = None, compose: Any = None) -> QuerySet[Person]:
    """The facilitator picker: of a group being edited (404/403 as its page), of the
    organisations a coordinator composes groups for, or of the viewer's organisations (a new
    group)."""
    if group is not None:
        found = get_group_for(user, group, "change")
        return facilitator_candidates(found.organisation_ids(), found)
    if compose:
        require(user, "groups.compose_group")
        return facilitator_candidates(coordinated_organisations(user).values("pk"))
    require(user, "groups.add_group")
    return facilitator_candidates(viewer_for(user).organisation_ids)


@picker.source("groups.members")
def members_to_pick(user: Any, group: Any) -> QuerySet[Person]:
    """The member picker of a group the viewer may add members to (404/403 as its page)."""
    found = get_group_for(user, group)
    require(user, "groups.add_groupmember", found)
    return member_candidates(found)


def sites_in_reach(user: Any) -> QuerySet[Site]:
    """The sites a session may be held at: those of the organisations in the viewer's reach."""
    return Site.objects.filter(_organisations_in_reach(user))


def techniques_visible_to(user: Any) -> QuerySet[Technique]:
    """The shared catalogue and the techniques of the viewer's organisations."""
    return Technique.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id__in=viewer_for(user).organisation_ids)
    )


def get_group_for(user: Any, pk: Any, action: str = "view") -> Group:
    """The group with what its pages show (organisation, charter, facilitators)."""
    group: Group = get_visible_or_404(
        groups_visible_to(user)
        .select_related("organisation", "charter")
        .prefetch_related("facilitators", "organisations"),
        pk=pk,
    )
    if action != "view":
        require(user, f"groups.{action}_group", group)
    return group


def get_session_for(user: Any, pk: Any, action: str = "view") -> Session:
    session: Session = get_visible_or_404(
        sessions_visible_to(user).select_related("group__organisation", "group__charter", "site"),
        pk=pk,
    )
    if action != "view":
        require(user, f"groups.{action}_session", session)
    return session


def get_member_for_certificate(user: Any, member_pk: Any, group_pk: Any = None) -> GroupMember:
    """A member whose certificates the user may download (404 otherwise), page and API alike:
    the member, the group's facilitators and coordinators, and the member's line manager, who
    does not see the group itself (docs/access-expected.md §2)."""
    # A member who left keeps the certificate of the sessions they attended.
    rows = GroupMember.objects.select_related("person", "group__organisation")
    if group_pk is not None:
        rows = rows.filter(group_id=group_pk)
    member: GroupMember = get_visible_or_404(rows, pk=member_pk)
    if not check(user, "groups.view_certificate", member):
        raise Http404
    return member


def get_situation_for(user: Any, pk: Any, action: str = "view") -> Situation:
    """A situation of a group whose content the user reads (404 otherwise)."""
    situation: Situation = get_visible_or_404(
        Situation.objects.filter(group_rules.situation_visible_q(viewer_for(user))).select_related(
            "session__group", "author__person"
        ),
        pk=pk,
    )
    if action != "view":
        require(user, f"groups.{action}_situation", situation)
    return situation


def coordinated_organisations(user: Any) -> QuerySet[Any]:
    """The organisations whose groups the user runs as coordinator (dashboard, compose, settings)."""
    from entrepairs.organisations.models import Organisation

    return Organisation.objects.filter(pk__in=viewer_for(user).managed_orgs)


def member_candidates(group: Group) -> QuerySet[Person]:
    """Whom the add-member list offers: the active staff of the group's organisations not yet in
    it nor leading it. People served (youths, guardians, children) are never offered: the people
    rule `served_q` says who they are; services.check_may_sit refuses them on every path."""
    taken = group.members.exclude(status=GroupMember.Status.LEFT).values("person_id")
    return (
        Person.objects.filter(organisation_id__in=group.organisation_ids(), is_active=True)
        .exclude(served_q())
        .exclude(pk__in=taken)
        .exclude(pk__in=group.facilitator_ids())
        .order_by("last_name", "first_name")
    )


def compose_candidates(user: Any) -> QuerySet[Any]:
    """The staff a coordinator may compose groups from: the active professionals of the
    organisations they run (page and API alike)."""
    from entrepairs.people.models import Person

    return (
        Person.objects.filter(organisation__in=coordinated_organisations(user), is_active=True)
        .exclude(served_q())
        .exclude(profession="")
        .select_related("team", "organisation")
        .order_by("last_name", "first_name")
    )


def compose_people(user: Any, ids: list[Any], *, field: str) -> dict[Any, Any]:
    """The posted candidates of a composition (page and API alike), by id, or a refusal on
    `field` that names each one refused and says why: a person the organisations serve (a youth,
    a foster family: `services.not_staff_message`), someone deactivated, or without a profession
    (the composition balances professions); anyone else is unknown to the coordinator, and only
    said so (nothing told about people they do not run)."""
    from django.core.exceptions import ValidationError

    from entrepairs.organisations.models import Membership
    from entrepairs.people.models import Person

    from .services import not_staff_message

    found = {p.pk: p for p in compose_candidates(user).filter(pk__in=ids)}
    missing = {pk for pk in ids if pk not in found}
    twice = sorted({str(found[pk]) for pk in ids if pk in found and ids.count(pk) > 1})
    if twice:
        # Said as it is, never as a rule of the composition (outside test: a candidate listed
        # twice got "too many candidates of one core team").
        raise ValidationError(
            {field: _("Listed more than once: %(names)s.") % {"names": joined(twice)}}
        )
    if not missing:
        return found
    orgs = coordinated_organisations(user)
    served_here = Membership.objects.filter(organisation__in=orgs).values("person_id")
    known = list(
        Person.objects.filter(pk__in=missing)
        .filter(Q(organisation__in=orgs) | Q(pk__in=served_here))
        .order_by("last_name", "first_name")
    )
    served = set(
        Person.objects.filter(served_q(), pk__in=[p.pk for p in known]).values_list("pk", flat=True)
    )
    reasons = [not_staff_message(p) for p in known if p.pk in served]
    reasons += [
        _("%(name)s is deactivated in their organisation: choose an active person.") % {"name": p}
        for p in known
        if p.pk not in served and not p.is_active
    ]
    unnamed = [p for p in known if p.pk not in served and p.is_active and not p.profession]
    if unnamed:
        reasons.append(
            ngettext(
                "No profession is recorded for %(names)s: add it on the record to compose "
                "groups with them.",
                "No profession is recorded for %(names)s: add it on their records to compose "
                "groups with them.",
                len(unnamed),
            )
            % {"names": joined(unnamed)}
        )
    if len(known) < len(missing):
        reasons.append(_("Some candidates are not in your organisations."))
    raise ValidationError({field: reasons})


def coordinator_stats_for(user: Any) -> dict[str, Any] | None:
    """The dashboard's fill and attendance figures for the organisations the user runs, if any."""
    org_ids = viewer_for(user).managed_orgs
    return coordinator_stats(org_ids) if org_ids else None


def bars(rows: list[tuple[str, float]], *, label: str) -> BarChart:
    """Rates (0..1) as a shared bar chart of whole percentages (core.charts.bar_chart)."""
    return bar_chart(
        label, [(name, round(rate * 100)) for name, rate in rows], unit="%", maximum=100
    )


def coordinator_stats(org_ids: set[Any]) -> dict[str, Any]:
    groups = list(
        Group.objects.filter(Q(organisation_id__in=org_ids) | Q(organisations__in=org_ids))
        .distinct()
        .annotate(
            active=Count("members", filter=Q(members__status="active"), distinct=True),
            present=Count(
                "sessions__attendance",
                filter=Q(sessions__attendance__status=Attendance.Status.PRESENT),
                distinct=True,
            ),
            recorded=Count("sessions__attendance", distinct=True),
        )
        .order_by("name")
    )
    fill = [(g.name, g.active / size_limits(g.kind)[1]) for g in groups]
    rate = [(g.name, (g.present / g.recorded) if g.recorded else 0.0) for g in groups]
    teams = (
        Attendance.objects.filter(member__person__organisation_id__in=org_ids)
        .values("member__person__team__name")
        .annotate(
            total=Count("pk"), present=Count("pk", filter=Q(status=Attendance.Status.PRESENT))
        )
        .order_by("member__person__team__name")
    )
    per_team = [
        (row["member__person__team__name"] or _("No team"), row["present"] / row["total"])
        for row in teams
        if row["total"]
    ]
    return {
        "groups": groups,
        "fill_chart": bars(fill, label=_("Fill rate per group")),
        "group_chart": bars(rate, label=_("Attendance rate per group")),
        "team_chart": bars(per_team, label=_("Attendance rate per team")),
    }


def hierarchy_breaches_for(user: Any) -> list[Any]:
    """Groups of the organisations the user coordinates (owned or co-owned) that are not over
    and where two people of one line-management chain sit today (groups.hierarchy.breaches),
    with how to fix each. Empty for anyone who coordinates nothing."""
    from . import hierarchy

    org_ids = viewer_for(user).managed_orgs
    if not org_ids:
        return []
    groups = (
        Group.objects.filter(Q(organisation_id__in=org_ids) | Q(organisations__in=org_ids))
        .exclude(status=Group.Status.ENDED)
        .distinct()
        .order_by("name")
        .prefetch_related("facilitators", "members")
    )
    return hierarchy.breaches(groups)


# --- the programme year and the charter gate (issue 13 §3, §7) ----------------------------------


def programme_years(group: Group) -> list[dict[str, Any]]:
    """Each programme year of the group with its sessions that count and whether it is under
    the minimum (shown, not refused: planning.check_year_counts says why)."""
    from .models import SESSIONS_PER_YEAR
    from .planning import year_counts

    low, high = SESSIONS_PER_YEAR
    return [
        {"year": year, "label": year.label, "count": n, "short": n < low, "full": n >= high}
        for year, n in year_counts(group).items()
    ]


def short_year_warnings(group: Group) -> list[str]:
    """The programme years of the group under the minimum of sessions, as sentences: returned
    (API `warnings`) and shown (page message) wherever the year changes. The minimum is shown,
    not refused, on a single change (docs/groups.md "At least 6")."""
    from .models import SESSIONS_PER_YEAR

    low, high = SESSIONS_PER_YEAR
    return [
        ngettext(
            "The programme year %(label)s has %(n)s session: a group has %(low)s to %(high)s "
            "sessions a year.",
            "The programme year %(label)s has %(n)s sessions: a group has %(low)s to %(high)s "
            "sessions a year.",
            year["count"],
        )
        % {"label": year["label"], "n": year["count"], "low": low, "high": high}
        for year in programme_years(group)
        if year["short"]
    ]


def charter_waiting(viewer: Any, group: Group) -> dict[str, Any] | None:
    """Why an active member does not see the situations: the charter is not accepted (yet, or
    again since it changed: said only to a member who accepted an earlier version; outside test,
    "the charter changed" was shown to someone who never accepted any). None for anyone else."""
    member = group_rules.member_of(viewer, group)
    if member is None or member.status != GroupMember.Status.ACTIVE:
        return None
    if member.has_accepted_charter:
        return None
    charter = group.charter
    accepted_before = member.charter_version is not None
    return {"changed_at": charter.changed_at if charter.version > 1 and accepted_before else None}


def charter_roster(group: Any) -> dict[str, Any]:
    """What a member sees before accepting the charter, on the page and in the API alike: who
    sits in the group and in which role, and whether its kind lets a line manager sit in it
    (issue 13 §1)."""
    from .hierarchy import group_allows_hierarchy

    return {
        "roster_facilitators": list(group.facilitators.order_by("last_name", "first_name")),
        "roster_members": list(
            group.members.exclude(status=GroupMember.Status.LEFT)
            .select_related("person")
            .order_by("person__last_name", "person__first_name")
        ),
        "allows_hierarchy": group_allows_hierarchy(group),
    }


# --- What the home page asks of groups (home.blocks assembles; the rules stay here) -----------


def next_sessions_as_member(user: Any) -> QuerySet[Session]:
    """The planned sessions ahead of the groups the viewer is an active member of, soonest
    first."""
    viewer = viewer_for(user)
    return (
        Session.objects.upcoming()
        .filter(
            id_q("group__members__person_id", viewer.person_id),
            group__members__status=GroupMember.Status.ACTIVE,
        )
        .filter(viewer.scope_q("group__organisation_id"))
        .select_related("group", "site")
        .order_by("starts_at")
    )


def sessions_to_run(user: Any) -> QuerySet[Session]:
    """The planned sessions ahead of the groups the viewer facilitates, soonest first."""
    viewer = viewer_for(user)
    return (
        Session.objects.upcoming()
        .filter(id_q("group__facilitators", viewer.person_id))
        .filter(viewer.scope_q("group__organisation_id"))
        .select_related("group", "site")
        .order_by("starts_at")
    )


def attendance_to_record(user: Any) -> QuerySet[Session]:
    """Sessions the viewer facilitates that have started and are still only planned: recording
    the attendance marks a session held (Session.record_attendance)."""
    viewer = viewer_for(user)
    return (
        Session.objects.filter(
            id_q("group__facilitators", viewer.person_id),
            status=Session.Status.PLANNED,
            starts_at__lt=timezone.now(),
        )
        .filter(viewer.scope_q("group__organisation_id"))
        .select_related("group")
        .order_by("starts_at")
    )


def groups_below_size(user: Any) -> QuerySet[Group]:
    """Groups the viewer coordinates, not ended, with fewer active members than their kind's
    minimum (models.size_limits)."""
    below = Q(pk__in=[])
    for kind in Kind.values:
        below |= Q(kind=kind, active_count__lt=size_limits(kind)[0])
    return (
        Group.objects.filter(organisation__in=coordinated_organisations(user))
        .exclude(status=Group.Status.ENDED)
        .annotate(active_count=Count("members", filter=Q(members__status="active")))
        .filter(below)
        .order_by("name")
    )


def staff_attendance(user: Any) -> QuerySet[Person]:
    """The viewer's direct reports who belong to a group, with their attendance counts (never
    what is said in the group, seed 004), the most absent first."""
    viewer = viewer_for(user)
    marks = "group_memberships__attendance__status"
    return (
        Person.objects.filter(id_q("line_manager_id", viewer.person_id))
        .annotate(
            groups=Count(
                "group_memberships",
                filter=~Q(group_memberships__status=GroupMember.Status.LEFT),
                distinct=True,
            ),
            present=Count("group_memberships__attendance", filter=Q(**{marks: "present"})),
            excused=Count("group_memberships__attendance", filter=Q(**{marks: "excused"})),
            absent=Count("group_memberships__attendance", filter=Q(**{marks: "absent"})),
        )
        .filter(groups__gt=0)
        .order_by("-absent", "last_name", "first_name")
    )
