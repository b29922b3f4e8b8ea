"""Casework, in French: Colin enters his leave; the cover plan names a replacement of the same
core team for each of his cases and shows the one nobody can take, and why; a colleague names a
replacement by hand, then approves the leave; the replacement is told."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from entrepairs.core.services import SYSTEM

from .axe import page_check
from .helpers import pick_in, sign_in

pytestmark = pytest.mark.e2e


def _core_team(world):  # type: ignore[no-untyped-def]
    """Paula (1 FTE, cap 2, holds Rose) and Gina (0.5 FTE, cap 1) cover Colin, who holds Lina
    (heavy), Malo and Noé: with their caps, one case of Colin's is left uncovered."""
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
        (world.professional, "1.00", 2),
        (world.colleague, "1.00", 12),
        (gina, "0.50", 1),
    ):
        services.member_profile_save(person=who, fte=Decimal(fte), max_caseload=cap, by=SYSTEM)
    today = timezone.localdate()
    for first, vulnerability, guardian in (
        ("Lina", "high", world.colleague),
        ("Malo", "medium", world.colleague),
        ("Noé", "low", world.colleague),
        ("Rose", "low", world.professional),
    ):
        child = Person.objects.create(
            organisation=world.org_a, first_name=first, last_name="Enfant"
        )
        case = services.case_open(
            team=world.core,
            child=child,
            birth_date=today.replace(year=today.year - 15),
            vulnerability=vulnerability,
            procedures=["asylum"],
            placement_kind="foster_family",
            by=SYSTEM,
        )
        services.case_assign(case=case, guardian=guardian, reason="Arrivée", by=SYSTEM)
    return gina


def test_a_member_enters_leave_and_a_colleague_approves_it_with_its_cover(
    page: Page, world
) -> None:
    from entrepairs.casework.models import Leave, LeaveCover, MemberProfile

    gina = _core_team(world)
    today = timezone.localdate()
    sign_in(page, world.colleague.email, world.password)
    page_check(page)
    page.get_by_role("link", name="Suivi des dossiers").first.click()
    page_check(page)
    page.locator("#core-teams").get_by_role("link", name="Noyau Lille 1").click()
    page_check(page)
    page.get_by_role("link", name="Enregistrer mon congé").click()
    page_check(page)
    page.get_by_label("Du").fill(today.isoformat())
    page.get_by_label("Jusqu’au").fill((today + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Enregistrer un congé").click()
    page_check(page)

    # The plan, before approval: two cases covered, one left uncovered with the reason.
    expect(page.get_by_role("heading", name="Congé de Colin Collegue")).to_be_visible()
    expect(page.locator("h1 .tag")).to_have_text("Demandé")
    covers = page.locator("#covers tbody tr")
    expect(covers).to_have_count(3)
    uncovered = page.locator("#uncovered")
    expect(uncovered).to_contain_text("1 dossier n’a pas de remplaçant")
    expect(uncovered).to_contain_text(
        "chaque collègue qui a de la place est à son nombre maximal de dossiers"
    )
    named = [row for row in covers.all() if "sans remplaçant" not in row.inner_text()]
    assert len(named) == 2
    for row in named:
        assert "Paula Pro" in row.inner_text() or "Gina Gardienne" in row.inner_text()
    # Colin may not approve his own leave.
    expect(page.get_by_role("button", name="Approuver le congé")).to_have_count(0)
    expect(page.get_by_text("Un·e collègue du noyau approuve le congé")).to_be_visible()
    leave = Leave.objects.get(person=world.colleague)

    # Paula signs in, sees the plan; the approval is refused while a case is uncovered.
    page.context.clear_cookies()
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto(f"/casework/leaves/{leave.pk}/")
    page_check(page)
    page.get_by_role("button", name="Approuver le congé").click()
    page_check(page)
    expect(page.locator(".message").first).to_contain_text(
        "Ce congé laisserait 1 dossier sans remplaçant"
    )
    assert Leave.objects.get(pk=leave.pk).status == "requested"

    # The coordinator raises Paula's and Gina's caps (a team talk); Paula recalculates: every
    # case has a replacement.
    MemberProfile.objects.filter(person__in=[gina, world.professional]).update(max_caseload=3)
    page.get_by_role("button", name="Recalculer le plan").click()
    page_check(page)
    expect(page.get_by_text("Le plan de remplacement est recalculé.")).to_be_visible()
    expect(page.locator("#uncovered")).to_have_count(0)
    # A replacement named by hand: Gina, who knows him, takes Noé.
    noe = page.locator("#covers tbody tr").filter(has_text="Noé")
    pick_in(noe.get_by_label("Remplaçant"), "Gina Gardienne")
    noe.get_by_role("button", name="Désigner").click()
    page_check(page)
    expect(page.get_by_text("Le ou la remplaçant·e est désigné·e.")).to_be_visible()
    noe = page.locator("#covers tbody tr").filter(has_text="Noé")
    expect(noe.locator("td:nth-child(3)")).to_contain_text("Gina Gardienne")
    expect(noe).to_contain_text("désigné à la main")

    page.get_by_role("button", name="Approuver le congé").click()
    page_check(page)
    expect(
        page.get_by_text("Le congé est approuvé : chaque remplaçant·e est prévenu·e.")
    ).to_be_visible()
    expect(page.locator("h1 .tag")).to_have_text("Validé·e")
    assert not LeaveCover.objects.filter(leave=leave, replacement=None).exists()
    from entrepairs.core.models import Notification

    told = Notification.objects.filter(recipient=world.professional.user)
    assert told.filter(subject__in=["Vous remplacez un·e collègue en congé"]).exists()
