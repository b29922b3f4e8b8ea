"""The hierarchy is never in the group (issue 13 point 1): the chain function, the refusal it words,
the kind that allows it, the breaches a coordinator is shown, what a member sees before accepting
the charter, and the demo data."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person

from .. import hierarchy, services


def _chain(world: Any, depth: int, *, first: str = "N") -> list[Person]:
    """people[0] at the top, each next one managed by the previous."""
    people: list[Person] = []
    for level in range(depth):
        people.append(
            Person.objects.create(
                organisation=world.org_a,
                first_name=f"{first}{level}",
                last_name="Chaine",
                profession="educator",
                line_manager=people[-1] if people else None,
            )
        )
    return people


def test_it_finds_a_direct_and_an_indirect_link_whichever_comes_first(world) -> None:
    top, middle, bottom = _chain(world, 3)
    direct = hierarchy.find_link(middle.pk, bottom.pk)
    assert direct is not None
    assert (direct.superior, direct.subordinate, direct.level) == (middle.pk, bottom.pk, 1)
    indirect = hierarchy.find_link(bottom.pk, top.pk)
    assert indirect is not None
    assert (indirect.superior, indirect.subordinate, indirect.level) == (top.pk, bottom.pk, 2)
    assert indirect.sentence == "N0 Chaine is the line manager (N+2) of N2 Chaine."


def test_it_finds_no_link_between_colleagues_or_cousins(world) -> None:
    top, left = _chain(world, 2)
    right = Person.objects.create(organisation=world.org_a, first_name="R", line_manager=top)
    assert hierarchy.find_link(left.pk, right.pk) is None
    assert hierarchy.find_link(left.pk, left.pk) is None
    assert hierarchy.find_link(world.professional.pk, world.colleague.pk) is None


def test_it_stops_at_a_cycle_in_bad_data(world) -> None:
    a, b, c = _chain(world, 3)
    Person.objects.filter(pk=a.pk).update(line_manager=c)  # bypasses clean(): an old import
    link = hierarchy.find_link(a.pk, c.pk)
    assert link is not None and {link.superior, link.subordinate} == {a.pk, c.pk}
    levels = hierarchy.chain_levels(c.pk, hierarchy.load_managers({c.pk}))
    assert levels == {b.pk: 1, a.pk: 2}


def test_it_loads_chains_in_one_query_per_level_whatever_the_number_of_people(world) -> None:
    chains = [_chain(world, 5, first=f"C{k}-") for k in range(6)]
    bottoms = {c[-1].pk for c in chains}
    with CaptureQueriesContext(connection) as ctx:
        managers = hierarchy.load_managers(bottoms)
    assert len(ctx.captured_queries) == 5
    assert len(managers) == 30


def test_it_words_the_refusal_in_french_with_both_names_and_the_level(world) -> None:
    karim = Person.objects.create(
        organisation=world.org_a, first_name="Karim", last_name="Benali", profession="manager"
    )
    world.manager.line_manager = karim
    world.manager.save()
    Membership.objects.create(person=karim, organisation=world.org_a, role=Role.FACILITATOR)
    group = services.group_create(
        organisation=world.org_a,
        name="Supervision",
        kind="supervision",
        facilitators=[karim],
        created_by=world.coordinator,
    )
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        services.member_add(group=group, person=world.professional, by=world.coordinator)
    message = refused.value.message_dict["person"][0]
    assert message.startswith(
        "Karim Benali a Paula Pro sous sa responsabilité hiérarchique (N+2)."
    ), message
    assert not group.members.exists()


def test_it_lets_team_regulation_seat_the_team_with_its_manager(world) -> None:
    """Declared on the kind (hierarchy.KINDS_ALLOWING_HIERARCHY) and shown on the charter."""
    group = services.group_create(
        organisation=world.org_a,
        name="Régulation Noyau Lille",
        kind="team_regulation",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    services.member_add(group=group, person=world.manager, by=world.coordinator)
    services.member_add(group=group, person=world.professional, by=world.coordinator)
    assert group.members.count() == 2
    with override_settings(GROUP_KINDS_ALLOWING_HIERARCHY=[]), pytest.raises(ValidationError):
        services.member_add(group=group, person=world.colleague, by=world.coordinator)


def test_it_shows_the_roster_and_the_kind_rule_before_the_charter_is_accepted(
    gw, client_for
) -> None:
    page = client_for(gw.w.professional).get(f"/groups/{gw.group.pk}/charter/").content.decode()
    assert 'id="accept-charter"' in page
    assert "<td>Fanny Facilitatrice</td><td>Facilitator</td>" in page
    assert "<td>Colin Collegue</td><td>Member</td>" in page
    assert 'id="hierarchy-never"' in page and 'id="hierarchy-allowed"' not in page
    regulation = services.group_create(
        organisation=gw.w.org_a,
        name="Régulation",
        kind="team_regulation",
        facilitators=[gw.w.facilitator],
        created_by=gw.w.coordinator,
    )
    services.member_add(group=regulation, person=gw.w.professional, by=gw.w.coordinator)
    with translation.override("fr"):
        page = client_for(gw.w.professional).get(f"/groups/{regulation.pk}/charter/")
    assert 'id="hierarchy-allowed"' in page.content.decode()


def test_the_api_charter_shows_the_same_roster_and_kind_rule(gw, api_for) -> None:
    """An API client accepting the charter sees what the page shows first (outside test: the API
    gave the rules only)."""
    api = api_for(gw.w.professional)
    charter = api.get(f"/api/v1/groups/{gw.group.pk}/charter/").json()
    assert charter["allows_hierarchy"] is False
    roles = {row["name"]: row["role"] for row in charter["roster"]}
    assert roles["Fanny Facilitatrice"] == "facilitator"
    assert roles["Colin Collegue"] == "member"
    regulation = services.group_create(
        organisation=gw.w.org_a,
        name="Régulation",
        kind="team_regulation",
        facilitators=[gw.w.facilitator],
        created_by=gw.w.coordinator,
    )
    services.member_add(group=regulation, person=gw.w.professional, by=gw.w.coordinator)
    other = api.get(f"/api/v1/groups/{regulation.pk}/charter/").json()
    assert other["allows_hierarchy"] is True


def test_it_lists_groups_where_the_hierarchy_sits_today_with_the_fix(gw, client_for) -> None:
    """Alice Arnaud's manager joins the group, then a new line manager is recorded (data that
    changed after the group was formed): the coordinator sees the pair and how to fix it."""
    services.member_add(group=gw.group, person=gw.outsider, by=gw.w.facilitator)
    assert not hierarchy.breaches([gw.group])
    Person.objects.filter(pk=gw.others[1].pk).update(line_manager=gw.outsider)
    Person.objects.filter(pk=gw.w.facilitator.pk).update(line_manager=gw.others[2])
    found = hierarchy.breaches([gw.group])
    sentences = {(b.link.sentence, b.fix) for b in found}
    assert (
        "Odile Outsider is the line manager (N+1) of Bob Bernard.",
        "Move Odile Outsider or Bob Bernard to another group.",
    ) in sentences
    assert (
        "Chloe Caron is the line manager (N+1) of Fanny Facilitatrice.",
        "Move Chloe Caron to another group, or name another facilitator in place of "
        "Fanny Facilitatrice.",
    ) in sentences
    page = client_for(gw.w.coordinator).get("/groups/dashboard/").content.decode()
    assert 'id="hierarchy-breaches"' in page and "Odile Outsider" in page
    # Nobody else is told: a professional's dashboard has no such list.
    other = client_for(gw.w.professional).get("/groups/dashboard/").content.decode()
    assert "hierarchy-breaches" not in other


def test_the_demo_groups_never_seat_the_hierarchy(db) -> None:
    from entrepairs.demo.tests.replay import load_small

    from ..models import Group

    load_small()
    groups = Group.objects.prefetch_related("facilitators", "members")
    assert groups.count() >= 3
    assert hierarchy.breaches(groups) == []
