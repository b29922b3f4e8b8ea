"""Property test (issue 13): for random line-management trees and random group edits made through
the services (add a member, change the facilitators, remove a member), no accepted state ever seats
two people of one chain in one group unless the kind allows it; a refused edit changes nothing;
and an edit that breaks no rule is never refused (the rule does not over-reach).

The oracle walks the generated tree in plain Python: it never calls groups.hierarchy."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person

from .. import services
from ..models import GroupMember

KINDS = ["supervision", "peer_support", "practice_analysis", "team_regulation"]


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(min_value=4, max_value=10))
    parents = [None] + [
        draw(st.one_of(st.none(), st.integers(min_value=0, max_value=i - 1))) for i in range(1, n)
    ]
    person = st.integers(min_value=0, max_value=n - 1)
    op = st.one_of(
        st.tuples(st.just("add"), person),
        st.tuples(st.just("lead"), st.lists(person, min_size=1, max_size=2, unique=True)),
        st.tuples(st.just("remove"), person),
    )
    return {
        "parents": parents,
        "kind": draw(st.sampled_from(KINDS)),
        "lead": draw(person),
        "ops": draw(st.lists(op, min_size=1, max_size=12)),
    }


def _ancestors(parents: list[int | None], i: int) -> set[int]:
    out: set[int] = set()
    current = parents[i]
    while current is not None:
        out.add(current)
        current = parents[current]
    return out


def _linked(parents: list[int | None], a: int, b: int) -> bool:
    return a != b and (a in _ancestors(parents, b) or b in _ancestors(parents, a))


def _state(group: Any, index: dict[Any, int]) -> tuple[frozenset[int], frozenset[int]]:
    members = group.members.exclude(status=GroupMember.Status.LEFT).values_list(
        "person_id", flat=True
    )
    leads = group.facilitators.values_list("pk", flat=True)
    return frozenset(index[m] for m in members), frozenset(index[f] for f in leads)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=worlds())
def test_no_accepted_state_seats_two_people_of_one_chain(world, case: dict[str, Any]) -> None:
    parents, kind = case["parents"], case["kind"]
    allowed = kind == "team_regulation"
    with transaction.atomic():
        people: list[Person] = []
        for i, parent in enumerate(parents):
            p = Person.objects.create(
                organisation=world.org_a,
                first_name=f"P{i}",
                last_name="Arbre",
                profession="educator",
                line_manager=people[parent] if parent is not None else None,
            )
            Membership.objects.create(person=p, organisation=world.org_a, role=Role.FACILITATOR)
            people.append(p)
        index = {p.pk: i for i, p in enumerate(people)}
        group = services.group_create(
            organisation=world.org_a,
            name="Propriété",
            kind=kind,
            facilitators=[people[case["lead"]]],
            created_by=world.coordinator,
        )
        for op in case["ops"]:
            before = _state(group, index)
            members, leads = before
            seated = members | leads
            try:
                if op[0] == "add":
                    services.member_add(group=group, person=people[op[1]], by=world.coordinator)
                elif op[0] == "lead":
                    services.group_update(
                        group=group,
                        name=group.name,
                        description="",
                        hard_questions=False,
                        facilitators=[people[i] for i in op[1]],
                        by=world.coordinator,
                    )
                else:
                    member = group.members.filter(person=people[op[1]]).first()
                    if member is None:
                        continue
                    services.member_remove(member=member)
            except ValidationError:
                assert _state(group, index) == before  # nothing half-written
                # An edit that breaks no rule is never refused.
                if op[0] == "add" and op[1] not in seated:
                    assert not allowed and any(_linked(parents, op[1], s) for s in seated)
                if op[0] == "lead" and not set(op[1]) & members:
                    new = set(op[1])
                    assert not allowed and any(
                        _linked(parents, a, b) for a in new for b in members | new
                    )
                continue
            members, leads = _state(group, index)
            everyone = sorted(members | leads)
            if not allowed:
                for a in everyone:
                    for b in everyone:
                        assert not _linked(parents, a, b), (op, a, b, parents)
        transaction.set_rollback(True)
