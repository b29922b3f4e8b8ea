"""Agencies in the browser (issue 14). A youth's transfer: the sending case worker first
picks an association (refused next to the field, nothing written), then a child-welfare agency;
the transfer is pending, the receiving coordinator decides without the child's name, accepts, and
gets the file; the sending agency keeps the transfer (naming the youth) and loses the file. A group
match shared by two agencies, at 1280 and 390 px: each case worker sees only their own youth."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import receiving_agency, sign_in, sign_out

pytestmark = pytest.mark.e2e


def _setup(world):  # type: ignore[no-untyped-def]
    from entrepairs.mentoring import services
    from entrepairs.mentoring.models import Programme, SharingAgreement
    from entrepairs.organisations.models import Organisation

    org_c, _receiver = receiving_agency(world.password)
    association = Organisation.objects.create(
        name="Club Sportif Voisin", slug="club", kind="association"
    )
    programme = Programme.objects.create(organisation=world.org_a, name="Parrainage")
    SharingAgreement.objects.create(
        organisation=world.org_a, agency=world.org_b, fields=["first_name"], purposes={}
    )
    youth = services.youth_enrol(
        by=SYSTEM,
        programme=programme,
        agency=world.org_b,
        first_name="Lina",
        last_name="Transférée",
        birth_date=date(2012, 5, 1),
        languages=["fr"],
        interests=["music"],
        case_worker=world.worker_b,
    )
    return youth, org_c, association


def test_a_transfer_waits_for_the_receiving_agency_then_hands_the_file_over(
    page: Page, world
) -> None:
    from entrepairs.mentoring.models import Transfer

    youth, org_c, association = _setup(world)
    name = str(youth)

    # 1. The sending case worker: an association is not offered; the agency is, after a question.
    sign_in(page, world.worker_b.email, world.password)
    page_check(page)
    page.goto(f"/mentoring/youths/{youth.pk}/")
    page_check(page)
    expect(page.locator(f'#id_x-to_agency option[value="{association.pk}"]')).to_have_count(0)
    page.select_option("#id_x-to_agency", str(org_c.pk))
    page.locator("#transfer-form button[type=submit]").click()
    expect(page.locator("#confirm-question")).to_be_visible()
    page_check(page)
    assert not Transfer.objects.filter(youth=youth).exists()
    page.locator("#confirm-action").click()
    expect(page).to_have_url(re.compile(rf"/mentoring/youths/{youth.pk}/$"))
    page_check(page)
    page.goto("/mentoring/transfers/")
    expect(page.locator("#transfers")).to_contain_text(re.compile("Waiting|En attente"))
    page_check(page)
    sign_out(page)
    page_check(page)

    # 2. The receiving coordinator decides knowing the age band, not the child.
    sign_in(page, "chloe@est.test", world.password)
    page_check(page)
    page.goto("/mentoring/transfers/")
    page_check(page)
    page.locator("#transfers a").first.click()
    page_check(page)
    expect(page.locator("#transfer")).not_to_contain_text(name)
    expect(page.locator("#handover")).to_contain_text(re.compile("Waiting|En attente"))
    page.get_by_role("button", name=re.compile("Accept|Accepter")).click()
    expect(page.locator("#handover")).to_contain_text(re.compile("Accepted|Accepté"))
    expect(page.locator("#transfer")).to_contain_text(name)
    page_check(page)
    response = page.goto(f"/mentoring/youths/{youth.pk}/")
    assert response is not None and response.status == 200
    page_check(page)
    sign_out(page)
    page_check(page)

    # 3. The sending agency keeps its history (the transfer names the youth), not the file.
    sign_in(page, world.worker_b.email, world.password)
    page_check(page)
    page.goto("/mentoring/transfers/")
    page_check(page)
    expect(page.locator("#transfers")).to_contain_text(name)
    page.locator("#transfers a").first.click()
    expect(page.locator("#transfer")).to_contain_text(name)
    expect(page.locator(f"#transfer a[href='/mentoring/youths/{youth.pk}/']")).to_have_count(0)
    page_check(page)
    response = page.goto(f"/mentoring/youths/{youth.pk}/")
    assert response is not None and response.status == 404
    page_check(page)


def test_a_case_worker_sees_only_their_youth_of_a_group_match(page: Page, world) -> None:
    """Two agencies share a group match: agency B's case worker reads their youth, the other is
    counted and not named; opening the other youth's file is a 404."""
    from entrepairs.mentoring import lifecycle, services
    from entrepairs.mentoring.models import Consent, ScreeningStep

    youth_b, org_c, _ = _setup(world)
    programme = youth_b.programme
    from entrepairs.mentoring.models import SharingAgreement

    SharingAgreement.objects.create(
        organisation=world.org_a, agency=org_c, fields=["first_name"], purposes={}
    )
    youth_c = services.youth_enrol(
        by=SYSTEM,
        programme=programme,
        agency=org_c,
        first_name="Cesar",
        last_name="Voisin",
        birth_date=date(2012, 6, 1),
        languages=["fr"],
        interests=["music"],
        mode="group",
    )
    for youth in (youth_b, youth_c):
        services.consent_record(by=SYSTEM, youth=youth, party=Consent.Party.YOUTH, given_by="J")
        services.consent_record(
            by=SYSTEM, youth=youth, party=Consent.Party.PLACING_SERVICE, given_by="ASE"
        )
        services.readiness_record(
            by=SYSTEM, youth=youth, readiness="ready", note="Prête", mode="group"
        )
    mentor = services.mentor_apply(
        programme=programme,
        first_name="Gaspard",
        last_name="Groupe",
        email="gaspard@m.test",
        languages=["fr"],
        interests=["music"],
        mode="group",
        capacity=3,
    )
    for kind in ("interview", "background_check", "safeguarding"):
        services.screening_record(by=SYSTEM, mentor=mentor, kind=kind, outcome="passed")
    for referee in ("R1", "R2"):
        services.screening_record(
            by=SYSTEM,
            mentor=mentor,
            kind=ScreeningStep.Kind.REFERENCE,
            outcome="passed",
            referee=referee,
        )
    match = lifecycle.match_create(
        by=SYSTEM, programme=programme, mentors=[mentor], youths=[youth_b, youth_c], mode="group"
    )
    sign_in(page, world.worker_b.email, world.password)
    page_check(page)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/mentoring/matches/{match.pk}/")
        page_check(page)
        expect(page.locator("#other-youths")).to_be_visible()
        expect(page.locator("main")).to_contain_text(str(youth_b))
        expect(page.locator("main")).not_to_contain_text("Voisin")
    response = page.goto(f"/mentoring/youths/{youth_c.pk}/")
    assert response is not None and response.status == 404
    page_check(page)
