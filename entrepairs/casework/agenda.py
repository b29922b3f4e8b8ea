"""A core-team meeting's agenda, built from what is waiting (issue 12 point 10).

The agenda is the concatenation of what each registered provider returns, in the order of
`AGENDA_PROVIDERS`. A provider is a function `provider(team, day) -> list[AgendaItem]` (`day` is
the meeting's date); it reads, never writes, and costs a bounded number of queries.

Registering another topic's provider is one line at the end of this module, e.g.:

    register(lambda team, day: safety_agenda_items(team))

(a selector that takes the team only is wrapped in a lambda). Each item says its `kind` (a short
code), a `title` the team reads (translated), an optional `url` and `detail`, and `ref` (an id)
when the item is one record (a team-dynamics topic is marked discussed by its `ref`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entrepairs.organisations.models import Team
from entrepairs.people.models import Person


@dataclass(frozen=True)
class AgendaItem:
    kind: str
    title: str
    url: str = ""
    detail: str = ""
    ref: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


Provider = Callable[[Team, datetime.date], list[AgendaItem]]
LEAVE_HORIZON_DAYS = 30


def new_cases_items(team: Team, day: datetime.date) -> list[AgendaItem]:
    from .models import Case

    n = Case.objects.filter(core_team=team, status=Case.Status.NEW).count()
    if not n:
        return []
    return [
        AgendaItem(
            kind="new_cases",
            title=ngettext(
                "%(n)s new case waiting for allocation",
                "%(n)s new cases waiting for allocation",
                n,
            )
            % {"n": n},
            url=reverse("casework:cases", args=[team.pk]) + "?status=new",
        )
    ]


def leave_items(team: Team, day: datetime.date) -> list[AgendaItem]:
    """Members on leave on the meeting's day or starting one in the next 30 days."""
    from .models import Leave

    leaves = (
        Leave.objects.filter(
            person__team=team,
            ends_on__gte=day,
            starts_on__lte=day + datetime.timedelta(days=LEAVE_HORIZON_DAYS),
        )
        .select_related("person")
        .order_by("starts_on")
    )
    return [
        AgendaItem(
            kind="leave",
            title=(
                _("%(name)s on leave until %(until)s")
                if leave.starts_on <= day
                else _("%(name)s on leave from %(from)s to %(until)s")
            )
            % {
                "name": leave.person,
                "from": date_format(leave.starts_on, "SHORT_DATE_FORMAT"),
                "until": date_format(leave.ends_on, "SHORT_DATE_FORMAT"),
            },
            url=reverse("casework:team", args=[team.pk]),
        )
        for leave in leaves
    ]


def policy_items(team: Team, day: datetime.date) -> list[AgendaItem]:
    """Policies of the team (or the organisation) some members have not acknowledged yet."""
    from .models import Policy

    members = list(Person.objects.filter(team=team, is_active=True).values_list("pk", flat=True))
    policies = (
        Policy.objects.filter(organisation_id=team.organisation_id)
        .filter(Q(core_team=team) | Q(core_team__isnull=True))
        .annotate(done=Count("acknowledgements", filter=Q(acknowledgements__person__in=members)))
        .order_by("effective_on", "title")
    )
    return [
        AgendaItem(
            kind="policy",
            title=_("Policy to acknowledge: %(title)s") % {"title": p.title},
            detail=_("%(missing)s of %(total)s members have not acknowledged it yet.")
            % {"missing": len(members) - p.done, "total": len(members)},
            url=reverse("casework:policy", args=[p.pk]),
            ref=str(p.pk),
        )
        for p in policies
        if p.done < len(members)
    ]


