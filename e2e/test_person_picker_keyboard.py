"""The person picker with the keyboard only (issue 14 point 5), in a groups form and on a youth's
file in mentoring: Tab to the field, type part of a name, move through the matches with the
arrow keys (the highlighted one is the input's aria-activedescendant), Escape closes the list,
Enter chooses, Tab and Enter submit. No mouse."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import is_focused, sign_in, tab_to

pytestmark = pytest.mark.e2e


def _search_and_choose(page: Page, field: str, text: str, wanted: str) -> None:
    """Type, walk the list with the arrows until `wanted` is highlighted, then Enter."""
    if not is_focused(page, field):
        tab_to(page, field)
    combobox = page.locator(field)
    combobox.press_sequentially(text, delay=20)
    listbox = page.locator(f"{field}_list")
    options = listbox.locator("[role=option]")
    # The matches of the text typed (not the list the focus opened before typing).
    expect(options.filter(has_text=re.compile(text, re.IGNORECASE)).first).to_be_visible()
    expect(options.filter(has_not_text=re.compile(text, re.IGNORECASE))).to_have_count(0)
    expect(combobox).to_have_attribute("aria-expanded", "true")
    # Escape closes the list and keeps the text; Down opens it again.
    combobox.press("Escape")
    expect(listbox).to_be_hidden()
    expect(combobox).to_have_attribute("aria-expanded", "false")
    combobox.press("ArrowDown")
    expect(listbox).to_be_visible()
    expect(options.first).to_have_attribute("aria-selected", "true")
    for _ in range(options.count()):
        active = combobox.get_attribute("aria-activedescendant") or ""
        if wanted in page.locator(f"#{active}").inner_text():
            break
        combobox.press("ArrowDown")
    chosen = combobox.get_attribute("aria-activedescendant")
    assert chosen and wanted in page.locator(f"#{chosen}").inner_text()
    combobox.press("Enter")
    expect(listbox).to_be_hidden()
    expect(combobox).to_have_value(re.compile(rf"^{re.escape(wanted)}"))
    assert is_focused(page, field)


def test_a_member_is_added_to_a_group_with_the_keyboard_only(page: Page, world) -> None:
    from entrepairs.groups import services
    from entrepairs.groups.models import GroupMember
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    group = services.group_create(
        organisation=world.org_a,
        name="Supervision Lille",
        kind="supervision",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    for first in ("Odile", "Octave"):
        person = Person.objects.create(
            organisation=world.org_a, first_name=first, last_name="Oudart", profession="nurse"
        )
        Membership.objects.create(person=person, organisation=world.org_a, role=Role.PROFESSIONAL)

    sign_in(page, world.facilitator.email, world.password)
    page_check(page)
    page.goto(f"/groups/{group.pk}/members/add/")
    page_check(page)
    _search_and_choose(page, "#id_person", "oudart", "Odile Oudart")
    page_check(page)
    tab_to(page, "#submit")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/groups/{group.pk}/$"))
    page_check(page)
    assert GroupMember.objects.filter(group=group, person__first_name="Odile").exists()


def test_a_youths_case_worker_is_changed_with_the_keyboard_only(page: Page, world) -> None:
    from entrepairs.mentoring import services
    from entrepairs.mentoring.models import Programme, SharingAgreement, Youth
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    programme = Programme.objects.create(
        organisation=world.org_a, name="Parrainage", kind=Programme.Kind.YOUTH
    )
    purposes = {"first_name": "greet"}
    SharingAgreement.objects.create(
        organisation=world.org_a, agency=world.org_b, fields=list(purposes), purposes=purposes
    )
    second = Person.objects.create(
        organisation=world.org_b, first_name="Bastien", last_name="Second", profession="case_worker"
    )
    Membership.objects.create(person=second, organisation=world.org_b, role=Role.CASE_WORKER)
    youth = services.youth_enrol(
        by=SYSTEM,
        programme=programme,
        agency=world.org_b,
        first_name="Lina",
        last_name="Clavier",
        birth_date=date(2012, 4, 4),
        case_worker=world.worker_b,
    )

    sign_in(page, world.worker_b.email, world.password)
    page_check(page)
    page.goto(f"/mentoring/youths/{youth.pk}/")
    page_check(page)
    field = "#id_w-case_worker"
    expect(page.locator(field)).to_have_value(re.compile("^Berthe TravailleuseB"))
    # Clearing the text clears the choice; then a new search.
    tab_to(page, field)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    expect(page.locator(f"{field}_value")).to_have_value("")
    _search_and_choose(page, field, "second", "Bastien Second")
    tab_to(page, "#case-worker-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page_check(page)
    expect(page.locator(field)).to_have_value(re.compile("^Bastien Second"))
    youth = Youth.objects.get(pk=youth.pk)
    assert youth.case_worker_id == second.pk
