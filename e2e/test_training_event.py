"""The first training of new tutors is an event where they meet experienced tutors (issue 16
point 6): the coordinator invites an experienced tutor, a new tutor registers to the event, the
coordinator records the attendance once it is over, and the new tutor finds the training
completed in « Mes formations »."""

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_a_new_tutor_completes_the_first_training_by_attending_its_event(page: Page, world) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from entrepairs.coaching import services as coaching_services
    from entrepairs.core.services import SYSTEM
    from entrepairs.events import services, training_events
    from entrepairs.events.models import Event
    from entrepairs.training import services as training_services
    from entrepairs.training.models import TrainingModule, TrainingSession

    module = training_services.module_save(
        module=TrainingModule(
            organisation=world.org_a,
            name="Premiers pas du tuteur",
            audience=TrainingModule.Audience.STAFF,
            requires_session=True,
        ),
        staff_roles=["professional"],
        by=SYSTEM,
    )
    start = timezone.now() + timedelta(days=10)
    event = services.event_create(
        by=SYSTEM,
        organisation=world.org_a,
        kind="training",
        title="Première formation des nouveaux tuteurs",
        place="Lille, maison des associations",
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        capacity=10,
        experienced_seats=2,
    )
    session = training_services.session_schedule(
        module=module, held_on=timezone.localtime(start).date(), capacity=10, by=SYSTEM
    )
    training_events.training_session_link(event=event, session=session, by=SYSTEM)
    coaching_services.offer_save(by=world.professional, capacity=2, profession="tutor")

    # The coordinator invites Paula, an experienced tutor (a coach), to meet the new tutors.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/events/{event.pk}/")
    page_check(page)
    expect(page.locator("#training-session")).to_contain_text("Premiers pas du tuteur")
    page.select_option("#id_experienced", label=str(world.professional))
    page.locator("#invite-experienced-form button[type=submit]").click()
    page_check(page)
    expect(page.locator("#experienced-list")).to_contain_text(str(world.professional))
    sign_out(page)
    page_check(page)

    # Colin, a new tutor, registers to the event: it enrols him in the session.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.goto(f"/events/{event.pk}/")
    page_check(page)
    page.locator("#register-button").click()
    page_check(page)
    expect(page.locator("#my-registration")).to_contain_text("Vous êtes inscrit")
    sign_out(page)
    page_check(page)

    # The day goes by (the event and its session move to the past together).
    shift = timedelta(days=11)
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - shift, ends_at=event.ends_at - shift
    )
    TrainingSession.objects.filter(pk=session.pk).update(held_on=session.held_on - shift)

    # The coordinator records who attended, on the event's page.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/events/{event.pk}/attendance/")
    page_check(page)
    expect(page.locator("#attendance-form")).to_contain_text(str(world.colleague))
    page.locator("#attendance-form button[type=submit]").click()
    page_check(page)
    sign_out(page)
    page_check(page)

    # Colin finds the training completed in « Mes formations », with its certificate.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.goto("/training/mine/")
    page_check(page)
    expect(page.locator("#my-completions")).to_contain_text("Premiers pas du tuteur")
    expect(page.locator(f"#my-requirements li[data-module='{module.pk}']")).to_have_attribute(
        "data-state", "ok"
    )
