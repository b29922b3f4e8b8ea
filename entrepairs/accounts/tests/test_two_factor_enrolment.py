"""Two-factor enrolment in one flow (issue 15 §10): right after sign-in, the QR code and the
app's code, then the recovery codes with an "I have saved them" step; no second password
prompt; the sign-in page does not invite to register (sign-up is closed)."""

import time
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import F
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _totp(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _signed_in(world, language: str = "fr") -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    answer = client.post(
        "/accounts/login/", {"login": world.coordinator.email, "password": world.password}
    )
    assert answer.status_code == 302
    return client


def test_it_enrols_right_after_sign_in_without_a_second_password_prompt(world) -> None:
    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    client = _signed_in(world)

    assert client.get("/people/")["Location"] == "/accounts/2fa/totp/activate/"
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200  # not /accounts/reauthenticate/
    html = page.content.decode()
    assert "Étapes 1 et 2 sur 3\u00a0: scanner le QR code, puis saisir le code." in html
    assert 'alt="QR code à scanner' in html
    secret = page.context["form"].secret

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert 'id="error-summary"' in wrong.content.decode()  # focused by app.js

    done = client.post("/accounts/2fa/totp/activate/", {"code": _totp(secret)})
    assert done["Location"] == "/accounts/2fa/recovery-codes/"
    codes = client.get(done["Location"])
    assert codes.status_code == 200
    html = codes.content.decode()
    unused = (
        Authenticator.objects.get(
            user=world.coordinator.user, type=Authenticator.Type.RECOVERY_CODES
        )
        .wrap()
        .get_unused_codes()
    )
    assert unused and all(f"<code>{code}</code>" in html for code in unused)
    assert "Enregistrez vos codes de secours" in html
    # The step: a box to tick (required, works without script), then on to the dashboard.
    assert '<input type="checkbox" id="codes_saved" required>' in html
    assert "Étape 3 sur 3\u00a0: enregistrer les codes de secours" in html
    assert '<label class="inline-label" for="codes_saved">Je les ai enregistrés</label>' in html
    assert client.get("/people/").status_code == 200


# Words for the same thing that the French pages no longer use (issue 15: one term).
OTHER_TERMS = ("deux facteurs", "double authentification", "récupération", "TOTP", "Secret")


def test_the_two_factor_pages_use_one_term_and_plain_steps(world) -> None:
    """Every page of the enrolment and of its management says « validation en deux étapes » and
    « codes de secours », and nothing else for them; the enrolment names its steps."""
    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    client = _signed_in(world)
    required = client.get("/accounts/2fa/totp/activate/")
    activate = required.content.decode()
    steps = ["Scanner le QR code.", "Saisir le code.", "Enregistrer les codes de secours."]
    assert all(step in activate for step in steps)
    assert "Activer la validation en deux étapes" in activate
    secret = required.context["form"].secret
    client.post("/accounts/2fa/totp/activate/", {"code": _totp(secret)})
    pages = {
        "activate": activate,
        "codes": client.get("/accounts/2fa/recovery-codes/").content.decode(),
        "manage": client.get("/accounts/2fa/").content.decode(),
        "account": client.get("/account/").content.decode(),
        "deactivate": client.get("/accounts/2fa/totp/deactivate/").content.decode(),
    }
    for name, html in pages.items():
        for term in OTHER_TERMS:
            assert term not in html, (name, term)
    assert "Validation en deux étapes" in pages["manage"]
    assert "Codes de secours" in pages["manage"]
    assert "Validation en deux étapes\u00a0:" in pages["account"]
    assert "Désactiver la validation en deux étapes" in pages["deactivate"]
    # Signing in again asks for the « code de validation », six digits or a recovery code.
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": world.coordinator.email, "password": world.password})
    sign_in = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "validation en deux étapes" in sign_in and "code de secours" in sign_in
    for term in OTHER_TERMS:
        assert term not in sign_in, ("authenticate", term)


def test_it_asks_for_the_password_again_once_the_sign_in_is_old(world, settings) -> None:
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    client = _signed_in(world)
    answer = client.get("/accounts/2fa/totp/activate/")
    assert answer.status_code == 302 and "/accounts/reauthenticate/" in answer["Location"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "La coordination de votre organisation vous invite"),
        ("en", "Your organisation's coordinator invites you"),
    ],
)
def test_the_sign_in_page_does_not_invite_to_register(db, language, text) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/accounts/login/").content.decode()
    assert "/accounts/signup/" not in html
    assert text in html.replace("&#x27;", "'")


def test_new_recovery_codes_made_later_are_no_step_of_enrolment(world) -> None:
    """The step counter « Étape 3 sur 3 » belongs to enrolment: the codes page reached from the
    account page, after « Générer de nouveaux codes », does not show it (issue 15)."""
    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    client = _signed_in(world)
    secret = client.get("/accounts/2fa/totp/activate/").context["form"].secret
    client.post("/accounts/2fa/totp/activate/", {"code": _totp(secret)})
    assert 'id="enrol-step"' in client.get("/accounts/2fa/recovery-codes/").content.decode()

    generate = client.get("/accounts/2fa/recovery-codes/generate/")
    assert generate.status_code == 200
    assert 'id="enrol-step"' not in generate.content.decode()
    # Some minutes later, from the account page: « Générer de nouveaux codes ».
    app = Authenticator.objects.filter(user=world.coordinator.user)
    app.update(created_at=F("created_at") - timedelta(minutes=5))
    made = client.post("/accounts/2fa/recovery-codes/generate/", {})
    assert made["Location"] == "/accounts/2fa/recovery-codes/"
    html = client.get(made["Location"]).content.decode()
    assert "Enregistrez vos codes de secours" in html
    assert 'id="enrol-step"' not in html and "sur 3" not in html
    # The codes made with the app, read again the next day from the account page: no step.
    Authenticator.objects.filter(user=world.coordinator.user).update(
        created_at=timezone.now() - timedelta(days=1)
    )
    assert "sur 3" not in client.get("/accounts/2fa/recovery-codes/").content.decode()
