"""A staff-initiated closure (issue 14): the case worker's note that is a sanction is refused with
the reader's explanation next to the field; she proposes a proper closure with the youth's view;
she cannot confirm it herself; the programme's coordinator reads the youth's view and confirms."""

import pytest
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import sign_in, sign_out
from .test_mentoring_story import _setup

pytestmark = pytest.mark.e2e


def test_a_staff_closure_needs_the_youths_view_and_a_second_staff_member(page: Page, world) -> None:
    from entrepairs.core.nlp import french
    from entrepairs.mentoring import lifecycle
    from entrepairs.mentoring.models import Match, Mentor, Youth

    french()  # the live server shares this process: load the model before the first click waits
    programme, _org_c, _module = _setup(world)
    mentor = Mentor.objects.get(person__email="omar@m.test")
    youth = Youth.objects.get(person__first_name="Wassim")
    youth.case_worker = world.worker_b
    youth.save(update_fields=["case_worker"])
    match = lifecycle.match_create(
        by=SYSTEM, programme=programme, mentors=[mentor], youths=[youth], mode="individual"
    )
    lifecycle.match_introduce(by=SYSTEM, match=match)
    url = f"/mentoring/matches/{match.pk}/"

    sign_in(page, world.worker_b.email, world.password)
    page_check(page)
    page.goto(url)
    page_check(page)
    page.select_option("#id_c-reason", "youth_wish")
    page.fill("#id_c-conversation_on", "2026-11-20")
    page.fill("#id_c-conversation", "Rencontres suspendues tant qu'il ne retourne pas au collège.")
    page.fill("#id_c-youth_view", "Wassim n'est pas d'accord.")
    page.locator("#close-submit").click()
    page_check(page)
    error = page.locator("#close-form .error-summary")
    expect(error).to_be_visible()
    expect(page.locator("#close-form")).to_contain_text("tant qu")
    page.select_option("#id_c-reason", "mentor_moving")
    page.fill("#id_c-conversation_on", "2026-11-20")
    page.fill("#id_c-conversation", "Omar part vivre à Lyon ; nous l'avons annoncé ensemble.")
    page.fill("#id_c-youth_view", "Wassim est triste mais comprend ; il aimerait un autre mentor.")
    page.locator("#close-submit").click()
    page_check(page)
    expect(page.locator("#pending-closure")).to_be_visible()
    expect(page.locator("#waiting-second")).to_be_visible()
    expect(page.locator("#confirm-close")).to_have_count(0)
    expect(page.locator("#match-status")).to_have_attribute("data-status", "active")
    sign_out(page)
    page_check(page)

    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(url)
    page_check(page)
    expect(page.locator("#youth-view")).to_contain_text("il aimerait un autre mentor")
    page.locator("#confirm-close").click()
    page_check(page)
    expect(page.locator("#match-status")).to_have_attribute("data-status", "ended_early")
    match.refresh_from_db()
    assert match.status == Match.Status.ENDED_EARLY
    assert match.closures.get().decided_by == world.coordinator
