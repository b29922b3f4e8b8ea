"""Reads the groups' pages, API, exports and tasks share: what a viewer sees, and the
`get_<thing>_for(user, id, action)` helpers that fetch and check in one place (404 when the
viewer may not see it, 403 when they see it but may not do `action`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from entrepairs.core.views import get_visible_or_404, require
from entrepairs.organisations.models import Site
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person
from entrepairs.people.selectors import people_visible_to

from . import rules as group_rules
from .models import (
    Attendance,
    Group,
    GroupMember,
    GroupQuerySet,
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


def compose_candidates(user: Any) -> QuerySet[Any]:
    """The staff a coordinator may compose groups from: the active professionals of the
    organisations they run (page and API alike)."""
    from entrepairs.people.models import Person

    return (
        Person.objects.filter(organisation__in=coordinated_organisations(user), is_active=True)
        .exclude(profession="")
        .select_related("team", "organisation")
        .order_by("last_name", "first_name")
    )


def coordinator_stats_for(user: Any) -> dict[str, Any] | None:
    """The dashboard's fill and attendance figures for the organisations the user runs, if any."""
    org_ids = viewer_for(user).managed_orgs
    return coordinator_stats(org_ids) if org_ids else None


def bars(rows: list[tuple[str, float]], *, label: str) -> dict[str, Any]:
    """Data for an inline SVG bar chart (rates 0..1), drawn by the template: no JS library."""
    height = 26
    return {
        "label": label,
        "height": height * len(rows) + 10,
        "bars": [
            {
                "name": name,
                "y": i * height + 5,
                "text_y": i * height + 22,
                "width": round(max(0.0, min(rate, 1.0)) * 300, 1),
                "percent": round(rate * 100),
            }
            for i, (name, rate) in enumerate(rows)
        ],
    }


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


def charter_waiting(viewer: Any, group: Group) -> dict[str, Any] | None:
    """Why an active member does not see the situations: the charter is not accepted (yet, or
    again since it changed). None for anyone else."""
    member = group_rules.member_of(viewer, group)
    if member is None or member.status != GroupMember.Status.ACTIVE:
        return None
    if member.has_accepted_charter:
        return None
    charter = group.charter
    return {"changed_at": charter.changed_at if charter.version > 1 else None}
