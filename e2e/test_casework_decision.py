"""Casework, in French: a key decision whose type requires a psychologist's advice. Paula
prepares it from the child's case page and tries to decide: refused with the reason. She submits
it to Pauline, the organisation's psychologist (expert role), who finds it in her "Avis
demandés", sees the decision (not the case) and records her advice. Paula then takes the
decision, which records who decided and on which advice."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import pick_in, sign_in, sign_out

pytestmark = pytest.mark.e2e


def _world(world):  # type: ignore[no-untyped-def]
    from entrepairs.accounts.models import User
    from entrepairs.casework import services
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    user = User.objects.create_user(
        "pauline.psy@tutelle-nord.test", world.password, display_name="Pauline Psy"
    )
    psy = Person.objects.create(
        organisation=world.org_a,
        first_name="Pauline",
        last_name="Psy",
        email=user.email,
        user=user,
        profession="psychologist",
    )
    Membership.objects.create(person=psy, organisation=world.org_a, role=Role.EXPERT)
    child = Person.objects.create(organisation=world.org_a, first_name="Lina", last_name="Enfant")
    today = timezone.localdate()
    case = services.case_open(
        team=world.core,
        child=child,
        birth_date=today.replace(year=today.year - 14),
        vulnerability="high",
        placement_kind="foster_family",
        summary="Arrivée seule, scolarisée en 4e.",
        by=SYSTEM,
    )
    return case, psy


def test_a_gated_decision_is_refused_then_advised_by_the_expert_then_taken(
    page: Page, world
) -> None:
    case, psy = _world(world)
    sign_in(page, world.professional.email, world.password)
    page_check(page)

    # Paula prepares the decision from Lina's case page.
    page.goto(f"/casework/cases/{case.pk}/")
    page_check(page)
    page.get_by_role("link", name="Préparer une décision clé").click()
    page_check(page)
    page.get_by_label("Type").select_option(label="Signes d'insécurité : mesures de protection")
    page.get_by_label("Question à trancher").fill("Mise à l'abri de Lina")
    page.get_by_label("Options (confidentiel)").fill("Rester en famille d'accueil ; foyer")
    page.get_by_label("Avis de l’enfant (confidentiel)").fill("Veut rester près de son collège")
    page.get_by_role("button", name="Enregistrer").click()
    page_check(page)
    expect(page.get_by_text("La décision est en préparation.")).to_be_visible()
    expect(page.locator("#required-advice")).to_have_text("Psychologue")

    # Deciding before the psychologist's advice is refused, with the reason.
    page.get_by_label("Ce que décide le noyau (confidentiel)").fill("Mise à l'abri en foyer")
    page.get_by_role("button", name="Prendre la décision").click()
    page_check(page)
    expect(page.get_by_text("Cette décision requiert l’avis de : Psychologue.")).to_be_visible()
    expect(page.locator("h1 .tag")).to_have_text("En préparation")

    # Submitted to Pauline.
    pick_in(page.get_by_label("Expert·e"), "Pauline Psy")
    page.get_by_role("button", name="Soumettre", exact=True).click()
    page_check(page)
    expect(page.get_by_text("La décision est soumise à l’expert.")).to_be_visible()
    expect(page.locator("#advice")).to_contain_text("avis attendu")
    sign_out(page)
    page_check(page)

    # Pauline sees the decision submitted to her, not the case, and records her advice.
    sign_in(page, psy.email, world.password)
    page_check(page)
    page.get_by_role("link", name="Avis demandés").first.click()
    page_check(page)
    page.locator("#advice-requests").get_by_role("link", name="Mise à l'abri de Lina").click()
    page_check(page)
    expect(page.get_by_text("Veut rester près de son collège")).to_be_visible()
    expect(page.get_by_text("Arrivée seule")).to_have_count(0)
    expect(page.get_by_role("button", name="Prendre la décision")).to_have_count(0)
    page.get_by_label("Votre avis (confidentiel)").fill("Mise à l'abri recommandée")
    page.get_by_role("button", name="Enregistrer mon avis").click()
    page_check(page)
    expect(page.get_by_text("Votre avis est enregistré.")).to_be_visible()
    response = page.goto(f"/casework/cases/{case.pk}/")
    assert response is not None and response.status == 404
    page_check(page)
    sign_out_from_404(page)

    # Paula takes the decision on Pauline's advice.
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto(f"/casework/cases/{case.pk}/")
    page_check(page)
    page.locator("#decisions").get_by_role("link", name="Mise à l'abri de Lina").click()
    page_check(page)
    expect(page.locator("#advice")).to_contain_text("Mise à l'abri recommandée")
    page.get_by_label("Ce que décide le noyau (confidentiel)").fill("Mise à l'abri en foyer")
    page.get_by_role("button", name="Prendre la décision").click()
    page_check(page)
    expect(page.get_by_text("La décision est prise.")).to_be_visible()
    expect(page.locator("h1 .tag")).to_have_text("Décidée")
    expect(page.locator("#outcome")).to_have_text("Mise à l'abri en foyer")
    expect(page.locator("dl.details")).to_contain_text("Paula Pro")

    from entrepairs.casework.models import Decision

    decision = Decision.objects.get(title="Mise à l'abri de Lina")
    assert decision.decided_by == world.professional
    assert decision.advised_roles == ["psychologist"]


def sign_out_from_404(page: Page) -> None:
    """The 404 page has no menu: sign out from a page that has one."""
    page.goto("/casework/expert/")
    page_check(page)
    sign_out(page)
    page_check(page)
