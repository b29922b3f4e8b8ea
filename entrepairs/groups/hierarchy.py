"""The hierarchy is never in the group (PRODUCT.md §2, seeds 000, 003, 004; issue 13).

Nobody sits in a supervision, practice-analysis or peer-support group — as member or facilitator —
with anyone of their line-management chain, direct or indirect, up to the top. This module is the
one home of that rule: every write (group creation, adding a member, changing the facilitators,
confirming a composition, the API, the demo data) and every read that lists today's breaches ask
it. A kind may allow the hierarchy explicitly (`KINDS_ALLOWING_HIERARCHY`); its charter page says
so before members accept it. A group for questions hard to raise at work never allows it, whatever
its kind (`allows_hierarchy`).

Chains are loaded one query per management level for all the people asked about at once (a
chain of depth d costs d queries whatever the number of people), and a cycle in bad data stops
the walk instead of looping.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from entrepairs.core.notifications import Message, msg
from entrepairs.people.models import Person

from .models import Kind

# Team regulation gathers a team, possibly with its own manager (issue 13: "team regulation with
# the team's own manager"): the only kind where the hierarchy may sit in the group. An
# installation may change the list with GROUP_KINDS_ALLOWING_HIERARCHY in settings.
KINDS_ALLOWING_HIERARCHY: frozenset[str] = frozenset({Kind.TEAM_REGULATION.value})

RULE_MESSAGE = gettext_lazy(
    "The hierarchy is never in the group: nobody sits in it with anyone of their "
    "line-management chain."
)


def allows_hierarchy(kind: str, *, hard_questions: bool) -> bool:
    """The one answer to "may someone sit in this group with their line manager?": only in a kind
    that says so, and never in a group for questions hard to raise at work (its flag promises no
    line manager and no direct colleagues; outside test: a team-regulation group so marked took
    an N+1)."""
    if hard_questions:
        return False
    allowed = getattr(settings, "GROUP_KINDS_ALLOWING_HIERARCHY", None)
    return kind in (KINDS_ALLOWING_HIERARCHY if allowed is None else frozenset(allowed))


def group_allows_hierarchy(group: Any) -> bool:
    return allows_hierarchy(group.kind, hard_questions=group.hard_questions)


@dataclass(frozen=True)
class Link:
    """`superior` is in the line-management chain of `subordinate`, `level` steps above (N+level)."""

    superior: Any  # person id
    subordinate: Any
    level: int
    superior_name: str = ""
    subordinate_name: str = ""

    @property
    def sentence(self) -> str:
        return self.sentence_message.render()

    @property
    def sentence_message(self) -> Message:
        """The sentence, worded in the reader's language (a page, or a notification when read)."""
        return msg(
            "%(superior)s is the line manager (N+%(level)s) of %(subordinate)s.",
            superior=self.superior_name,
            level=self.level,
            subordinate=self.subordinate_name,
        )

    @property
    def message(self) -> str:
        """The refusal: who, which link, and the rule."""
        return f"{self.sentence} {RULE_MESSAGE}"


def load_managers(
    person_ids: Iterable[Any], overrides: dict[Any, Any] | None = None
) -> dict[Any, Any]:
    """person id → line manager id for the people and everyone above them, one query per level.
    `overrides` (person → manager) replace what the database holds: the chart before a change
    just written, or after a change only previewed (its keys may be people not created yet)."""
    overrides = overrides or {}
    managers: dict[Any, Any] = {}
    frontier = {pk for pk in person_ids if pk is not None}
    while frontier:
        known = {pk: overrides[pk] for pk in frontier if pk in overrides}
        asked = frontier - known.keys()
        rows: dict[Any, Any] = (
            dict(Person.objects.filter(pk__in=asked).values_list("pk", "line_manager_id"))
            if asked
            else {}
        )
        for pk in asked - rows.keys():
            rows[pk] = None  # unknown id: no manager
        rows.update(known)
        managers.update(rows)
        frontier = {m for m in rows.values() if m is not None and m not in managers}
    return managers


def chain_levels(person_id: Any, managers: dict[Any, Any]) -> dict[Any, int]:
    """Each line manager above `person_id` with their level (1 = N+1), stopping at a cycle."""
    levels: dict[Any, int] = {}
    current, level = managers.get(person_id), 1
    while current is not None and current not in levels and current != person_id:
        levels[current] = level
        current, level = managers.get(current), level + 1
    return levels


def _named(links: list[Link]) -> list[Link]:
    ids = {x for link in links for x in (link.superior, link.subordinate)}
    names = {
        p.pk: str(p) for p in Person.objects.filter(pk__in=ids).only("first_name", "last_name")
    }
    return [
        Link(
            link.superior,
            link.subordinate,
            link.level,
            names.get(link.superior, ""),
            names.get(link.subordinate, ""),
        )
        for link in links
    ]


def _pair_links(pairs: Iterable[tuple[Any, Any]], managers: dict[Any, Any]) -> list[Link]:
    chains: dict[Any, dict[Any, int]] = {}
    links = []
    for a, b in pairs:
        if a == b:
            continue
        for low, high in ((a, b), (b, a)):
            chain = chains.setdefault(low, chain_levels(low, managers))
            if high in chain:
                links.append(Link(high, low, chain[high]))
                break
    return links


def find_link(a: Any, b: Any) -> Link | None:
    """The line-management link between two people (ids), whichever is above, or None."""
    links = _pair_links([(a, b)], load_managers({a, b}))
    return _named(links)[0] if links else None