def audit_items(team: Team, day: datetime.date) -> list[AgendaItem]:
    """Audits under way, or ended in the last 30 days (their findings call for actions)."""
    from .models import Audit

    audits = Audit.objects.filter(
        core_team=team,
        starts_on__lte=day,
        ends_on__gte=day - datetime.timedelta(days=30),
    ).annotate(findings_count=Count("findings"))
    return [
        AgendaItem(
            kind="audit",
            title=(_("Audit in progress: %(title)s") if a.ends_on >= day else _("Audit: %(title)s"))
            % {"title": a.title},
            detail=ngettext("%(n)s finding recorded.", "%(n)s findings recorded.", a.findings_count)
            % {"n": a.findings_count},
            url=reverse("casework:audit", args=[a.pk]),
            ref=str(a.pk),
        )
        for a in audits
    ]


def peer_review_items(team: Team, day: datetime.date) -> list[AgendaItem]:
    """The team's peer-review trend: the indicators whose average fell or is below "met"."""
    from .selectors import peer_review_trends

    items = []
    for t in peer_review_trends(team, day):
        if t.average is None:
            continue
        fell = t.previous_average is not None and t.average < t.previous_average
        if t.average < 3 or fell:
            items.append(
                AgendaItem(
                    kind="peer_review",
                    title=_("Peer review trend: %(indicator)s") % {"indicator": t.indicator},
                    detail=_("Average %(avg)s over %(n)s ratings (previous period: %(prev)s).")
                    % {
                        "avg": number_format(t.average, 1),
                        "n": t.count,
                        "prev": "—"
                        if t.previous_average is None
                        else number_format(t.previous_average, 1),
                    },
                    url=reverse("casework:trends", args=[team.pk]),
                )
            )
    return items


def dynamics_items(team: Team, day: datetime.date) -> list[AgendaItem]:
    """Team-dynamics topics members added, not yet discussed."""
    from .models import TeamTopic

    return [
        AgendaItem(kind="dynamics", title=t.title, ref=str(t.pk))
        for t in TeamTopic.objects.filter(core_team=team, discussed_in__isnull=True)
    ]


AGENDA_PROVIDERS: list[Provider] = [
    new_cases_items,
    leave_items,
    policy_items,
    audit_items,
    peer_review_items,
    dynamics_items,
]


def register(provider: Provider) -> Provider:
    """Add a provider at the end of the agenda (usable as a decorator)."""
    AGENDA_PROVIDERS.append(provider)
    return provider


def build_agenda(team: Team, day: datetime.date) -> list[AgendaItem]:
    return [item for provider in AGENDA_PROVIDERS for item in provider(team, day)]


AGENDA_KINDS = {
    "new_cases": gettext_lazy("New cases"),
    "leave": gettext_lazy("Leave"),
    "policy": gettext_lazy("Policies"),
    "audit": gettext_lazy("Audits"),
    "peer_review": gettext_lazy("Peer review"),
    "dynamics": gettext_lazy("Team dynamics"),
}


def from_topic(items: list[Any]) -> list[AgendaItem]:
    """A topic's `selectors.TopicItem`s as agenda lines (the child named in the detail: the
    agenda is stored encrypted and read by the core team only)."""
    return [
        AgendaItem(
            kind=item.kind,
            title=str(item.label),
            url=item.url,
            detail=str(item.case.child) if item.case is not None else "",
        )
        for item in items
    ]


def _topics() -> None:
    from . import selectors

    register(lambda team, day: from_topic(selectors.safety_agenda_items(team, today=day)))
    register(lambda team, day: from_topic(selectors.care_agenda_items(team)))
    register(lambda team, day: from_topic(selectors.incident_agenda_items(team)))


_topics()
AGENDA_KINDS.update(
    {
        "overdue": gettext_lazy("Safety checks overdue"),
        "high_risk": gettext_lazy("High risks"),
        "decision": gettext_lazy("Key decisions to take"),
        "care_plan_waiting": gettext_lazy("Care plans waiting for approval"),
        "review_due": gettext_lazy("Care-plan reviews due"),
        "incident_open": gettext_lazy("Open incidents"),
        "action_overdue": gettext_lazy("Incident actions overdue"),
    }
)
