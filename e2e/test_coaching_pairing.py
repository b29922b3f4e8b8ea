"""Coaching: a new tutor asks for a coach, the coordinator proposes an experienced tutor with the
person picker (the page says why this pair), both confirm, and the new tutor logs their first
meeting."""

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import pick_person, sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_it_pairs_a_new_tutor_with_a_coach_and_logs_a_meeting(page: Page, world) -> None:
    from entrepairs.coaching import services
    from entrepairs.coaching.models import CoachingMeeting, CoachPairing

    services.offer_save(by=world.professional, capacity=1, profession="tutor", languages=["fr"])

    # Colin, a new tutor, asks for a coach.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.goto("/coaching/")
    page_check(page)
    page.locator("#ask-button").click()
    page_check(page)
    expect(page.locator("#my-request")).to_contain_text("Vous avez demandé un·e coach")
    sign_out(page)
    page_check(page)

    # The coordinator proposes Paula with the person picker.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto("/coaching/")
    page_check(page)
    page.locator("#waiting a", has_text="Proposer un·e coach").click()
    page_check(page)
    pick_person(page, "#id_coach", "Paula", str(world.professional.pk))
    page.locator("#propose-form button[type=submit]").click()
    page_check(page)
    expect(page.locator("#reasons")).to_contain_text("Points forts")
    sign_out(page)
    page_check(page)

    pairing = CoachPairing.objects.get()
    # Paula confirms, then Colin, who logs their first meeting.
    for who in (world.professional, world.colleague):
        sign_in(page, who.email, world.password)
        page_check(page)
        page.goto(f"/coaching/pairings/{pairing.pk}/")
        page_check(page)
        page.locator("#confirm-button").click()
        page_check(page)
        if who == world.colleague:
            break
        sign_out(page)
        page_check(page)
    expect(page.locator("#pairing-state")).to_contain_text("Actif")
    page.locator("#id_note").fill("Premier point : les visites à domicile.")
    page.locator("#meeting-form button[type=submit]").click()
    page_check(page)
    expect(page.locator("#meetings")).to_contain_text("Premier point")
    assert CoachingMeeting.objects.filter(pairing=pairing).count() == 1
