"""A coordinator imports staff from a CSV file: a bad row blocks the whole file, nothing is
written, the row's error is shown; once the file is fixed the import goes through."""

import re

import pytest
from playwright.sync_api import FilePayload, Page, expect

from .axe import page_check
from .helpers import sign_in

pytestmark = pytest.mark.e2e

HEADER = "first_name,last_name,email,profession\n"
GOOD = "Nina,Durand,nina.durand@tutelle-nord.test,tutor\n"
BAD = "Omar,Benali,pas-un-email,educator\n"
FIXED = "Omar,Benali,omar.benali@tutelle-nord.test,educator\n"


def upload(page: Page, organisation_pk: str, content: str) -> None:
    if page.locator("select#id_organisation").count():
        page.select_option("#id_organisation", organisation_pk)
    page.set_input_files(
        "#id_file",
        files=FilePayload(name="staff.csv", mimeType="text/csv", buffer=content.encode()),
    )
    page.locator("#preview-button").click()
    expect(page.locator("#import-summary")).to_be_visible()


def test_it_refuses_a_file_with_a_bad_row_then_imports_it_once_fixed(page: Page, world) -> None:
    from entrepairs.people.models import Person

    org = world.org_a
    before = Person.objects.filter(organisation=org).count()
    sign_in(page, world.coordinator.email, world.password)
    expect(page).to_have_url(re.compile(r"/$"))
    page_check(page)
    page.goto("/people/")
    page_check(page)
    page.locator("main a[href='/people/import/']").click()
    expect(page).to_have_url(re.compile(r"/people/import/$"))
    page_check(page)

    upload(page, str(org.pk), HEADER + GOOD + BAD)
    page_check(page)
    bad_rows = page.locator("tr.row-error")
    expect(bad_rows).to_have_count(1)
    expect(bad_rows.first).to_have_attribute("data-line", "3")
    expect(bad_rows.first.locator(".row-errors")).to_contain_text("pas-un-email")
    expect(page.locator("#confirm-import")).to_have_count(0)
    assert Person.objects.filter(organisation=org).count() == before

    upload(page, str(org.pk), HEADER + GOOD + FIXED)
    page_check(page)
    expect(page.locator("tr.row-error")).to_have_count(0)
    page.locator("#confirm-import").click()
    expect(page).to_have_url(re.compile(r"/people/$"))
    page_check(page)

    assert Person.objects.filter(organisation=org).count() == before + 2
    omar = Person.objects.get(organisation=org, email="omar.benali@tutelle-nord.test")
    assert (omar.first_name, omar.last_name, omar.profession) == ("Omar", "Benali", "educator")
    expect(page.locator(f"#people-rows a[href='/people/{omar.pk}/']")).to_be_visible()