def links_between(newcomers: Iterable[Any], others: Iterable[Any]) -> list[Link]:
    """Every link between one of `newcomers` and one of `others` (named, for messages)."""
    new, old = set(newcomers), set(others)
    managers = load_managers(new | old)
    links = _named(_pair_links(((a, b) for a in new for b in old), managers))
    # A stable order, so a refusal names the same pair on every channel and every run.
    return sorted(links, key=lambda x: (x.level, x.superior_name, x.subordinate_name))


def links_within(people: Iterable[Any], managers: dict[Any, Any] | None = None) -> list[Link]:
    """Every link between two people of one set (a group, a proposed group); unnamed when
    `managers` is given (the caller loaded chains for many sets at once and names what it shows)."""
    ids = sorted(set(people), key=str)
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    if managers is None:
        return _named(_pair_links(pairs, load_managers(ids)))
    return _pair_links(pairs, managers)


def first_clash(
    *, kind: str, hard_questions: bool, newcomers: Iterable[Any], others: Iterable[Any]
) -> Link | None:
    """The first link that keeps `newcomers` out of a group of `kind` where `others` sit (None
    when the group allows the hierarchy). Services raise its `message`."""
    if allows_hierarchy(kind, hard_questions=hard_questions):
        return None
    links = links_between(newcomers, others)
    return links[0] if links else None


def name_links(links: list[Link]) -> list[Link]:
    return _named(links)


@dataclass(frozen=True)
class Breach:
    """A group where two people of one chain sit today, and how to end it."""

    group: Any
    link: Link
    superior_role: str  # "facilitator" | "member"
    subordinate_role: str

    @property
    def fix_url(self) -> str:
        """Where to fix it: the group's edit page when a facilitator is concerned (name another
        one), else the group's page (remove a member)."""
        name = (
            "groups:edit"
            if "facilitator" in (self.superior_role, self.subordinate_role)
            else "groups:detail"
        )
        return reverse(name, args=[self.group.pk])

    @property
    def fix(self) -> str:
        return self.fix_message.render()

    @property
    def fix_message(self) -> Message:
        names = {"superior": self.link.superior_name, "subordinate": self.link.subordinate_name}
        if self.superior_role == "facilitator":
            return msg(
                "Name another facilitator in place of %(superior)s, or move %(subordinate)s to another group.",
                **names,
            )
        if self.subordinate_role == "facilitator":
            return msg(
                "Move %(superior)s to another group, or name another facilitator in place of %(subordinate)s.",
                **names,
            )
        return msg("Move %(superior)s or %(subordinate)s to another group.", **names)


def breaches(groups: Iterable[Any], overrides: dict[Any, Any] | None = None) -> list[Breach]:
    """Every link inside each of `groups` (facilitators and members not gone; prefetch
    `facilitators` and `members`), for kinds that do not allow the hierarchy. Data changed
    after the groups were formed (a new line manager, an import) can break the rule: the
    coordinator sees these and how to fix them. Chains are loaded once for all groups;
    `overrides` as in `load_managers`."""
    from .models import GroupMember

    seated: list[tuple[Any, dict[Any, str]]] = []
    for group in groups:
        if group_allows_hierarchy(group):
            continue
        roles = {
            m.person_id: "member"
            for m in group.members.all()
            if m.status != GroupMember.Status.LEFT
        }
        roles.update({p.pk: "facilitator" for p in group.facilitators.all()})
        seated.append((group, roles))
    managers = load_managers((pk for _g, roles in seated for pk in roles), overrides)
    found = [
        (group, roles, link) for group, roles in seated for link in links_within(roles, managers)
    ]
    named = _named([link for _g, _r, link in found])
    return [
        Breach(group, link, roles[link.superior], roles[link.subordinate])
        for (group, roles, _l), link in zip(found, named, strict=True)
    ]


def breaches_created(
    *, changes: dict[Any, tuple[Any, Any]], written: bool
) -> list[tuple[Breach, Any]]:
    """The breaches a change of line managers creates (issue 13: the other direction), each with
    the key of `changes` that caused it (the lowest changed person on the chain between the two).

    `changes` maps a person (id, or a stand-in for a person a file would create) to its (old,
    new) manager. `written`: the database holds the new chart (compare with the old one);
    otherwise it holds the old chart (a dry run: compare with the new one). Breaches that
    existed before the change are not its doing and are left out. Groups looked at: those not
    over where someone of the organisations concerned sits, of every kind but those allowing
    the hierarchy."""
    from .models import Group

    if not changes:
        return []
    before = {key: old for key, (old, _new) in changes.items()} if written else {}
    after = {} if written else {key: new for key, (_old, new) in changes.items()}
    ids = {x for key, pair in changes.items() for x in (key, *pair) if isinstance(x, UUID)}
    organisations = set(Person.objects.filter(pk__in=ids).values_list("organisation_id", flat=True))
    groups = list(
        Group.objects.filter(
            Q(members__person__organisation_id__in=organisations)
            | Q(facilitators__organisation_id__in=organisations)
        )
        .exclude(status=Group.Status.ENDED)
        .distinct()
        .order_by("name")
        .prefetch_related("facilitators", "members")
    )
    existing = {(b.group.pk, b.link.superior, b.link.subordinate) for b in breaches(groups, before)}
    created = [
        b
        for b in breaches(groups, after)
        if (b.group.pk, b.link.superior, b.link.subordinate) not in existing
    ]
    managers = load_managers({b.link.subordinate for b in created}, after)
    return [(b, _cause(b.link, changes, managers)) for b in created]


def _cause(link: Link, changes: dict[Any, Any], managers: dict[Any, Any]) -> Any:
    current, seen = link.subordinate, set()
    while current is not None and current != link.superior and current not in seen:
        if current in changes:
            return current
        seen.add(current)
        current = managers.get(current)
    return link.subordinate
