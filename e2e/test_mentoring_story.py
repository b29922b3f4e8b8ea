"""The mentoring story: a mentor applies, is screened and trained; a case worker enrols a youth;
staff run the matching, adjust it and introduce the match; a check-in is recorded; the youth
changes agency and the mentor is notified; a punitive closure is refused, a proper one succeeds."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import pick_person, receiving_agency, sign_in, sign_out, submit_button

pytestmark = pytest.mark.e2e


def _setup(world):  # type: ignore[no-untyped-def]
    from entrepairs.mentoring import services
    from entrepairs.mentoring.models import (
        Programme,
        ScreeningStep,
        SharingAgreement,
        Youth,
    )
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person
    from entrepairs.training.models import TrainingModule

    org_c, _coordinator_c = receiving_agency(world.password)
    worker_c = Person.objects.create(
        organisation=org_c, first_name="Cyril", last_name="Est", email="cyril@est.test"
    )
    Membership.objects.create(person=worker_c, organisation=org_c, role=Role.CASE_WORKER)
    module = TrainingModule.objects.create(organisation=world.org_a, name="Mentoring basics")
    programme = Programme.objects.create(
        organisation=world.org_a, name="Parrainage", references_required=1
    )
    programme.required_trainings.add(module)
    purposes = {"first_name": "greet", "age": "activities", "situation_updates": "continuity"}
    for agency in (world.org_b, org_c):
        SharingAgreement.objects.create(
            organisation=world.org_a, agency=agency, fields=list(purposes), purposes=purposes
        )
    # A mentor and a youth already waiting, so staff have two proposals to adjust.
    other = services.mentor_apply(
        programme=programme,
        first_name="Omar",
        last_name="Ancien",
        email="omar@m.test",
        languages=["fr"],
        interests=["music"],
    )
    for kind in ("interview", "background_check", "safeguarding"):
        services.screening_record(by=SYSTEM, mentor=other, kind=kind, outcome="passed")
    services.screening_record(
        by=SYSTEM, mentor=other, kind=ScreeningStep.Kind.REFERENCE, outcome="passed", referee="R"
    )
    services.training_record(
        person=other.person, module=module, completed_on=date(2026, 1, 5), by=SYSTEM
    )
    waiting = services.youth_enrol(
        by=SYSTEM,
        programme=programme,
        agency=world.org_b,
        first_name="Wassim",
        last_name="Attente",
        birth_date=date(2011, 2, 2),
        languages=["fr"],
        interests=["music"],
    )
    services.consent_record(by=SYSTEM, youth=waiting, party="youth", given_by="Wassim")
    services.consent_record(by=SYSTEM, youth=waiting, party="guardian", given_by="Parent")
    services.readiness_record(
        by=SYSTEM, youth=waiting, readiness=Youth.Readiness.READY, note="ok", mode="individual"
    )
    return programme, org_c, module


def test_it_walks_the_whole_mentoring_story(page: Page, world) -> None:
    from entrepairs.accounts.models import User
    from entrepairs.core.models import Notification
    from entrepairs.core.nlp import french
    from entrepairs.mentoring.models import Match, Mentor, Youth

    french()  # the live server shares this process: load the model before a click waits on it
    programme, org_c, module = _setup(world)

    # 1. A volunteer applies through the public form.
    page.goto(f"/mentoring/programmes/{programme.pk}/apply/")
    page_check(page)
    page.fill("#id_first_name", "Nadia")
    page.fill("#id_last_name", "Mentore")
    page.fill("#id_email", "nadia@benevole.test")
    page.fill("#id_birth_year", "1988")
    page.fill("#id_languages", "fr, en")
    page.fill("#id_interests", "football, dessin")
    page.select_option("#id_mode", "individual")
    page.fill("#id_motivation", "Je veux accompagner un jeune.")
    submit_button(page, "#id_first_name").click()
    expect(page.locator("#application-received")).to_be_visible()
    page_check(page)
    mentor = Mentor.objects.get(person__email="nadia@benevole.test")

    # 2. The coordinator screens and trains her.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto("/mentoring/")
    page_check(page)
    page.locator(f"main a[href='/mentoring/programmes/{programme.pk}/']").click()
    page_check(page)
    page.locator("#mentors-link").click()
    page_check(page)
    page.locator(f"a[href='/mentoring/mentors/{mentor.pk}/']").click()
    page_check(page)
    for kind, referee in [
        ("interview", ""),
        ("reference", "Mme Référence"),
        ("background_check", ""),
        ("safeguarding", ""),
    ]:
        page.select_option("#id_s-kind", kind)
        page.select_option("#id_s-outcome", "passed")
        if referee:
            page.fill("#id_s-referee", referee)
        page.locator("#screening-form button[type=submit]").click()
        page_check(page)
    expect(page.locator("#mentor-status")).to_have_attribute("data-status", "training")
    page.select_option("#id_t-module", str(module.pk))
    page.fill("#id_t-completed_on", "2026-11-01")
    page.locator("#training-form button[type=submit]").click()
    page_check(page)
    expect(page.locator("#mentor-status")).to_have_attribute("data-status", "approved")
    expect(page.locator("#matchable")).to_be_visible()
    sign_out(page)
    page_check(page)

    # 3. A case worker enrols a youth, with consents and the readiness assessment.
    sign_in(page, world.worker_b.email, world.password)
    page_check(page)
    page.goto(f"/mentoring/youths/new/?programme={programme.pk}")
    page_check(page)
    page.select_option("#id_agency", str(world.org_b.pk))
    page.fill("#id_first_name", "Lina")
    page.fill("#id_last_name", "Secret")
    page.fill("#id_birth_date", "2012-04-04")
    page.fill("#id_languages", "fr")
    page.fill("#id_interests", "football")
    pick_person(page, "#id_case_worker", "Berthe", str(world.worker_b.pk))
    page.fill("#id_placement", "Foyer confidentiel")
    submit_button(page, "#id_first_name").click()
    page_check(page)
    youth = Youth.objects.get(person__last_name="Secret")
    for party, who in [("youth", "Lina"), ("placing_service", "ASE")]:
        page.select_option("#id_c-party", party)
        page.fill("#id_c-given_by", who)
        page.locator("#consent-form button[type=submit]").click()
        page_check(page)
    page.select_option("#id_r-readiness", "ready")
    page.select_option("#id_r-mode", "individual")
    page.fill("#id_r-note", "Prête, motivée.")
    page.locator("#readiness-form button[type=submit]").click()
    page_check(page)
    expect(page.locator("#youth-matchable")).to_be_visible()
    sign_out(page)
    page_check(page)

    # 4. Staff run the matching, swap the proposals by hand, accept and introduce.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/mentoring/programmes/{programme.pk}/matching/")
    page_check(page)
    page.locator("#run-matching").click()
    expect(page.locator("#proposals")).to_be_visible()
    page_check(page)
    expect(page.locator("#proposals tbody tr")).to_have_count(2)
    lina_row = page.locator(f"#proposals tr[data-youth='{youth.pk}']")
    if lina_row.get_attribute("data-mentor") != str(mentor.pk):
        lina_row.locator("form.swap button[type=submit]").click()
        page_check(page)
    lina_row = page.locator(f"#proposals tr[data-youth='{youth.pk}']")
    expect(lina_row).to_have_attribute("data-mentor", str(mentor.pk))
    lina_row.locator("button.accept").click()
    page_check(page)
    match = Match.objects.get(youths=youth)
    page.goto(f"/mentoring/matches/{match.pk}/")
    page_check(page)
    page.locator("#introduce").click()
    page_check(page)
    expect(page.locator("#match-status")).to_have_attribute("data-status", "active")
    sign_out(page)
    page_check(page)

    # 5. The mentor signs in (she was invited on approval), sees only the agreed facts, checks in.
    user = User.objects.get(email="nadia@benevole.test")
    user.set_password(world.password)
    user.save()
    sign_in(page, "nadia@benevole.test", world.password)
    page_check(page)
    page.goto(f"/mentoring/matches/{match.pk}/")
    page_check(page)
    expect(page.locator("#mentor-view")).to_contain_text("Lina")
    expect(page.locator("main")).not_to_contain_text("Secret")
    expect(page.locator("main")).not_to_contain_text("Foyer confidentiel")
    form = page.locator("#checkin-mentor")
    form.locator("select[name$='-rating']").select_option("4")
    form.locator("select[name$='-meets_regularly']").select_option("true")
    form.locator("textarea").fill("Première sortie réussie.")
    form.locator("button[type=submit]").click()
    page_check(page)
    assert match.checkins.filter(party="mentor", done_on__isnull=False).exists()
    sign_out(page)
    page_check(page)

    # 6. The youth changes agency: the move is recorded and the mentor notified at once; the file
    # is handed over when the receiving agency's coordinator accepts; the old agency then loses it.
    sign_in(page, world.worker_b.email, world.password)
    page_check(page)
    page.goto(f"/mentoring/youths/{youth.pk}/")
    page_check(page)
    page.select_option("#id_x-to_agency", str(org_c.pk))
    page.locator("#transfer-form button[type=submit]").click()
    page_check(page)
    page.locator("#confirm-action").click()
    expect(page).to_have_url(re.compile(rf"/mentoring/youths/{youth.pk}/$"))
    page_check(page)
    assert (
        Notification.objects.filter(recipient=user, link=f"/mentoring/matches/{match.pk}/").count()
        >= 2
    )
    sign_out(page)
    page_check(page)
    sign_in(page, "chloe@est.test", world.password)
    page_check(page)
    page.goto("/mentoring/transfers/")
    page_check(page)
    page.locator("#transfers a").first.click()
    page_check(page)
    expect(page.locator("#transfer")).not_to_contain_text(str(youth))
    page.get_by_role("button", name=re.compile("Accept|Accepter")).click()
    expect(page.locator("#handover")).to_contain_text(re.compile("Accept"))
    page_check(page)
    sign_out(page)
    page_check(page)
    sign_in(page, world.worker_b.email, world.password)
    page_check(page)
    response = page.goto(f"/mentoring/youths/{youth.pk}/")
    assert response is not None and response.status == 404
    page_check(page)
    page.goto("/mentoring/")
    page_check(page)
    sign_out(page)
    page_check(page)

    # 7. A punitive closure is refused with an explanation; a proper closure succeeds.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/mentoring/matches/{match.pk}/")
    page_check(page)
    page.select_option("#id_c-reason", "youth_wish")
    page.fill("#id_c-conversation_on", "2026-11-20")
    page.fill("#id_c-conversation", "Mentorat suspendu pour le punir de son comportement.")
    page.locator("#close-submit").click()
    page_check(page)
    expect(page.locator("#close-form .error-summary")).to_be_visible()
    expect(page.locator("#match-status")).to_have_attribute("data-status", "active")
    page.select_option("#id_c-reason", "youth_wish")
    page.fill("#id_c-conversation_on", "2026-11-20")
    page.fill("#id_c-conversation", "Lina souhaite arrêter ; nous avons remercié la mentore.")
    page.fill("#id_c-youth_view", "Lina préfère se consacrer à son apprentissage.")
    page.locator("#close-submit").click()
    page_check(page)
    # Four eyes (issue 14): the closure waits for a second staff member (e2e/test_mentoring_closure.py).
    expect(page.locator("#pending-closure")).to_be_visible()
    expect(page.locator("#match-status")).to_have_attribute("data-status", "active")
