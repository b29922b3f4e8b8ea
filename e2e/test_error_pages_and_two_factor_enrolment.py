"""Issue 15 §6, §9 and §10 in a real browser, in French: the product's 404 and 403 pages with a
way back; a destructive action (revoking an access token) asks first and can be called off;
a form that fails moves the focus to its error summary; two-factor enrolment in one flow (QR code
and code, then the recovery codes and their "I have saved them" step), with no second password
prompt after signing in."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import is_focused, sign_in, submit_button, totp_code

pytestmark = pytest.mark.e2e


def test_it_shows_french_error_pages_with_a_way_back_and_asks_before_revoking(
    page: Page, world, live_server
) -> None:
    from entrepairs.accounts.models import AccessToken

    token, _secret = AccessToken.issue(
        user=world.professional.user, organisation=world.org_a, name="Export nocturne"
    )
    page.goto("/accounts/login/", timeout=60_000)  # may be the live server's first request
    page_check(page)
    sign_in(page, world.professional.email, world.password)
    expect(page).to_have_url(f"{live_server.url}/")
    page_check(page)

    page.goto("/nulle-part/")
    expect(page.locator("h1")).to_have_text("Page introuvable")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page_check(page)
    page.get_by_role("link", name="Retour au tableau de bord").click()
    expect(page).to_have_url(f"{live_server.url}/")
    page_check(page)

    page.goto("/audit/")  # the audit trail is not a professional's
    expect(page.locator("h1")).to_have_text("Action non autorisée")
    page_check(page)
    expect(page.get_by_role("link", name="Retour au tableau de bord")).to_be_visible()

    page.goto("/account/")
    page_check(page)
    page.get_by_role("button", name="Révoquer").first.click()
    expect(page.locator("h1")).to_have_text("Révoquer ce jeton d’accès ?")
    expect(page.locator("#confirm-question")).to_contain_text("« Export nocturne »")
    page_check(page)
    page.get_by_role("link", name="Non, revenir en arrière").click()
    expect(page).to_have_url(f"{live_server.url}/account/")
    page_check(page)
    token.refresh_from_db()
    assert token.revoked_at is None  # called off: nothing happened

    page.get_by_role("button", name="Révoquer").first.click()
    expect(page.locator("h1")).to_have_text("Révoquer ce jeton d’accès ?")
    page_check(page)
    page.get_by_role("button", name="Révoquer le jeton").click()
    expect(page).to_have_url(f"{live_server.url}/account/")
    expect(page.locator(".messages")).to_contain_text("Export nocturne")
    page_check(page)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_enrols_two_factor_in_one_flow_right_after_signing_in(
    page: Page, world, settings, live_server
) -> None:
    from allauth.mfa.models import Authenticator

    from entrepairs.organisations.models import Role

    settings.MFA_TOTP_TOLERANCE = 1  # a code typed as its 30-second step ends still works
    world.org_a.require_mfa_roles = [Role.COORDINATOR]
    world.org_a.save()

    page.goto("/accounts/login/", timeout=60_000)  # may be the live server's first request
    page_check(page)
    sign_in(page, world.coordinator.email, world.password)
    # Straight to the first step: no second password prompt (no /accounts/reauthenticate/).
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.locator("#enrol-step")).to_contain_text("Étapes 1 et 2 sur 3")
    expect(
        page.get_by_role("img", name="QR code à scanner avec votre application d’authentification")
    ).to_be_visible()
    page_check(page)

    page.fill("#id_code", "000000")
    submit_button(page, "#id_code").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert is_focused(page, ".error-summary")  # app.js: the focus moves to the errors
    page_check(page)

    secret = page.locator("#authenticator_secret").get_attribute("data-secret") or ""
    page.fill("#id_code", totp_code(secret))
    submit_button(page, "#id_code").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    expect(page.locator("h1")).to_have_text("Enregistrez vos codes de secours")
    codes = (
        Authenticator.objects.get(
            user=world.coordinator.user, type=Authenticator.Type.RECOVERY_CODES
        )
        .wrap()
        .get_unused_codes()
    )
    expect(page.locator("#recovery_codes li")).to_have_count(len(codes))
    page_check(page)

    # "Continuer" waits for the box "Je les ai enregistrés" (no script needed).
    page.locator("#codes-saved").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    page.get_by_label("Je les ai enregistrés").check()
    page.locator("#codes-saved").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/\??$"))
    page_check(page)
    assert world.coordinator.user.authenticator_set.filter(type="totp").exists()
