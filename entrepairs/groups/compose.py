"""Compose groups from a pool of candidates with the matching engine (entrepairs.solvers.groups).

Hard rules (seed 000, PRODUCT.md §2): nobody with their own line manager; for groups meant for
questions hard to raise at work, no two direct colleagues of one core team; mixed professions;
balanced experience. The coordinator sees the reasons, adjusts by hand and confirms.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from entrepairs.people.models import Person
from entrepairs.solvers.errors import SolverInputError
from entrepairs.solvers.groups import GroupsProblem, Member, solve_groups

from . import services
from .models import Group, size_limits


@dataclass(frozen=True)
class Proposal:
    groups: list[list[Person]]
    reasons: list[list[str]]
    constraints: list[tuple[str, bool, str]]
    status: str


def _member(person: Person) -> Member:
    return Member(
        id=str(person.pk),
        profession=person.profession or None,
        team=str(person.team_id) if person.team_id else None,
        line_manager=str(person.line_manager_id) if person.line_manager_id else None,
        experience_years=float(person.years_experience or 0),
        language=(person.languages or [None])[0],
    )


def group_reasons(people: list[Person], *, hard_questions: bool) -> list[str]:
    """Why this group holds together: the facts the coordinator checks."""
    ids = {p.pk for p in people}
    professions = Counter(p.get_profession_display() for p in people if p.profession)
    years = [p.years_experience or 0 for p in people]
    teams = Counter(p.team_id for p in people if p.team_id)
    reasons = [
        _("%(n)s participants") % {"n": len(people)},
        _("Professions: %(list)s")
        % {"list": ", ".join(f"{k} ×{v}" for k, v in professions.items())},
        _("Experience from %(low)s to %(high)s years (mean %(mean).1f)")
        % {
            "low": min(years, default=0),
            "high": max(years, default=0),
            "mean": sum(years) / max(len(years), 1),
        },
    ]
    with_manager = [p for p in people if p.line_manager_id in ids]
    reasons.append(
        _("Nobody is with their line manager.")
        if not with_manager
        else _("Warning: %(names)s with their line manager.")
        % {"names": ", ".join(map(str, with_manager))}
    )
    if hard_questions:
        crowded = [n for n in teams.values() if n > 1]
        reasons.append(
            _("No two direct colleagues of one core team.")
            if not crowded
            else _("Warning: direct colleagues of one core team are together.")
        )
    return reasons


def propose(
    *, candidates: list[Person], kind: str, hard_questions: bool, seed: int = 0
) -> Proposal:
    low, high = size_limits(kind)
    problem = GroupsProblem(
        members=[_member(p) for p in candidates],
        min_size=low,
        max_size=high,
        target_size=min(max(8, low), high),
        max_per_team=1 if hard_questions else None,
        min_professions=2 if len({p.profession for p in candidates if p.profession}) > 1 else 1,
        forbid_line_manager=True,
        seed=seed,
        time_limit_s=2.0,
    )
    try:
        result = solve_groups(problem)
    except SolverInputError as exc:
        why = {
            "max_per_team": _(
                "too many candidates of one core team to keep direct colleagues apart; add "
                "candidates from other teams or untick “questions hard to raise at work”"
            ),
            "min_size": _("the pool cannot be split into groups of %(low)s to %(high)s")
            % {"low": low, "high": high},
            "line_manager": _("too many candidates work under the same line manager"),
        }.get(exc.field, exc.message)
        raise ValidationError(_("No grouping is possible: %(why)s.") % {"why": why}) from exc
    by_id = {str(p.pk): p for p in candidates}
    groups = [[by_id[i] for i in g.members] for g in result.groups]
    return Proposal(
        groups=groups,
        reasons=[group_reasons(g, hard_questions=hard_questions) for g in groups],
        constraints=[(c.name, c.satisfied, c.detail) for c in result.constraints],
        status=result.status,
    )


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
) -> list[Group]:
    """Create the groups as adjusted by the coordinator; sizes are checked again."""
    low, high = size_limits(kind)
    for number, people in assignment.items():
        if not low <= len(people) <= high:
            raise ValidationError(
                _("Group %(n)s has %(size)s participants: a group has %(low)s to %(high)s.")
                % {"n": number, "size": len(people), "low": low, "high": high}
            )
    created = []
    for number, people in sorted(assignment.items()):
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
            # by: the coordinator never seats herself in a group she composes (member_add).
            services.member_add(group=group, person=person, by=created_by)
        created.append(group)
    return created
