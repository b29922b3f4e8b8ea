"""An invited person chooses their password through the mailed link and can then set up
two-factor authentication (outside test of issue 15): the link proves the address, so choosing
the password confirms it; the page reads "choose", not "change"; the done page leads to sign-in;
the link starts with the configured site address."""

import importlib
import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.tasks import task_backends
from django.test import Client, TestCase
from django.urls import reverse

from entrepairs.accounts import services
from entrepairs.core.links import absolute_url
from entrepairs.core.services import recording
from entrepairs.people.models import Person
from entrepairs.people.services import person_invite

pytestmark = pytest.mark.django_db
PASSWORD = "Un-mot-de-passe-solide-42"


@pytest.fixture
def immediate_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    task_backends._settings = None  # type: ignore[attr-defined]
    yield
    task_backends._settings = None  # type: ignore[attr-defined]


def _totp(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _invite(world, mailoutbox, email="ines.new@a.test"):  # type: ignore[no-untyped-def]
    person = Person.objects.create(
        organisation=world.org_a, first_name="Ines", last_name="Invitee", email=email
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        person_invite(person=person, by=world.coordinator.user)
    mail = next(m for m in mailoutbox if m.to[0] == email)
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.body)
    assert link is not None, mail.body
    return person, link.group(0)


def _french() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def _choose_password(client: Client, link: str):  # type: ignore[no-untyped-def]
    page = client.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    return page, client.post(form_url, {"password1": PASSWORD, "password2": PASSWORD}, follow=True)


def test_it_links_invitations_under_the_configured_site_address(
    world, mailoutbox, immediate_tasks, settings
) -> None:
    settings.SITE_URL = "http://127.0.0.1:8200"
    _, link = _invite(world, mailoutbox)
    assert link.startswith("http://127.0.0.1:8200/accounts/password/reset/key/")
    assert absolute_url("/x/") == "http://127.0.0.1:8200/x/"


def test_it_says_choose_then_sign_in_and_confirms_the_address(
    world, mailoutbox, immediate_tasks
) -> None:
    person, link = _invite(world, mailoutbox)
    client = _french()
    with recording() as calls:
        page, done = _choose_password(client, link)
    html = page.content.decode()
    assert "Choisir votre mot de passe" in html and "Modifier le mot de passe" not in html
    assert "entrepairs.accounts.services.password_set_from_mailed_link" in calls
    done_html = done.content.decode()
    assert "Votre mot de passe est enregistré" in done_html
    assert "modifié" not in done_html
    assert f'href="{reverse("account_login")}"' in done_html and "Se connecter" in done_html
    address = EmailAddress.objects.get(user=person.user)
    assert address.verified and address.primary and address.email == person.email


def test_it_lets_an_invited_person_set_up_two_factor(world, mailoutbox, immediate_tasks) -> None:
    world.org_a.require_mfa_roles = ["coordinator"]
    world.org_a.save()
    person, link = _invite(world, mailoutbox)
    client = _french()
    _choose_password(client, link)
    signed_in = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    page = client.get("/accounts/2fa/totp/activate/")
    assert 'id="unconfirmed-address"' not in page.content.decode()
    done = client.post("/accounts/2fa/totp/activate/", {"code": _totp(page.context["form"].secret)})
    assert done["Location"] == "/accounts/2fa/recovery-codes/"


def test_it_still_says_change_for_a_reset_of_a_used_account(world, client) -> None:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = world.coordinator.user
    client.force_login(user)  # sets last_login: this account has signed in before
    client.logout()
    user.refresh_from_db()
    url = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    page = _french().get(url, follow=True).content.decode()
    assert "Modifier le mot de passe" in page and "Choisir votre mot de passe" not in page


def test_it_offers_a_confirmation_mail_when_the_address_is_unconfirmed(world, mailoutbox) -> None:
    user = world.coordinator.user
    EmailAddress.objects.filter(user=user).delete()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client = _french()
    signed_in = client.post("/accounts/login/", {"login": user.email, "password": world.password})
    assert signed_in.status_code == 302, signed_in.content.decode()[-2000:]
    # allauth sends an unconfirmed address from the set-up page to the two-factor page.
    page = client.get("/accounts/2fa/totp/activate/", follow=True).content.decode()
    assert 'id="unconfirmed-address"' in page and "Envoyez-moi un e-mail de confirmation" in page
    sent = client.post(reverse("accounts:address_confirmation_send"))
    assert sent["Location"] == reverse("mfa_activate_totp")
    assert "Votre adresse" in client.get("/accounts/2fa/").content.decode()
    assert mailoutbox and mailoutbox[-1].to == [user.email]
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mailoutbox[-1].body)
    assert key is not None and mailoutbox[-1].body.count(settings.SITE_URL) >= 1
    client.post(f"/accounts/confirm-email/{key.group(1)}/")
    assert EmailAddress.objects.get(user=user).verified


def test_it_refuses_the_confirmation_mail_to_the_anonymous(client) -> None:
    answer = client.post(reverse("accounts:address_confirmation_send"))
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_the_migration_confirms_accounts_that_chose_a_password(world) -> None:
    migration = importlib.import_module(
        "entrepairs.accounts.migrations.0004_confirm_invited_addresses"
    )
    chose = world.coordinator.user
    chose.password = make_password(PASSWORD)
    chose.save()
    EmailAddress.objects.filter(user=chose).delete()
    EmailAddress.objects.create(user=chose, email=chose.email, verified=False, primary=False)
    never = get_user_model().objects.create_user("never.chose@a.test", None)
    migration.confirm(django_apps, None)
    address = EmailAddress.objects.get(user=chose)
    assert address.verified and address.primary
    assert not EmailAddress.objects.filter(user=never, verified=True).exists()


def test_the_service_confirms_the_address(world) -> None:
    user = world.coordinator.user
    EmailAddress.objects.filter(user=user).delete()
    services.password_set_from_mailed_link(user=user, password=PASSWORD)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
