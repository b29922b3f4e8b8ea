"""A coordinator whose organisation requires two-factor sign-in enrols an authenticator app,
then signs in with it; repeated wrong passwords are throttled and recorded."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from .axe import page_check
from .helpers import sign_in, sign_out, submit_button, totp_code

pytestmark = pytest.mark.e2e


def test_it_makes_a_coordinator_enrol_totp_then_asks_for_a_code_at_the_next_sign_in(
    page: Page, world, settings, live_server
) -> None:
    from entrepairs.organisations.models import Role

    # One neighbouring 30-second step is accepted, so a code typed as the step ends still works.
    settings.MFA_TOTP_TOLERANCE = 1
    world.org_a.require_mfa_roles = [Role.COORDINATOR]
    world.org_a.save()

    sign_in(page, world.coordinator.email, world.password)
    page.wait_for_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "/accounts/reauthenticate/" in page.url:
        # allauth asks to confirm the password before an authenticator is added.
        page_check(page)
        page.fill("#id_password", world.password)
        submit_button(page, "#id_password").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    page_check(page)
    secret = page.locator("#authenticator_secret").get_attribute("data-secret") or ""
    page.fill("#id_code", totp_code(secret))
    submit_button(page, "#id_code").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    page_check(page)
    assert world.coordinator.user.authenticator_set.filter(type="totp").exists()

    sign_out(page)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page_check(page)

    sign_in(page, world.coordinator.email, world.password)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    page_check(page)
    page.fill("#id_code", totp_code(secret))
    submit_button(page, "#id_code").click()
    expect(page).to_have_url(f"{live_server.url}/")
    page_check(page)
    expect(page.locator("form[action='/accounts/logout/']")).to_be_visible()


def test_it_throttles_repeated_wrong_passwords_and_records_them(page: Page, world) -> None:
    from allauth.account.adapter import get_adapter
    from auditlog.models import LogEntry

    email = world.professional.email
    with translation.override("fr"):
        throttled = str(get_adapter().error_messages["too_many_login_attempts"])

    for _ in range(5):
        sign_in(page, email, "not-the-password")
        expect(page.locator("main")).not_to_contain_text(throttled)
        expect(page.locator("#id_password")).to_be_visible()  # still on the sign-in form
        page_check(page)  # the form with its error, too
    sign_in(page, email, world.password)  # even the right password waits now
    expect(page.locator("main")).to_contain_text(throttled)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page_check(page)

    failures = LogEntry.objects.filter(
        object_pk=str(world.professional.user.pk), additional_data__event="sign_in_failed"
    )
    assert failures.count() == 5
    assert {entry.remote_addr for entry in failures} == {"127.0.0.1"}
    assert LogEntry.objects.filter(
        object_pk=str(world.professional.user.pk), additional_data__event="lockout"
    ).exists()
