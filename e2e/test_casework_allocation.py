"""Casework, in French: a core-team member proposes an allocation of the waiting cases, inspects
each member's load before and after, confirms; the cases then show their guardian."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import sign_in

pytestmark = pytest.mark.e2e


def _column(rows: Locator, index: int) -> list[int]:
    return [int(text) for text in rows.locator(f"td:nth-child({index})").all_inner_texts()]


def _core_team_with_waiting_cases(world):  # type: ignore[no-untyped-def]
    """Paula and Colin full time, Gina half time; Colin holds Noé's case, Lina and Malo wait."""
    from entrepairs.casework import services
    from entrepairs.people.models import Person

    gina = Person.objects.create(
        organisation=world.org_a,
        first_name="Gina",
        last_name="Gardienne",
        profession="tutor",
        team=world.core,
    )
    for who, fte, cap in (
        (world.professional, "1.00", 12),
        (world.colleague, "1.00", 12),
        (gina, "0.50", 6),
    ):
        services.member_profile_save(person=who, fte=Decimal(fte), max_caseload=cap, by=SYSTEM)
    today = timezone.localdate()
    cases = {}
    for first, vulnerability in (("Lina", "high"), ("Malo", "medium"), ("Noé", "low")):
        child = Person.objects.create(
            organisation=world.org_a, first_name=first, last_name="Enfant"
        )
        cases[first] = services.case_open(
            team=world.core,
            child=child,
            birth_date=today.replace(year=today.year - 15),
            vulnerability=vulnerability,
            procedures=["asylum"],
            placement_kind="foster_family",
            summary="Arrivé seul.",
            by=SYSTEM,
        )
    services.case_assign(
        case=cases["Noé"], guardian=world.colleague, reason="Suivi depuis l'arrivée", by=SYSTEM
    )
    return cases


def test_a_member_allocates_the_waiting_cases_and_they_show_their_guardian(
    page: Page, world
) -> None:
    cases = _core_team_with_waiting_cases(world)
    sign_in(page, world.professional.email, world.password)
    page_check(page)

    page.get_by_role("link", name="Suivi des dossiers").first.click()
    page_check(page)
    page.locator("#core-teams").get_by_role("link", name="Noyau Lille 1").click()
    page_check(page)
    expect(page.get_by_text("2 nouveaux dossiers en attente d’attribution.")).to_be_visible()

    # The proposal: new cases only, so Colin keeps Noé and no held case moves.
    page.get_by_label("Type").select_option("new_cases")
    page.get_by_role("button", name="Proposer").click()
    page_check(page)
    expect(page.get_by_role("heading", name="Charges avant et après")).to_be_visible()
    loads = page.locator("#loads tbody tr")
    expect(loads).to_have_count(3)
    assert sum(_column(loads, 3)) == 1 and sum(_column(loads, 4)) == 3
    colin = loads.filter(has_text="Colin")
    expect(colin.locator("td:nth-child(3)")).to_have_text("1")
    assert _column(colin, 4)[0] >= 1  # he keeps Noé, whatever else he receives
    moves = page.locator("#moves tbody tr")
    expect(moves).to_have_count(2)
    expect(moves.filter(has_text="Lina")).to_contain_text("nouveau dossier")
    expect(moves.filter(has_text="Malo")).to_contain_text("nouveau dossier")

    page.get_by_label("Note").fill("Vu en réunion de noyau")
    page.get_by_role("button", name="Confirmer l’attribution").click()
    page_check(page)
    expect(page.get_by_text("L’attribution est confirmée.")).to_be_visible()
    expect(page.get_by_text("0 nouveau dossier en attente d’attribution.")).to_be_visible()

    # The case list names every guardian; a case page says who is now responsible, and why.
    page.get_by_role("link", name="Dossiers", exact=True).click()
    page_check(page)
    rows = page.locator("#cases tbody tr")
    expect(rows).to_have_count(3)
    for row in rows.all():
        expect(row.locator("td:nth-child(4)")).not_to_have_text("—")
    lina = cases["Lina"]
    lina.refresh_from_db()
    assert lina.guardian is not None and lina.status == "open"
    expect(rows.filter(has_text="Lina").locator("td:nth-child(4)")).to_have_text(str(lina.guardian))
    rows.filter(has_text="Lina").get_by_role("link").click()
    page_check(page)
    expect(page.locator("dl.details")).to_contain_text(str(lina.guardian))
    expect(page.locator("ol.timeline")).to_contain_text("Changement de tuteur·rice référent·e")
