"""The guardian's check-in through the signed one-time link (issue 14 point 4), in a browser, on
a phone-width page (390 px), in French, with no account: the coordinator e-mails the link; an
altered copy of it leads nowhere (404); the real one shows the check-in's questions only, takes the
answers once, and a second visit says plainly, in French, that the link no longer works."""

from datetime import date
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .test_mentoring_story import _setup

pytestmark = pytest.mark.e2e
PHONE = ViewportSize(width=390, height=844)
GUARDIAN_EMAIL = "gerard.famille@exemple.test"


def _fits_the_phone(page: Page) -> None:
    """Nothing wider than the screen: no sideways scrolling on a phone."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width


def _altered(token: str) -> str:
    """The link with one character of its signature changed (a typo, or a forgery)."""
    i = len(token) - 3
    return token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]


def test_a_guardian_without_an_account_answers_once_through_the_e_mailed_link(
    page: Page, world, settings, mailoutbox
) -> None:
    from entrepairs.mentoring import lifecycle, services
    from entrepairs.mentoring.checkin_links import checkin_link_send
    from entrepairs.mentoring.models import CheckIn, Mentor, Youth

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    programme, _org_c, _module = _setup(world)
    mentor = Mentor.objects.get(person__email="omar@m.test")
    youth = services.youth_enrol(
        by=SYSTEM,
        programme=programme,
        agency=world.org_b,
        first_name="Inès",
        last_name="Suivie",
        birth_date=date(2012, 3, 3),
        languages=["fr"],
        interests=["music"],
        case_worker=world.worker_b,
        guardian_first_name="Gérard",
        guardian_last_name="Famille",
        guardian_phone="06 11 22 33 44",
        guardian_email=GUARDIAN_EMAIL,
        placement_kind="foster_family",
        placement="Famille d'accueil à Roubaix",
    )
    for party in ("youth", "guardian"):
        services.consent_record(by=SYSTEM, youth=youth, party=party, given_by="Inès")
    services.readiness_record(
        by=SYSTEM, youth=youth, readiness=Youth.Readiness.READY, note="ok", mode="individual"
    )
    match = lifecycle.match_create(
        by=SYSTEM, programme=programme, mentors=[mentor], youths=[youth], mode="individual"
    )
    lifecycle.match_introduce(by=SYSTEM, match=match)
    checkin = match.checkins.get(party="guardian", done_on__isnull=True)

    # The coordinator e-mails the link; the guardian finds it in the message (which names nobody).
    mailoutbox.clear()
    assert checkin_link_send(checkin=checkin, by=world.coordinator) == 1
    (message,) = mailoutbox
    assert message.to == [GUARDIAN_EMAIL]
    assert "Inès" not in message.body and "Gérard" not in message.body
    url = next(w for w in message.body.split() if "/mentoring/checkin/" in w)
    path = urlparse(url).path
    token = path.rstrip("/").rsplit("/", 1)[1]

    page.set_viewport_size(PHONE)

    # 1. An altered link leads nowhere, and says so in French.
    answer = page.goto(f"/mentoring/checkin/{_altered(token)}/")
    assert answer is not None and answer.status == 404
    page_check(page)
    expect(page.locator("#not-found")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Page introuvable")
    expect(page.locator("#checkin-link-answer")).to_have_count(0)

    # 2. The real link: the check-in's questions only, in French, on a phone.
    answer = page.goto(path)
    assert answer is not None and answer.status == 200
    page_check(page)
    expect(page.locator("h1")).to_have_text("Votre point de suivi du mentorat")
    expect(page.locator("main")).not_to_contain_text("Inès")
    expect(page.locator("main")).not_to_contain_text("Omar")
    expect(page.locator("#id_told_by")).to_have_count(0)
    _fits_the_phone(page)
    page.select_option("#id_rating", "4")
    page.select_option("#id_meets_regularly", "true")
    page.fill("#id_note", "Les rencontres se passent bien, Inès en parle à la maison.")
    submit = page.get_by_role("button", name="Envoyer mes réponses")
    submit.scroll_into_view_if_needed()
    expect(submit).to_be_in_viewport()
    submit.click()
    expect(page.locator("#checkin-received")).to_contain_text(
        "Vos réponses sont enregistrées. Ce lien ne fonctionne plus."
    )
    page_check(page)
    _fits_the_phone(page)
    checkin.refresh_from_db()
    assert (checkin.rating, checkin.meets_regularly) == (4, True)
    assert checkin.recorded_via == CheckIn.Via.LINK and checkin.recorded_by is None

    # 3. The same link a second time: a clear French message, no form, nothing changed.
    answer = page.goto(path)
    assert answer is not None and answer.status == 410
    page_check(page)
    expect(page.locator("#checkin-link-closed")).to_contain_text(
        "Ce point de suivi est déjà enregistré : ce lien ne fonctionne plus. Merci !"
    )
    expect(page.locator("#checkin-link-answer")).to_have_count(0)
    _fits_the_phone(page)
    checkin.refresh_from_db()
    assert checkin.rating == 4
