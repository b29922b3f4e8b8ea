"""A coordinator adds a team from the organisation page, then a person in that team."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, submit_button

pytestmark = pytest.mark.e2e


def test_it_lets_a_coordinator_create_a_team_and_a_person_and_find_them(page: Page, world) -> None:
    from entrepairs.organisations.models import Team
    from entrepairs.people.models import Person

    org = world.org_a
    sign_in(page, world.coordinator.email, world.password)
    expect(page).to_have_url(re.compile(r"/$"))
    page_check(page)

    page.locator("nav.mainnav a[href='/organisations/']").click()
    expect(page).to_have_url(re.compile(r"/organisations/$"))
    page_check(page)
    page.locator(f"main a[href='/organisations/{org.pk}/']").first.click()
    expect(page).to_have_url(re.compile(rf"/organisations/{org.pk}/$"))
    page_check(page)

    page.locator(f"a[href='/organisations/{org.pk}/teams/new/']").click()
    expect(page).to_have_url(re.compile(r"/teams/new/$"))
    page_check(page)
    page.fill("#id_name", "Noyau Lille 2")
    page.select_option("#id_kind", Team.Kind.CORE.value)
    page.select_option("#id_parent", label=world.region.name)
    submit_button(page, "#id_name").click()
    expect(page).to_have_url(re.compile(rf"/organisations/{org.pk}/$"))
    page_check(page)
    expect(page.locator("main table")).to_contain_text("Noyau Lille 2")
    team = Team.objects.get(organisation=org, name="Noyau Lille 2")
    assert team.parent == world.region

    page.locator("nav.mainnav a[href='/people/']").click()
    expect(page).to_have_url(re.compile(r"/people/$"))
    page_check(page)
    page.locator("main a[href='/people/new/']").click()
    expect(page).to_have_url(re.compile(r"/people/new/$"))
    page_check(page)
    if page.locator("select#id_organisation").count():
        page.select_option("#id_organisation", str(org.pk))
    page.fill("#id_first_name", "Nina")
    page.fill("#id_last_name", "Durand")
    page.fill("#id_email", "nina.durand@tutelle-nord.test")
    page.select_option("#id_profession", "tutor")
    page.select_option("#id_team", str(team.pk))
    submit_button(page, "#id_first_name").click()
    expect(page).not_to_have_url(re.compile(r"/people/new/$"))
    page_check(page)
    nina = Person.objects.get(organisation=org, email="nina.durand@tutelle-nord.test")
    assert nina.team == team

    page.locator("nav.mainnav a[href='/people/']").click()
    expect(page).to_have_url(re.compile(r"/people/$"))
    page_check(page)
    row = page.locator("#people-rows tbody tr", has=page.locator(f"a[href='/people/{nina.pk}/']"))
    expect(row).to_contain_text("Durand Nina")
    expect(row).to_contain_text("Noyau Lille 2")
