"""The newsletter's French sentences elide before the organisation's name (issue 13, outside
test): the sign-up page's title and the confirmation e-mail say "d’Atelier Parole", not "de
Atelier Parole" (core.french, the same helper as every other channel)."""

import pytest
from django.core import mail
from django.utils import translation

from entrepairs.organisations.models import Organisation


@pytest.fixture
def french(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "fr"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with translation.override("fr"):
        yield


def test_the_page_and_the_confirmation_e_mail_elide(
    world, client, french, django_capture_on_commit_callbacks
) -> None:
    org = Organisation.objects.create(name="Atelier Parole", slug="atelier", kind="provider")
    page = client.get(f"/groups/newsletter/{org.pk}/")
    html = page.content.decode()
    assert "d’Atelier Parole" in html and "de Atelier Parole" not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/groups/newsletter/{org.pk}/", {"email": "lea@example.org"})
    body = mail.outbox[-1].body
    assert "d’Atelier Parole" in body and "de Atelier Parole" not in body
