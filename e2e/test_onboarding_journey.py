"""The whole onboarding story: a coordinator builds a template, starts a journey before the tutor
is named, names the tutor, ticks the kit, completes the day-one checklist, records a competency
observation and a shadowing session; the newcomer writes their part of the closing review; the
coordinator closes the journey with the review and process feedback and downloads the booklet."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import pick_person, sign_in, sign_out

pytestmark = pytest.mark.e2e


def go(page: Page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state("load")
    page_check(page)


def test_it_runs_a_whole_onboarding_journey_in_the_browser(page: Page, world) -> None:
    from entrepairs.accounts.models import User
    from entrepairs.onboarding.models import Journey, OrgContact, TutorProfile
    from entrepairs.people.models import Person

    TutorProfile.objects.create(person=world.professional, trained=True, allocated_hours=4)
    OrgContact.objects.create(organisation=world.org_a, role="it", person=world.colleague)
    user = User.objects.create_user("nina.nouvelle@tutelle-nord.test", world.password)
    nina = Person.objects.create(
        organisation=world.org_a,
        first_name="Nina",
        last_name="Nouvelle",
        user=user,
        email=user.email,
        line_manager=world.manager,
        team=world.core,
    )
    today = timezone.localdate()

    # 1. The coordinator builds and publishes a template.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    go(page, "nav.mainnav a[href='/onboarding/']")
    go(page, "main a[href='/onboarding/templates/']")
    page.fill("#id_function", "Night watch")
    page.select_option("#id_tutoring_type", "integration")
    go(page, "#create-template")
    expect(page.locator("#version-state")).to_be_visible()
    tasks = [
        ("prepare", "Order the uniform", "it", "-7", "-1", ""),
        ("welcome", "Walk through the building", "tutor", "0", "0", "places"),
        ("accompany", "First night in tandem", "tutor", "1", "7", ""),
    ]
    for phase, title, owner, start, due, topic in tasks:
        page.select_option("#id_task-phase", phase)
        page.fill("#id_task-title", title)
        page.select_option("#id_task-owner_role", owner)
        page.fill("#id_task-start_day", start)
        page.fill("#id_task-due_day", due)
        page.select_option("#id_task-topic", topic)
        go(page, "#add-task")
    # A task due before it can start is refused, with the error next to the field.
    page.fill("#id_task-title", "Impossible")
    page.fill("#id_task-start_day", "5")
    page.fill("#id_task-due_day", "2")
    go(page, "#add-task")
    expect(page.locator("#id_task-due_day_error")).to_be_visible()
    page.select_option("#id_kit-kind", "keys")
    page.fill("#id_kit-label", "Night keys")
    page.select_option("#id_kit-provider_role", "it")
    go(page, "#add-kit")
    page.select_option("#id_comp-kind", "know_how")
    page.fill("#id_comp-name", "Night rounds")
    go(page, "#add-competency")
    go(page, "#publish")
    expect(page.locator("#version-state")).to_have_text(re.compile(".+"))
    assert page.locator("#new-draft").count() == 1

    # 2. A journey starts before the tutor is named: a warning and a task to name one.
    page.goto("/onboarding/journeys/new/")
    page_check(page)
    page.select_option("#id_template", label="Night watch")
    # Person fields are searchable pickers, used with the keyboard only (issue 14 point 5).
    pick_person(page, "#id_newcomer", "nouv", str(nina.pk))
    page.fill("#id_start_date", (today - datetime.timedelta(days=1)).isoformat())
    go(page, "#start")
    journey = Journey.objects.get(newcomer=nina)
    expect(page).to_have_url(re.compile(rf"/onboarding/journeys/{journey.pk}/$"))
    expect(page.locator("#warning-1")).to_be_visible()

    # 3. The tutor is named: the warning goes.
    go(page, "#name-tutor")
    pick_person(page, "#id_tutor", "paula pro", str(world.professional.pk))
    go(page, "#save-tutor")
    expect(page.locator("#warning-1")).to_have_count(0)
    expect(page.locator("#journey-tutor")).to_contain_text("Paula Pro")

    # 4. The kit is ticked and the day-one checklist completed.
    go(page, "#kit-table .kit-toggle")
    assert journey.kit_checks.get().is_ready
    go(page, "#welcome button[name=toggle]")
    assert journey.tasks.get(title="Walk through the building").is_done

    # 5. A competency observation and a job shadowing session.
    page.select_option("#id_obs-competency", label="Night rounds")
    page.select_option("#id_obs-level", "2")
    page.fill("#id_obs-observed_on", today.isoformat())
    page.fill("#id_obs-note", "Careful on the first rounds")
    go(page, "#add-observation")
    expect(page.locator("#grid-table")).to_contain_text("2")
    pick_person(page, "#id_shadow-colleague", "colin", str(world.colleague.pk))
    page.fill("#id_shadow-date", today.isoformat())
    page.fill("#id_shadow-topic", "Night round with Colin")
    go(page, "#add-shadowing")
    expect(page.locator("#shadowing-list")).to_contain_text("Night round with Colin")

    # 6. Closing is refused while mandatory tasks are open; they are done, the review written.
    go(page, "#close-journey")
    go(page, "#confirm-action")  # it asks first (issue 15 §9)
    # The reasons are next to the button, on screen and focused (issue 14 point 5).
    expect(page.locator("#close-errors")).to_be_in_viewport()
    while page.locator("main form:has(input[name=done][value='1']) button[name=toggle]").count():
        go(page, "main form:has(input[name=done][value='1']) button[name=toggle]")
    go(page, "#edit-review")
    page.fill("#id_autonomy_on", today.isoformat())
    page.fill("#id_progression", "Autonomous on night rounds")
    page.fill("#id_improvement_points", "Incident reports")
    page.fill("#id_meta_meeting_on", today.isoformat())
    page.fill("#id_tutor_process_feedback", "The tandem nights worked well")
    go(page, "#save-review")
    expect(page).to_have_url(re.compile(rf"/onboarding/journeys/{journey.pk}/#close$"))
    sign_out(page)
    page_check(page)

    # 7. The newcomer writes their part and downloads the booklet.
    sign_in(page, nina.email, world.password)
    page_check(page)
    page.goto("/onboarding/me/")
    page_check(page)
    expect(page.locator("#who-to-ask")).to_contain_text("Paula Pro")
    with page.expect_download() as download:
        page.locator("#my-booklet").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(f"/onboarding/journeys/{journey.pk}/review/")
    page_check(page)
    page.fill("#id_self_reflection", "I want to become a tutor one day")
    page.fill("#id_newcomer_process_feedback", "More time with the night team")
    go(page, "#save-review")
    sign_out(page)
    page_check(page)

    # 8. The coordinator closes the journey and reads the process feedback.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/onboarding/journeys/{journey.pk}/")
    page_check(page)
    go(page, "#close-journey")
    go(page, "#confirm-action")  # it asks first (issue 15 §9)
    journey.refresh_from_db()
    assert journey.status == "closed"
    with page.expect_download() as download:
        page.locator("#booklet").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    page.goto("/onboarding/reviews/")
    page_check(page)
    expect(page.locator("main")).to_contain_text("More time with the night team")
    page.goto(f"/onboarding/people/{nina.pk}/competencies/")
    page_check(page)
    expect(page.locator("main")).to_contain_text("Careful on the first rounds")
