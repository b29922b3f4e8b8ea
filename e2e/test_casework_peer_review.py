"""Casework, in French: Paula reviews Colin's work on Noé's case against the organisation's
indicators; Colin reads the review and answers; Marc, their manager, reads the team's trend per
indicator, never the review itself."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def _colins_case(world):  # type: ignore[no-untyped-def]
    from entrepairs.casework import selectors, services
    from entrepairs.people.models import Person

    for who in (world.professional, world.colleague):
        services.member_profile_save(person=who, fte=Decimal("1.00"), max_caseload=12, by=SYSTEM)
    today = timezone.localdate()
    child = Person.objects.create(organisation=world.org_a, first_name="Noé", last_name="Enfant")
    case = services.case_open(
        team=world.core,
        child=child,
        birth_date=today.replace(year=today.year - 15),
        placement_kind="foster_family",
        summary="Arrivé seul.",
        by=SYSTEM,
    )
    case = services.case_assign(
        case=case, guardian=world.colleague, reason="Suivi depuis l'arrivée", by=SYSTEM
    )
    # Colin reviewed two of Paula's cases earlier (all "partly met"): with Paula's review below,
    # the team's trend has 3 reviews of 2 people, enough to show an average.
    services.indicators_ensure_defaults(organisation_id=world.org_a.pk, by=SYSTEM)
    indicators = selectors.indicators_for(world.org_a.pk)
    for first in ("Lina", "Malo"):
        other = services.case_open(
            team=world.core,
            child=Person.objects.create(
                organisation=world.org_a, first_name=first, last_name="Enfant"
            ),
            birth_date=today.replace(year=today.year - 14),
            by=SYSTEM,
        )
        other = services.case_assign(
            case=other, guardian=world.professional, reason="Suivi", by=SYSTEM
        )
        services.peer_review_give(
            case=other,
            ratings={i.pk: (2, "") for i in indicators},
            feedback="À compléter.",
            by=world.colleague,
        )
    return case


def test_a_member_reviews_a_colleague_who_answers_and_the_manager_sees_the_trend_only(
    page: Page, world
) -> None:
    case = _colins_case(world)

    # Paula reviews Colin's case work.
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto(f"/casework/cases/{case.pk}/")
    page_check(page)
    page.get_by_role("link", name="Évaluer ce travail").click()
    page_check(page)
    expect(page.get_by_text("Évaluer le travail de Colin Collegue")).to_be_visible()
    for name, value in (
        ("Conduite professionnelle", "4"),
        ("Protocoles", "3"),
        ("Accords et politiques de l'organisation", "3"),
        ("Recommandations de bonnes pratiques", "2"),
        ("Code de déontologie", "4"),
    ):
        page.get_by_role("combobox", name=re.compile("^" + re.escape(name))).select_option(value)
    page.get_by_label(
        "Commentaire sur « Recommandations de bonnes pratiques » (confidentiel)"
    ).fill("Le PPE n'a pas été révisé depuis huit mois.")
    page.get_by_label(re.compile("^Retour ciblé")).fill(
        "Suivi attentif ; prévoir la révision du PPE avec l'ASE."
    )
    page.get_by_role("button", name="Envoyer l’évaluation").click()
    page_check(page)
    expect(page.get_by_text("Votre évaluation est envoyée à Colin Collegue.")).to_be_visible()
    review_url = page.url
    sign_out(page)
    page_check(page)

    # Colin reads it from his reviews and answers.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.goto("/casework/")
    page_check(page)
    page.locator("#core-teams").get_by_role("link", name="Noyau Lille 1").click()
    page_check(page)
    page.get_by_role("link", name="Mes évaluations entre pairs").click()
    page_check(page)
    expect(page.locator("#received")).to_contain_text("à répondre")
    page.locator("#received").get_by_role("link").click()
    page_check(page)
    expect(page.locator("#feedback")).to_contain_text("prévoir la révision du PPE")
    expect(page.locator("#ratings tbody tr").filter(has_text="Recommandations")).to_contain_text(
        "Partiellement"
    )
    page.get_by_label(re.compile("^Votre réponse")).fill("Merci, révision prévue le 15.")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    page_check(page)
    expect(page.locator("#answer")).to_contain_text("révision prévue le 15")
    sign_out(page)
    page_check(page)

    # Marc, the manager, reads the team's trend per indicator; the review itself is not his.
    sign_in(page, world.manager.email, world.password)
    page_check(page)
    page.get_by_role("link", name="Suivi des dossiers").first.click()
    page_check(page)
    page.locator("#trend-teams").get_by_role("link", name="Noyau Lille 1").click()
    page_check(page)
    rows = page.locator("#trends tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.filter(has_text="Recommandations de bonnes pratiques")).to_contain_text("2,0")
    expect(page.locator("main")).not_to_contain_text("Colin")
    expect(page.locator("main")).not_to_contain_text("Paula")
    response = page.request.get(review_url)
    assert response.status == 404 and "révision du PPE" not in response.text()
