"""An account has one e-mail address, the one its organisation records: allauth's page to add a
second one is replaced (found by the outside test: an unconfirmed added address signed in, and
another account's address could be copied onto one's own account)."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

pytestmark = pytest.mark.django_db


def _client(who) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_adding_an_address_is_refused_and_it_does_not_sign_in(world) -> None:
    client = _client(world.colleague)
    added = client.post(
        "/accounts/email/",
        {"email": "nobody-qq@example.org", "action_add": ""},
        HTTP_ACCEPT_LANGUAGE="fr",
        follow=True,
    )
    assert added.redirect_chain[-1][0] == "/account/"
    assert "demandez à votre coordinateur" in added.content.decode()
    assert not EmailAddress.objects.filter(email__iexact="nobody-qq@example.org").exists()
    signed_in = Client().post(
        "/accounts/login/", {"login": "nobody-qq@example.org", "password": world.password}
    )
    assert signed_in.status_code == 200  # the sign-in form again, with its error: no session
    # The positive control: the recorded address signs in.
    ok = Client().post(
        "/accounts/login/", {"login": world.colleague.email, "password": world.password}
    )
    assert ok.status_code == 302
