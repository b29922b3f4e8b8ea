"""The hierarchy is never in the group, whatever the path (issue 13): a coordinator meets the
refusal, in French and naming the pair and the level, when she creates a group, adds a member,
changes a facilitator and confirms a composition she edited by hand; nothing is written."""

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import pick_people, pick_person, sign_in

pytestmark = pytest.mark.e2e


def test_the_coordinator_meets_the_hierarchy_refusal_on_every_path(page: Page, world) -> None:
    from entrepairs.groups import services
    from entrepairs.groups.models import Group
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    # Dora Directrice → Rémi Régional → Marc Manager → Paula Pro, Colin Collegue.
    director = Person.objects.create(
        organisation=world.org_a, first_name="Dora", last_name="Directrice", profession="manager"
    )
    regional = Person.objects.create(
        organisation=world.org_a,
        first_name="Rémi",
        last_name="Régional",
        profession="manager",
        line_manager=director,
    )
    for boss in (director, regional):
        Membership.objects.create(person=boss, organisation=world.org_a, role=Role.FACILITATOR)
    world.manager.line_manager = regional
    world.manager.save()
    others = [
        Person.objects.create(
            organisation=world.org_a,
            first_name=f"Membre{i}",
            last_name="Libre",
            profession=["nurse", "educator", "tutor", "psychologist"][i % 4],
            years_experience=2 + i,
        )
        for i in range(9)
    ]
    supervision = services.group_create(
        organisation=world.org_a,
        name="Supervision Lille",
        kind="supervision",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    services.member_add(group=supervision, person=world.professional, by=world.coordinator)
    led_by_director = services.group_create(
        organisation=world.org_a,
        name="APP de la direction",
        kind="practice_analysis",
        facilitators=[director],
        created_by=world.coordinator,
    )
    groups_before = Group.objects.count()

    sign_in(page, world.coordinator.email, world.password)
    page_check(page)

    # 1. Creating a group led by the director and her N+1.
    page.goto("/groups/new/")
    page_check(page)
    page.fill("#id_name", "Supervision Artois")
    page.select_option("#id_kind", "supervision")
    page.select_option("#id_organisation", str(world.org_a.pk))
    pick_people(page, "#id_facilitators", director.last_name, str(director.pk))
    pick_people(page, "#id_facilitators", regional.last_name, str(regional.pk))
    page.locator("#submit").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#error-summary")).to_contain_text(
        "Dora Directrice a Rémi Régional sous sa responsabilité hiérarchique (N+1)."
    )

    # 2. Adding a member whose N+3 leads the group.
    page.goto(f"/groups/{led_by_director.pk}/members/add/")
    page_check(page)
    pick_person(page, "#id_person", "Paula Pro", str(world.professional.pk))
    page.locator("#submit").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#error-summary")).to_contain_text(
        "Dora Directrice a Paula Pro sous sa responsabilité hiérarchique (N+3)."
    )

    # 3. Naming a member's N+2 facilitator.
    page.goto(f"/groups/{supervision.pk}/edit/")
    page_check(page)
    pick_people(page, "#id_facilitators", regional.last_name, str(regional.pk))
    page.locator("#submit").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#error-summary")).to_contain_text(
        "Rémi Régional a Paula Pro sous sa responsabilité hiérarchique (N+2)."
    )

    # 4. A composition, then a hand edit that seats Marc with Paula: checked, then blocked.
    pool = [world.manager, world.professional, world.colleague, *others]
    page.goto("/groups/compose/")
    page_check(page)
    page.select_option("#id_organisation", str(world.org_a.pk))
    page.select_option("#id_kind", "supervision")
    page.fill("#id_name", "Supervision composée")
    page.uncheck("#id_hard_questions")
    pick_people(page, "#id_facilitators", "Fanny Facilitatrice", str(world.facilitator.pk))
    # Filters and select-all: only the nurses, then everyone again.
    page.select_option("#filter-profession", "nurse")
    page.check("#select-all")
    expect(page.locator("#candidates-count")).to_have_text("3")
    page.uncheck("#select-all")
    page.select_option("#filter-profession", "")
    for person in pool:
        page.check(f"input[name=candidates][value='{person.pk}']")
    page.locator("#propose").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#constraint-report")).to_contain_text(
        "Personne ne siège avec quelqu’un de sa ligne hiérarchique."
    )
    paula_group = page.locator(f"#group_{world.professional.pk}").input_value()
    marc_group = page.locator(f"#group_{world.manager.pk}").input_value()
    assert paula_group != marc_group
    swap = next(p for p in others if page.locator(f"#group_{p.pk}").input_value() == paula_group)
    page.fill(f"#group_{world.manager.pk}", paula_group)
    page.fill(f"#group_{swap.pk}", marc_group)
    page.locator("#check-groups").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#constraint-report")).to_contain_text(
        "Marc Manager a Paula Pro sous sa responsabilité hiérarchique (N+1)."
    )
    page.locator("#confirm-groups").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#error-summary")).to_contain_text(
        "Marc Manager a Paula Pro sous sa responsabilité hiérarchique (N+1)."
    )
    assert Group.objects.count() == groups_before
