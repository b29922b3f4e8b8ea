"""The other groups pages pass axe-core and work: a coordinator's dashboard, composition, settings
and contracts; a line manager's staff page and calendar feed; announcements and unsubscribing."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import pick_people, sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_it_serves_the_coordinator_manager_and_subscriber_pages(page: Page, world) -> None:
    from entrepairs.contracts import services as contracts
    from entrepairs.contracts.models import Contract, PriceGrid
    from entrepairs.groups import services
    from entrepairs.groups.models import Session
    from entrepairs.mailing import services as mailing
    from entrepairs.mailing.models import Subscription
    from entrepairs.people.models import Person

    people = [world.professional, world.colleague] + [
        Person.objects.create(
            organisation=world.org_a,
            first_name=f"Membre{i}",
            last_name="Test",
            profession=["nurse", "educator", "tutor", "psychologist"][i],
            years_experience=3 * i,
        )
        for i in range(4)
    ]
    group = services.group_create(
        organisation=world.org_a,
        name="APP Lille",
        kind="practice_analysis",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
    )
    members = [services.member_add(group=group, person=p, by=world.facilitator) for p in people]
    start = timezone.now() - timedelta(days=3)
    held = Session.objects.create(
        group=group, starts_at=start, ends_at=start + timedelta(hours=3), is_founding=True, room="A"
    )
    Session.objects.create(
        group=group,
        number=2,
        starts_at=start + timedelta(days=30),
        ends_at=start + timedelta(days=30, hours=3),
        room="A",
    )
    services.attendance_record(
        session=held, marks={m.pk: "present" for m in members}, by=world.facilitator
    )
    # A quote names the provider's SIRET (contracts.identity).
    world.org_a.siret = "12345678200010"
    world.org_a.save(update_fields=["siret"])
    grid = contracts.price_grid_save(
        grid=PriceGrid(
            provider=world.org_a,
            name="Grille",
            beneficiary_bands=[{"from": 1, "to": None, "hourly_rate": "90"}],
            rhythm_bands=[{"from": 1, "to": None, "discount_percent": "0"}],
        ),
        by=SYSTEM,
    )
    contract = contracts.contract_save(
        contract=Contract(
            provider=world.org_a,
            provider_person=world.facilitator,  # the facilitator keeps the contracts naming them
            client=world.org_a,
            group=group,
            price_grid=grid,
            session_hours=Decimal("3"),
            sessions_per_year=10,
            beneficiaries=6,
        ),
        by=SYSTEM,
    )

    # The coordinator: dashboard charts, composition, settings.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto("/groups/dashboard/")
    page_check(page)
    expect(page.locator("main figure.bar-chart")).to_have_count(3)
    page.goto("/groups/compose/")
    page_check(page)
    page.select_option("#id_organisation", str(world.org_a.pk))
    page.select_option("#id_kind", "supervision")
    page.fill("#id_name", "Supervision")
    page.uncheck("#id_hard_questions")
    pick_people(page, "#id_facilitators", "Fanny Facilitatrice", str(world.facilitator.pk))
    for person in people:
        page.check(f"input[name=candidates][value='{person.pk}']")
    page.locator("#propose").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#proposed-1")).to_be_visible()
    page.goto(f"/groups/settings/{world.org_a.pk}/")
    page_check(page)
    sign_out(page)
    page_check(page)

    # The line manager: staff attendance and a calendar feed for their staff's sessions.
    sign_in(page, world.manager.email, world.password)
    page_check(page)
    page.goto("/groups/staff/")
    page_check(page)
    expect(page.locator("#staff-rows")).to_contain_text("Paula Pro")
    page.goto("/groups/calendar/")
    page_check(page)
    page.locator("#new-manager-feed").click()
    page.wait_for_load_state("load")
    page_check(page)
    url = page.locator("#feed-url").input_value()
    assert "/groups/ics/" in url
    sign_out(page)
    page_check(page)

    # The facilitator: contract pages, an announcement; Paula subscribes, then unsubscribes.
    sign_in(page, world.facilitator.email, world.password)
    page_check(page)
    page.goto("/groups/contracts/")
    page_check(page)
    page.goto(f"/groups/contracts/{contract.pk}/")
    page_check(page)
    page.locator("#sign-contract").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#progress")).to_contain_text("1")
    page.goto("/groups/announcements/new/")
    page_check(page)
    page.select_option("#id_provider", str(world.org_a.pk))
    page.fill("#id_title", "Atelier ouvert")
    page.fill("#id_body", "Une demi-journée d'échanges.")
    page.check("#id_publish")
    page.locator("#submit").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page).to_have_url(re.compile(r"/groups/announcements/$"))
    sign_out(page)
    page_check(page)
    sub = mailing.subscribe(provider=world.org_a, email=world.professional.email)
    page.goto(f"/groups/unsubscribe/{sub.token}/")
    page_check(page)
    page.locator("#unsubscribe").click()
    page.wait_for_load_state("load")
    page_check(page)
    expect(page.locator("#unsubscribed")).to_be_visible()
    assert Subscription.objects.get(pk=sub.pk).unsubscribed_at is not None
