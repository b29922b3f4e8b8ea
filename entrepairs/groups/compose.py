"""Compose groups from a pool of candidates with the matching engine (entrepairs.solvers.groups).

Hard rules (seed 000, PRODUCT.md §2, issue 13): group sizes within the kind's bounds; nobody with
anyone of their line-management chain (N+1, N+2, … to the top), unless the kind allows the
hierarchy; for groups meant for questions hard to raise at work, no two direct colleagues of one
core team. Soft rules: mixed professions, balanced experience. The number of groups follows from
the pool and the size bounds: every feasible count is tried, the one closest to the target size
first, so a pool of 18 that only fits three groups of 6 is solved. The coordinator sees the
report as plain sentences, adjusts by hand and confirms; `assess` checks the hand-edited groups
again (hard breaches block, nothing is created; soft ones are shown).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entrepairs.core.french import joined
from entrepairs.core.services import service
from entrepairs.people.models import Person
from entrepairs.solvers.errors import InfeasibleError, SolverInputError
from entrepairs.solvers.groups import (
    GroupsProblem,
    GroupsResult,
    Member,
    feasible_group_counts,
    solve_groups,
)

from . import hierarchy, services
from .models import Group, size_limits

# A group's mean experience further than this from the pool's is worth a word (soft rule).
EXPERIENCE_GAP_YEARS = 4.0


@dataclass(frozen=True)
class Assessment:
    """What holds and what does not in a set of groups, as sentences for the coordinator."""

    satisfied: list[tuple[str, str]] = field(default_factory=list)  # (code, sentence)
    hard: list[tuple[str, str]] = field(default_factory=list)
    soft: list[tuple[str, str]] = field(default_factory=list)

    @property
    def report(self) -> list[tuple[str, bool, str]]:
        """(code, satisfied, sentence): what the page and the API show."""
        return [
            *((c, True, s) for c, s in self.satisfied),
            *((c, False, s) for c, s in self.hard),
            *((c, False, s) for c, s in self.soft),
        ]


@dataclass(frozen=True)
class Proposal:
    groups: list[list[Person]]
    reasons: list[list[str]]
    constraints: list[tuple[str, bool, str]]
    status: str
    # Candidates kept out of every group before the solver ran: a facilitator named for the
    # groups, or someone of a facilitator's line-management chain (the facilitators sit in
    # every group).
    left_out: list[Person] = field(default_factory=list)


@dataclass(frozen=True)
class Confirmed:
    groups: list[Group]
    warnings: list[str]


def _member(person: Person) -> Member:
    return Member(
        id=str(person.pk),
        profession=person.profession or None,
        team=str(person.team_id) if person.team_id else None,
        line_manager=str(person.line_manager_id) if person.line_manager_id else None,
        experience_years=float(person.years_experience or 0),
        language=(person.languages or [None])[0],
    )


def _years(value: float) -> str:
    return number_format(value, 1)


def group_reasons(people: list[Person], *, hard_questions: bool) -> list[str]:
    """Why this group holds together: the facts the coordinator checks."""
    professions = Counter(p.get_profession_display() for p in people if p.profession)
    years = [p.years_experience or 0 for p in people]
    return [
        ngettext("%(n)s participant", "%(n)s participants", len(people)) % {"n": len(people)},
        _("Professions: %(list)s")
        % {"list": ", ".join(f"{k} ×{v}" for k, v in professions.items())},
        _("Experience from %(low)s to %(high)s years (mean %(mean)s)")
        % {
            "low": min(years, default=0),
            "high": max(years, default=0),
            "mean": _years(sum(years) / max(len(years), 1)),
        },
    ]


def assess(
    groups: list[list[Person]],
    *,
    kind: str,
    hard_questions: bool,
    left_out: int = 0,
    facilitators: list[Person] | None = None,
) -> Assessment:
    """Check a set of groups (proposed or edited by hand) against the composition rules; the
    facilitators who will lead every group count as sitting in it.

    Loads every chain once (one query per management level) and names only the people of the
    links it reports."""
    low, high = size_limits(kind)
    satisfied: list[tuple[str, str]] = []
    hard: list[tuple[str, str]] = []
    soft: list[tuple[str, str]] = []

    hard.extend(_placement(groups, facilitators or []))
    groups = [list(dict.fromkeys(g)) for g in groups]  # a name listed twice is reported above
    bad_sizes = [(n, len(g)) for n, g in enumerate(groups, 1) if not low <= len(g) <= high]
    for number, size in bad_sizes:
        hard.append(
            (
                "group_size",
                ngettext(
                    "Group %(n)s has %(size)s participant: a group has %(low)s to %(high)s.",
                    "Group %(n)s has %(size)s participants: a group has %(low)s to %(high)s.",
                    size,
                )
                % {"n": number, "size": size, "low": low, "high": high},
            )
        )
    if not bad_sizes:
        satisfied.append(
            (
                "group_size",
                ngettext(
                    "%(count)s group of %(low)s to %(high)s participants.",
                    "%(count)s groups of %(low)s to %(high)s participants.",
                    len(groups),
                )
                % {"count": len(groups), "low": low, "high": high},
            )
        )

    if hierarchy.allows_hierarchy(kind, hard_questions=hard_questions):
        satisfied.append(
            ("line_manager", _("This kind of group allows a member's line manager in it."))
        )
    else:
        leads = [p.pk for p in facilitators or []]
        managers = hierarchy.load_managers([*leads, *(p.pk for g in groups for p in g)])
        found = [
            (number, link)
            for number, g in enumerate(groups, 1)
            for link in hierarchy.links_within([*leads, *(p.pk for p in g)], managers)
        ]
        named = hierarchy.name_links([link for _n, link in found])
        for (number, _link), link in zip(found, named, strict=True):
            hard.append(
                (
                    "line_manager",
                    _("Group %(n)s: %(link)s") % {"n": number, "link": link.sentence},
                )
            )
        if not found:
            satisfied.append(
                ("line_manager", _("Nobody sits with anyone of their line-management chain."))
            )

    if hard_questions:
        crowded = [
            (number, ps)
            for number, g in enumerate(groups, 1)
            for ps in services.direct_colleagues(g)
        ]
        for number, ps in crowded:
            hard.append(
                (
                    "max_per_team",
                    _("Group %(n)s: %(link)s")
                    % {"n": number, "link": services.colleagues_message(ps)},
                )
            )
        if not crowded:
            satisfied.append(
                ("max_per_team", _("No two direct colleagues of one core team sit together."))
            )

    everyone = [p for g in groups for p in g]
    if len({p.profession for p in everyone if p.profession}) > 1:
        single = [
            (n, g) for n, g in enumerate(groups, 1) if len({p.profession for p in g}) == 1 and g
        ]
        for number, g in single:
            soft.append(
                (
                    "min_professions",
                    _("Group %(n)s gathers one profession only (%(profession)s).")
                    % {"n": number, "profession": g[0].get_profession_display()},
                )
            )
        if not single:
            satisfied.append(("min_professions", _("Every group mixes professions.")))
    if everyone:
        pool_mean = sum(p.years_experience or 0 for p in everyone) / len(everyone)
        for number, g in enumerate(groups, 1):
            if not g:
                continue
            mean = sum(p.years_experience or 0 for p in g) / len(g)
            if abs(mean - pool_mean) > EXPERIENCE_GAP_YEARS:
                soft.append(
                    (
                        "experience",
                        _(
                            "Group %(n)s: mean experience %(mean)s years, far from the pool's "
                            "%(pool)s years."
                        )
                        % {"n": number, "mean": _years(mean), "pool": _years(pool_mean)},
                    )
                )
    if left_out:
        soft.append(
            (
                "left_out",
                ngettext(
                    "%(count)s candidate is in no group.",
                    "%(count)s candidates are in no group.",
                    left_out,
                )
                % {"count": left_out},
            )
        )
    return Assessment(satisfied, hard, soft)


def _placement(groups: list[list[Person]], facilitators: list[Person]) -> list[tuple[str, str]]:
    """Who is listed twice in one group, placed in several groups, or both a facilitator and a
    participant: hard breaches, each naming the person and the group (outside test: the check
    said nothing of a facilitator among the members, and confirm then failed on a field the
    request does not have)."""
    found: list[tuple[str, str]] = []
    where: dict[Person, list[int]] = {}
    for number, g in enumerate(groups, 1):
        counts = Counter(g)
        for person in sorted((p for p, n in counts.items() if n > 1), key=str):
            found.append(
                (
                    "placement",
                    _("Group %(n)s lists %(name)s more than once.") % {"n": number, "name": person},
                )
            )
        for person in counts:
            where.setdefault(person, []).append(number)
    for person, numbers in sorted(where.items(), key=lambda item: str(item[0])):
        if len(numbers) > 1:
            found.append(
                (
                    "placement",
                    _("%(name)s is placed in groups %(numbers)s: a person sits in one group.")
                    % {"name": person, "numbers": joined(numbers)},
                )
            )
    leads = {p.pk for p in facilitators}
    for person, numbers in sorted(where.items(), key=lambda item: str(item[0])):
        if person.pk in leads:
            found.extend(
                (
                    "facilitator_member",
                    _(
                        "Group %(n)s: %(name)s is named facilitator of the groups and cannot "
                        "also be one of its participants."
                    )
                    % {"n": number, "name": person},
                )
                for number in numbers
            )
    return found


def _chain_pairs(candidates: list[Person]) -> list[tuple[str, str]]:
    """Pairs of candidates linked through the chain above N+1 (the solver keeps N+1 apart
    itself): the whole chain is a hard constraint, not only direct reports."""
    ids = {p.pk for p in candidates}
    managers = hierarchy.load_managers(ids)
    pairs = []
    for pk in ids:
        for above, level in hierarchy.chain_levels(pk, managers).items():
            if level > 1 and above in ids:
                pairs.append((str(pk), str(above)))
    return sorted(pairs)


def _why(exc: SolverInputError, low: int, high: int) -> str:
    return {
        "max_per_team": _(
            "too many candidates of one core team to keep direct colleagues apart; add "
            "candidates from other teams or untick “questions hard to raise at work”"
        ),
        "min_size": _("the pool cannot be split into groups of %(low)s to %(high)s")
        % {"low": low, "high": high},
        "line_manager": _("too many candidates work under the same line manager"),
        "keep_apart": _("too many candidates belong to one line-management chain"),
        "min_professions": _("too few professions to mix them in every group"),
    }.get(exc.field, _("the rules cannot all be met with this pool"))


def kept_from_facilitators(
    candidates: list[Person], facilitators: list[Person], *, kind: str, hard_questions: bool
) -> list[tuple[Person, str]]:
    """The candidates who cannot sit in a group the `facilitators` lead, with the reason: a
    facilitator is never also a participant, and nobody sits with someone of their
    line-management chain, either way (outside test: the proposal seated Quitterie Agent under
    her N+1 as facilitator and reported the rule met). The chain comes from
    `hierarchy.links_between`, the function `services.check_facilitators` and `member_add` ask
    through `hierarchy.first_clash` on confirm."""
    leads = {p.pk for p in facilitators}
    kept: dict[Any, str] = {
        p.pk: _("%(name)s is named facilitator of the groups and cannot also be a participant.")
        % {"name": p}
        for p in candidates
        if p.pk in leads
    }
    if leads and not hierarchy.allows_hierarchy(kind, hard_questions=hard_questions):
        others = [p.pk for p in candidates if p.pk not in kept]
        for link in hierarchy.links_between(others, leads):
            below = link.subordinate if link.superior in leads else link.superior
            kept.setdefault(below, link.sentence)
    return [(p, kept[p.pk]) for p in candidates if p.pk in kept]


def propose(
    *,
    candidates: list[Person],
    kind: str,
    hard_questions: bool,
    seed: int = 0,
    facilitators: list[Person] | None = None,
) -> Proposal:
    """Try every feasible number of groups, closest to the target size first, and keep the first
    split that meets every hard rule (or, failing that, the one that breaks the fewest).

    The facilitators lead every group: they count as seated in it, so the candidates of their
    line-management chain (and a facilitator ticked as a candidate) are kept out of the solver's
    input and listed as left out with the reason; the report is then checked with the
    facilitators seated, as confirm checks it."""
    facilitators = list(facilitators or [])
    kept = kept_from_facilitators(
        candidates, facilitators, kind=kind, hard_questions=hard_questions
    )
    kept_ids = {p.pk for p, _reason in kept}
    candidates = [p for p in candidates if p.pk not in kept_ids]
    low, high = size_limits(kind)
    target = min(max(8, low), high)
    allows = hierarchy.allows_hierarchy(kind, hard_questions=hard_questions)
    base = {
        "members": [_member(p) for p in candidates],
        "min_size": low,
        "max_size": high,
        "target_size": target,
        "max_per_team": 1 if hard_questions else None,
        "min_professions": 2 if len({p.profession for p in candidates if p.profession}) > 1 else 1,
        "forbid_line_manager": not allows,
        "keep_apart": [] if allows else _chain_pairs(candidates),
        "seed": seed,
        "time_limit_s": 1.5,
    }
    counts = feasible_group_counts(len(candidates), low, high, target)
    best: GroupsResult | None = None
    first_error: SolverInputError | None = None
    for count in counts:
        try:
            result = solve_groups(GroupsProblem(**base, group_count=count))  # type: ignore[arg-type]
        except InfeasibleError as exc:
            first_error = first_error or exc
            continue
        except SolverInputError as exc:
            first_error = exc
            break
        broken = sum(not c.satisfied for c in result.constraints)
        if result.status != "constraint_violated":
            best = result
            break
        if best is None or broken < sum(not c.satisfied for c in best.constraints):
            best = result
    if best is None:
        error = first_error or InfeasibleError("min_size", "empty")
        raise ValidationError(
            {"candidates": _("No grouping is possible: %(why)s.") % {"why": _why(error, low, high)}}
        )
    by_id = {str(p.pk): p for p in candidates}
    groups = [[by_id[i] for i in g.members] for g in best.groups]
    assessment = assess(groups, kind=kind, hard_questions=hard_questions, facilitators=facilitators)
    kept_report = [
        ("left_out", False, _("%(name)s is in no group: %(reason)s") % {"name": p, "reason": why})
        for p, why in kept
    ]
    return Proposal(
        groups=groups,
        reasons=[group_reasons(g, hard_questions=hard_questions) for g in groups],
        constraints=[*assessment.report, *kept_report],
        status=best.status,
        left_out=[p for p, _reason in kept],
    )


def check(
    *,
    assignment: dict[int, list[Person]],
    kind: str,
    hard_questions: bool,
    left_out: int = 0,
    facilitators: list[Person] | None = None,
) -> Assessment:
    """The hand-edited groups, in the order of their numbers (empty numbers dropped), assessed
    again."""
    groups = [people for _n, people in sorted(assignment.items()) if people]
    return assess(
        groups,
        kind=kind,
        hard_questions=hard_questions,
        left_out=left_out,
        facilitators=facilitators,
    )


@service
@transaction.atomic
def confirm(
    *,
    assignment: dict[int, list[Person]],
    organisation: Any,
    kind: str,
    name: str,
    facilitators: list[Person],
    created_by: Person | None,
    hard_questions: bool,
    left_out: int = 0,
) -> Confirmed:
    """Create the groups as adjusted by the coordinator. Every hard rule is checked again before
    anything is written: a breach blocks the whole confirmation (field `groups`), nothing is
    created; soft ones come back as warnings. The services (group_create, member_add) still
    apply their own rules, facilitators against members included."""
    assessment = check(
        assignment=assignment,
        kind=kind,
        hard_questions=hard_questions,
        left_out=left_out,
        facilitators=facilitators,
    )
    if not assignment:
        raise ValidationError({"groups": _("Put at least one candidate in a group.")})
    if assessment.hard:
        raise ValidationError({"groups": [sentence for _c, sentence in assessment.hard]})
    created = []
    groups = [people for _n, people in sorted(assignment.items()) if people]
    for number, people in enumerate(groups, 1):
        orgs = list({p.organisation_id: p.organisation for p in people}.values())
        group = services.group_create(
            organisation=organisation,
            organisations=orgs,
            name=f"{name} {number}",
            kind=kind,
            facilitators=facilitators,
            created_by=created_by,
            hard_questions=hard_questions,
        )
        for person in people:
            try:
                # by: the coordinator never seats herself in a group she composes (member_add).
                services.member_add(group=group, person=person, by=created_by)
            except ValidationError as exc:
                # The request has no field `person`: said under `groups`, with the group's number.
                raise ValidationError(
                    {
                        "groups": [
                            _("Group %(n)s: %(reason)s") % {"n": number, "reason": message}
                            for message in exc.messages
                        ]
                    }
                ) from exc
        created.append(group)
    return Confirmed(created, [sentence for _c, sentence in assessment.soft])
