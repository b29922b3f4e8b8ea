"""A foster-family change seen by the mentor (issue 14 point 3). The youth's case worker records
the move to a new foster family on the youth's page; the history shows both families with their
dates; the mentor, signing in next, sees the new family's name and phone on the match page (the
agreement shares them) and never the previous family's phone."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import sign_in, sign_out
from .test_mentoring_story import _setup

pytestmark = pytest.mark.e2e
OLD_PHONE = "06 11 22 33 44"
NEW_PHONE = "06 55 66 77 88"


def test_a_foster_family_change_is_seen_by_the_mentor(page: Page, world) -> None:
    from entrepairs.mentoring import lifecycle, services
    from entrepairs.mentoring.models import Mentor, SharingAgreement, Youth
    from entrepairs.people.models import Placement

    programme, _org_c, _module = _setup(world)
    purposes = {
        "first_name": "se présenter",
        "guardian_name": "rencontres",
        "guardian_phone": "rencontres",
    }
    SharingAgreement.objects.filter(agency=world.org_b).update(
        fields=list(purposes), purposes=purposes
    )
    mentor = Mentor.objects.select_related("person__user").get(person__email="omar@m.test")
    assert mentor.person.user is not None
    mentor.person.user.set_password(world.password)
    mentor.person.user.save()
    youth = services.youth_enrol(
        by=SYSTEM,
        programme=programme,
        agency=world.org_b,
        first_name="Inès",
        last_name="Placée",
        birth_date=date(2012, 3, 3),
        languages=["fr"],
        interests=["music"],
        case_worker=world.worker_b,
        guardian_first_name="Gérard",
        guardian_last_name="Ancienne-Famille",
        guardian_phone=OLD_PHONE,
        placement_kind="foster_family",
        placement="Famille d'accueil à Roubaix",
    )
    Placement.objects.filter(child=youth.person).update(since=date(2026, 3, 1))
    for party in ("youth", "guardian"):
        services.consent_record(by=SYSTEM, youth=youth, party=party, given_by="Inès")
    services.readiness_record(
        by=SYSTEM, youth=youth, readiness=Youth.Readiness.READY, note="ok", mode="individual"
    )
    match = lifecycle.match_create(
        by=SYSTEM, programme=programme, mentors=[mentor], youths=[youth], mode="individual"
    )
    lifecycle.match_introduce(by=SYSTEM, match=match)
    moved_on = timezone.localdate() - timedelta(days=1)

    # 1. The case worker records the move to a new foster family.
    sign_in(page, world.worker_b.email, world.password)
    page_check(page)
    page.goto(f"/mentoring/youths/{youth.pk}/")
    page_check(page)
    expect(page.locator("#youth-family")).to_contain_text(OLD_PHONE)
    page.select_option("#id_p-kind", "foster_family")
    page.fill("#id_p-since", moved_on.isoformat())
    page.fill("#id_p-family1_first_name", "Nora")
    page.fill("#id_p-family1_last_name", "Nouvelle-Famille")
    page.fill("#id_p-family1_phone", NEW_PHONE)
    page.fill("#id_p-summary_for_mentor", "Inès vit dans une nouvelle famille d'accueil.")
    page.locator("#placement-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/mentoring/youths/{youth.pk}/$"))
    page_check(page)
    expect(page.locator("#youth-family")).to_contain_text(NEW_PHONE)
    history = page.locator("#placement-history")
    expect(history.locator("li")).to_have_count(2)
    expect(history.locator("li").first).to_contain_text("Nouvelle-Famille")
    expect(history.locator("li").nth(1)).to_contain_text("Ancienne-Famille")
    sign_out(page)
    page_check(page)

    # 2. The mentor sees the new family at once, never the previous one's phone.
    sign_in(page, "omar@m.test", world.password)
    page_check(page)
    page.goto(f"/mentoring/matches/{match.pk}/")
    page_check(page)
    view = page.locator(".mentor-view")
    expect(view).to_contain_text("Nora Nouvelle-Famille")
    expect(view).to_contain_text(NEW_PHONE)
    expect(page.locator("body")).not_to_contain_text(OLD_PHONE)
