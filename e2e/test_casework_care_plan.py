"""Casework, in French: the guardian drafts a child's care plan (projet pour l'enfant) and
submits it; a colleague returns it with a comment; the guardian starts a new version from the
last one and resubmits; her own approval is refused; the colleague approves it."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def _lina_with_paula_as_guardian(world):  # type: ignore[no-untyped-def]
    from entrepairs.casework import services
    from entrepairs.people.models import Person

    for who in (world.professional, world.colleague):
        services.member_profile_save(person=who, fte=Decimal("1.00"), max_caseload=12, by=SYSTEM)
    today = timezone.localdate()
    child = Person.objects.create(organisation=world.org_a, first_name="Lina", last_name="Enfant")
    case = services.case_open(
        team=world.core,
        child=child,
        birth_date=today.replace(year=today.year - 14),
        vulnerability="high",
        procedures=["asylum"],
        placement_kind="foster_family",
        summary="Arrivée seule.",
        by=SYSTEM,
    )
    return services.case_assign(
        case=case, guardian=world.professional, reason="Suivi depuis l'arrivée", by=SYSTEM
    )


def _open_care_plan(page: Page, case) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/casework/cases/{case.pk}/")
    page_check(page)
    page.get_by_role("link", name="Projet pour l’enfant (PPE)").click()
    page_check(page)


def test_a_care_plan_is_returned_then_approved_by_another_member_never_its_author(
    page: Page, world
) -> None:
    case = _lina_with_paula_as_guardian(world)

    # Paula, the guardian, drafts version 1 and submits it.
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    _open_care_plan(page, case)
    expect(page.get_by_role("heading", name="Première version")).to_be_visible()
    page.get_by_label("Besoins de l’enfant (confidentiel)").fill("Scolarité à stabiliser.")
    page.get_by_label("Objectifs (confidentiel)").fill("Inscription en classe d'accueil.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page_check(page)
    expect(page.get_by_text("La version 1 du projet pour l’enfant est enregistrée")).to_be_visible()
    page.get_by_role("button", name="Soumettre au noyau").click()
    page_check(page)
    expect(page.locator("#plan-status")).to_have_text("En attente d’approbation")
    sign_out(page)
    page_check(page)

    # Colin returns it with a comment.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    _open_care_plan(page, case)
    page.get_by_role("link", name="Version 1").click()
    page_check(page)
    page.get_by_label("Commentaire (confidentiel)").fill("Préciser la réunification familiale.")
    page.get_by_role("button", name="Renvoyer avec commentaires").click()
    page_check(page)
    expect(page.locator("#plan-status")).to_have_text("Renvoyé avec commentaires")
    expect(page.locator("#decisions")).to_contain_text("Préciser la réunification familiale.")
    sign_out(page)
    page_check(page)

    # Paula starts version 2 from the last one, completes it and resubmits.
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    _open_care_plan(page, case)
    expect(
        page.get_by_role("heading", name="Une nouvelle version, à partir de la dernière")
    ).to_be_visible()
    objectives = page.get_by_label("Objectifs (confidentiel)")
    expect(objectives).to_have_value("Inscription en classe d'accueil.")
    objectives.fill(
        "Inscription en classe d'accueil ; réunification familiale avec la Croix-Rouge."
    )
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page_check(page)
    expect(page.get_by_text("La version 2 du projet pour l’enfant est enregistrée")).to_be_visible()
    page.get_by_role("button", name="Soumettre au noyau").click()
    page_check(page)

    # Her own approval is refused, with the reason; nothing changes.
    page.get_by_role("button", name="Valider").click()
    page_check(page)
    expect(
        page.get_by_text("L’auteur d’un projet pour l’enfant ne peut pas l’approuver").first
    ).to_be_visible()
    expect(page.locator("#plan-status")).to_have_text("En attente d’approbation")
    sign_out(page)
    page_check(page)

    # Colin approves version 2: the date is recorded, version 1 stays returned.
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    _open_care_plan(page, case)
    page.get_by_role("link", name="Version 2").click()
    page_check(page)
    page.get_by_role("button", name="Valider").click()
    page_check(page)
    expect(page.get_by_text("Le projet pour l’enfant est approuvé.")).to_be_visible()
    expect(page.locator("#plan-status")).to_have_text("Approuvé")
    expect(page.locator("#approved-on")).to_have_text(timezone.localdate().strftime("%d/%m/%Y"))
    expect(page.locator("#decisions")).to_contain_text("Colin Collegue")
    page.get_by_role("link", name="Toutes les versions").click()
    page_check(page)
    rows = page.locator("#versions tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Version 2")).to_contain_text("Approuvé")
    expect(rows.filter(has_text="Version 1")).to_contain_text("Renvoyé avec commentaires")
