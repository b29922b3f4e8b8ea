"""The readable audit trail (issue 15 point 7) in a browser, at 390 px and 1280 px: sentences in
French, no ISO date nor id, the raw change behind a click for an organisation's administrator,
nothing spilling out of the screen."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in
from .test_account_and_audit_layout import _SPILLS, _shoot

pytestmark = pytest.mark.e2e

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.mark.parametrize("width", [390, 1280])
def test_an_administrator_reads_the_trail_and_opens_the_raw_change(
    page: Page, world, width
) -> None:
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    Membership.objects.create(person=world.manager, organisation=world.org_a, role=Role.ADMIN)
    person = Person.objects.get(pk=world.professional.pk)
    person.phone = "06 12 34 56 78"
    person.team = world.region
    person.notes = "Confidentiel : ne doit jamais apparaître"
    person.save()

    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/accounts/login/", timeout=60_000)  # may be the live server's first request
    page_check(page)
    sign_in(page, world.manager.email, world.password)
    expect(page).to_have_url(re.compile(r"/$"))
    page_check(page)
    page.goto("/audit/?record=Paula")
    page_check(page)
    sentence = page.locator(".audit-sentence").first
    expect(sentence).to_contain_text("a modifié Paula Pro (personne) : téléphone, équipe")
    expect(page.locator(".audit-changes").first).to_contain_text(
        "équipe : Noyau Lille 1 → Équipe Lille"
    )
    page.locator(".audit-raw summary").first.click()
    expect(page.locator(".audit-raw pre").first).to_be_visible()
    _shoot(page, f"audit-readable-{width}")
    text = page.locator("main").inner_text()
    assert "ne doit jamais apparaître" not in text
    visible = page.locator("main").evaluate(
        "m => { const c = m.cloneNode(true); c.querySelectorAll('details').forEach(d => d.remove());"
        " return c.innerText; }"
    )
    assert not UUID.search(visible) and not re.search(r"\b\d{4}-\d{2}-\d{2}\b", visible)
    assert page.evaluate(_SPILLS) == []
