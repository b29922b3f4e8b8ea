"""A coordinator imports a file above the inline threshold: it is written by the worker, and the
import's page shows the outcome and leads back to the people list."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in
from .test_import_people import upload

pytestmark = pytest.mark.e2e

FILE = (
    "first_name,last_name,email,profession\n"
    "Nina,Durand,nina.durand@tutelle-nord.test,tutor\n"
    "Omar,Benali,omar.benali@tutelle-nord.test,educator\n"
    "Lea,Petit,lea.petit@tutelle-nord.test,nurse\n"
)


def test_it_imports_a_large_file_in_the_background(page: Page, world, settings) -> None:
    from entrepairs.people.models import Person

    settings.IMPORT_INLINE_ROWS = 2  # three rows count as a large file
    # The worker runs each task as soon as it is queued.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    sign_in(page, world.coordinator.email, world.password)
    expect(page).to_have_url(re.compile(r"/$"))
    page_check(page)
    page.goto("/people/import/")
    page_check(page)

    upload(page, str(world.org_a.pk), FILE)
    expect(page.locator("#import-background")).to_be_visible()
    page_check(page)
    page.locator("#confirm-import").click()

    expect(page).to_have_url(re.compile(r"/people/import/[0-9a-f-]{36}/$"))
    expect(page.locator("#run-status")).to_have_attribute("data-status", "done")
    expect(page.locator("#run-summary")).to_contain_text("3")
    page_check(page)
    assert Person.objects.filter(email="lea.petit@tutelle-nord.test").exists()

    page.locator("#run-status a[href='/people/']").click()
    expect(page).to_have_url(re.compile(r"/people/$"))
    page_check(page)
    lea = Person.objects.get(email="lea.petit@tutelle-nord.test")
    expect(page.locator(f"#people-rows a[href='/people/{lea.pk}/']")).to_be_visible()


def test_the_import_page_follows_the_worker_until_the_import_ends(
    page: Page, world, settings
) -> None:
    from entrepairs.people import tasks
    from entrepairs.people.models import ImportRun

    settings.IMPORT_INLINE_ROWS = 2
    # Tasks are queued and left alone: this test plays the worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    sign_in(page, world.coordinator.email, world.password)
    expect(page).to_have_url(re.compile(r"/$"))
    page_check(page)
    page.goto("/people/import/")
    page_check(page)
    upload(page, str(world.org_a.pk), FILE)
    page_check(page)
    page.locator("#confirm-import").click()
    expect(page.locator("#run-status")).to_have_attribute("data-status", "queued")
    page_check(page)

    tasks.run_import.call(str(ImportRun.objects.get().pk))
    expect(page.locator("#run-status")).to_have_attribute("data-status", "done")
    expect(page.locator("#run-summary")).to_be_visible()
    page_check(page)
