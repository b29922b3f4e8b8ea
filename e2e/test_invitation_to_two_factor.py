"""An invited person follows the mailed link, chooses their password, signs in and sets up
two-factor authentication on a phone (outside test of issue 15): the page says "choose", the done
page leads to sign-in, the address counts as confirmed, and the key shows whole at 390 px."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, submit_button, totp_code

pytestmark = pytest.mark.e2e
PASSWORD = "Un-mot-de-passe-solide-42"


def test_an_invited_person_chooses_a_password_then_sets_up_two_factor_on_a_phone(
    page: Page, world, settings, mailoutbox, live_server
) -> None:
    from allauth.mfa.models import Authenticator

    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person
    from entrepairs.people.services import person_invite

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = live_server.url
    settings.MFA_TOTP_TOLERANCE = 1
    world.org_a.require_mfa_roles = [Role.COORDINATOR]
    world.org_a.save()
    person = Person.objects.create(
        organisation=world.org_a, first_name="Inès", last_name="Invitée", email="ines@a.test"
    )
    Membership.objects.create(person=person, organisation=world.org_a, role=Role.COORDINATOR)
    person_invite(person=person, by=world.coordinator.user)
    mail = next(m for m in mailoutbox if m.to == ["ines@a.test"])
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.body)
    assert link is not None and link.group(0).startswith(live_server.url)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(link.group(0))
    expect(page.locator("h1")).to_have_text("Choisir votre mot de passe")
    page_check(page)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    submit_button(page, "#id_password1").click()
    expect(page.locator("h1")).to_have_text("Votre mot de passe est enregistré")
    page_check(page)
    page.get_by_role("link", name="Se connecter").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page_check(page)
    sign_in(page, "ines@a.test", PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    page_check(page)
    expect(page.locator("#unconfirmed-address")).to_have_count(0)
    key = page.locator("#authenticator_secret")
    secret = key.get_attribute("data-secret") or ""
    assert len(secret) == 32
    # The whole key is on screen, in groups of four, inside the phone's width.
    assert key.inner_text().replace(" ", "").replace("\n", "") == secret
    box = key.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    expect(page.locator("#copy-secret")).to_be_visible()
    page.fill("#id_code", totp_code(secret))
    submit_button(page, "#id_code").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    page_check(page)
    assert Authenticator.objects.filter(user=person.user, type=Authenticator.Type.TOTP).exists()
