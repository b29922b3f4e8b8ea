"""The account page and the audit trail fit their screen: at 390 px (a phone) and 1280 px (a
laptop) no table column is cut off or spills out of the page, and the API help shows its
placeholder (it once rendered as "Authorization: Bearer ." once escaped as a tag)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in

pytestmark = pytest.mark.e2e

SHOTS = os.environ.get("E2E_SHOTS")

# Overflow of the page itself, and of any cell beyond its table's visible box.
_SPILLS = """() => {
  const out = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) out.push('page ' + document.documentElement.scrollWidth + '>' + width);
  document.querySelectorAll('table').forEach((table, i) => {
    const wrap = table.closest('.table-wrap') || table.parentElement;
    const box = wrap.getBoundingClientRect();
    if (wrap.scrollWidth > wrap.clientWidth + 1) out.push('table ' + i + ' scrolls ' + wrap.scrollWidth + '>' + wrap.clientWidth);
    table.querySelectorAll('th, td').forEach(cell => {
      const r = cell.getBoundingClientRect();
      if (r.width > 0 && (r.right > box.right + 1 || r.right > width + 1)) out.push('cell ' + i + ' ' + cell.textContent.trim().slice(0, 30));
    });
  });
  return out;
}"""


def _shoot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_it_fits_the_account_page_and_the_audit_trail_on_the_screen(
    page: Page, world, width
) -> None:
    from entrepairs.accounts.models import AccessToken
    from entrepairs.people.models import Person

    for name in ("Intégration du logiciel de planning régional", "Export mensuel"):
        AccessToken.issue(user=world.coordinator.user, organisation=world.org_a, name=name)
    # A long change and a long record name in the trail.
    person = Person.objects.get(pk=world.colleague.pk)
    person.notes = "Très long commentaire sans espace " + "x" * 200
    person.external_id = "EXTERNAL-IDENTIFIER-" + "9" * 60
    person.save()

    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, world.coordinator.email, world.password)
    expect(page).to_have_url(re.compile(r"/$"))
    page_check(page)
    page.goto("/account/")
    _shoot(page, f"account-{width}")
    page_check(page)
    help_text = page.locator("#h-tok + p").inner_text()
    assert "Authorization: Bearer <votre jeton>" in help_text, help_text
    assert page.evaluate(_SPILLS) == []
    # Each usable token's "Revoke" is on the screen and readable (it was once white on white).
    revoke = page.get_by_role("button", name="Révoquer").first
    box = revoke.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width
    assert revoke.evaluate("b => getComputedStyle(b).color") != "rgb(255, 255, 255)"

    page.goto("/audit/")
    _shoot(page, f"audit-{width}")
    page_check(page)
    assert page.evaluate(_SPILLS) == []
