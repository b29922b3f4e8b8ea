"""Coaching: the coordinator ends an active pairing with a reason and a note kept among the
coordinators; the page asks first (going back changes nothing); then the new tutor, told by a
notification, gives a rating and a comment, which the coordinator reads."""

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_the_coordinator_ends_a_pairing_after_confirming_and_the_tutor_gives_feedback(
    page: Page, world
) -> None:
    from entrepairs.coaching import services
    from entrepairs.coaching.models import CoachPairing

    offer = services.offer_save(by=world.professional, capacity=1, profession="tutor")
    asked = services.coach_ask(by=world.colleague)
    pairing = services.pairing_propose(request=asked, offer=offer, by=world.coordinator)
    for who in (world.professional, world.colleague):
        services.pairing_confirm(pairing=pairing, by=who)
    url = f"/coaching/pairings/{pairing.pk}/"

    # The coordinator chooses a reason, writes a note and is asked first: going back ends nothing.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(url)
    page_check(page)
    page.locator("#id_reason").select_option("other")
    page.locator("#id_note").fill("Paula change de service en janvier.")
    page.locator("#end-button").click()
    page_check(page)
    expect(page.locator("#confirm-question")).to_contain_text("Mettre fin à ce binôme")
    page.locator("#confirm-back").click()
    page_check(page)
    expect(page.locator("#pairing-state")).to_contain_text("Actif")
    assert CoachPairing.objects.get(pk=pairing.pk).state == "active"

    # Asked again, the coordinator confirms: the pairing is ended.
    page.locator("#id_reason").select_option("other")
    page.locator("#id_note").fill("Paula change de service en janvier.")
    page.locator("#end-button").click()
    page_check(page)
    page.locator("#confirm-action").click()
    page_check(page)
    expect(page.locator("#pairing-state")).to_contain_text("Terminé")
    expect(page.locator("#end-reason")).to_contain_text("Une autre raison")
    expect(page.locator("#end-note")).to_contain_text("change de service")
    sign_out(page)
    page_check(page)

    # Colin, told, reads the reason (not the note) and gives his feedback.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.goto(url)
    page_check(page)
    expect(page.locator("#end-reason")).to_contain_text("Une autre raison")
    expect(page.locator("#end-note")).to_have_count(0)
    page.locator("#feedback-form input[name=rating][value='5']").check()
    page.locator("#id_comment").fill("Des conseils précieux pour les visites.")
    page.locator("#feedback-button").click()
    page_check(page)
    expect(page.locator("#tutor-feedback")).to_contain_text("5 sur 5")
    expect(page.locator("#feedback-form")).to_have_count(0)
    sign_out(page)
    page_check(page)

    # The coordinator reads it: the programme's quality signal.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(url)
    page_check(page)
    expect(page.locator("#tutor-feedback")).to_contain_text("Des conseils précieux")
    stored = CoachPairing.objects.get(pk=pairing.pk)
    assert (stored.state, stored.tutor_rating) == ("ended", 5)
