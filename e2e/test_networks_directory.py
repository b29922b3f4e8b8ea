"""The member directory with consent (issue 16 point 2): a member opens "Mon profil dans
l'annuaire", shares her e-mail with the network and nothing else; another member finds her in
the directory with her e-mail, without her phone."""

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_a_member_shares_her_email_with_the_network(page: Page, world) -> None:
    from entrepairs.networks import services
    from entrepairs.networks.models import Level

    world.professional.phone = "06 12 34 56 78"
    world.professional.save()
    network = services.network_create(
        organisation=world.org_a,
        name="Réseau des tuteurs du Nord",
        level=Level.REGIONAL,
        by=world.coordinator,
    )
    request = services.member_request(network=network, by=world.professional)
    services.member_answer(member=request, accept=True, by=world.coordinator)

    # Paula opens her profile from the network's page: nothing is shared yet.
    sign_in(page, world.professional.email, world.password)
    page_check(page)
    page.goto(f"/networks/{network.pk}/")
    page_check(page)
    page.locator(f"a[href='/networks/{network.pk}/directory/me/']").first.click()
    page_check(page)
    expect(page.locator("h1")).to_have_text("Mon profil dans l’annuaire")
    expect(page.locator("input[name=email_audience][value=nobody]")).to_be_checked()
    expect(page.locator("input[name=phone_audience][value=nobody]")).to_be_checked()

    # She shares her e-mail with the network's members, and saves.
    page.get_by_role("group", name="E-mail").get_by_label("Les membres du réseau").check()
    page.locator("#directory-profile-form button[type=submit]").click()
    page_check(page)
    expect(page.locator("input[name=email_audience][value=network]")).to_be_checked()
    sign_out(page)
    page_check(page)

    # Claire, another member, sees Paula's e-mail in the directory, and not her phone.
    sign_in(page, world.coordinator.email, world.password)
    page_check(page)
    page.goto(f"/networks/{network.pk}/directory/")
    page_check(page)
    row = page.locator("#directory tbody tr", has_text="Paula Pro")
    expect(row).to_contain_text(world.professional.email)
    expect(row).not_to_contain_text("06 12 34 56 78")

    # Searching her hidden phone finds nobody.
    page.fill("#id_q", "06 12 34")
    page.locator("#directory-search button[type=submit]").click()
    page_check(page)
    expect(page.locator("#directory")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Aucun membre ne correspond à cette recherche.")
