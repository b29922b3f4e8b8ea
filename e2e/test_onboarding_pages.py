"""Every onboarding page passes axe-core with real data: the coordinator's dashboard with its chart,
tutors and contacts, journeys, frames; an IT colleague's task list; a manager's newcomers."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_it_shows_accessible_dashboards_lists_and_task_pages(page: Page, world) -> None:
    from entrepairs.onboarding import services, templating
    from entrepairs.onboarding.models import OrgContact, TutorProfile
    from entrepairs.onboarding.tests.conftest import build_template
    from entrepairs.people.models import Person

    template = build_template(world.org_a)
    version = template.latest_published()
    TutorProfile.objects.create(person=world.professional, trained=True, allocated_hours=4)
    OrgContact.objects.create(organisation=world.org_a, role="it", person=world.colleague)
    today = timezone.localdate()
    # A member of staff (a youth is served by the organisation: never a newcomer).
    earlier = Person.objects.create(
        organisation=world.org_a, first_name="Nina", last_name="Nouvelle", profession="educator"
    )
    closed = services.journey_start(
        version=version,
        newcomer=earlier,
        start_date=today - datetime.timedelta(days=40),
        coordinator=world.coordinator,
        tutor=world.professional,
    ).journey
    for task in closed.tasks.filter(mandatory=True):
        services.task_set_done(task=task, done=True, by=world.coordinator)
    services.closing_review_save(
        journey=closed,
        by=world.coordinator,
        values={"autonomy_on": today - datetime.timedelta(days=5), "progression": "ok"},
    )
    services.journey_close(journey=closed, by=world.coordinator)
    running = services.journey_start(
        version=version,
        newcomer=world.facilitator,
        start_date=today - datetime.timedelta(days=2),
        coordinator=world.coordinator,
        tutor=world.professional,
        confirm=True,
    ).journey
    world.facilitator.line_manager = world.manager
    world.facilitator.save()
    draft = templating.template_draft(template=template, by=world.coordinator)

    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    for url in (
        "/onboarding/",
        "/onboarding/setup/",
        "/onboarding/journeys/",
        "/onboarding/journeys/?status=closed",
        f"/onboarding/versions/{draft.pk}/frames/",
        f"/onboarding/templates/{template.pk}/?v=2",
        f"/onboarding/journeys/{running.pk}/",
    ):
        page.goto(url)
        page_check(page)
    page.goto("/onboarding/")
    page_check(page)
    expect(page.locator("#autonomy-chart")).to_be_visible()
    expect(page.locator("#kits-not-ready")).to_contain_text(str(world.facilitator))
    sign_out(page)
    page_check(page)

    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.goto("/onboarding/tasks/")
    page_check(page)
    expect(page.locator("#my-tasks")).to_contain_text("Prepare the computer and accounts")
    sign_out(page)
    page_check(page)

    sign_in(page, world.manager.email, world.password)
    page_check(page)
    page.goto("/onboarding/")
    page_check(page)
    expect(page.locator("#my-newcomers")).to_contain_text(str(world.facilitator))
