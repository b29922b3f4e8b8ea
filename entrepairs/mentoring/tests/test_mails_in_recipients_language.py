"""E-mails sent outside notify() are written in the RECIPIENT's language, never the sender's
(outside test of issue 15): a case worker browsing in English sends French mails to French
adoptive parents, and the converse; the same for the check-in link, the onboarding mails to
people without an account and a convocation (core.mail.send_in_language, one home). None names
the child or carries confidential text (DECISIONS.md "Confidentiality")."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _

from entrepairs.core.mail import recipient_language
from entrepairs.mentoring import family
from entrepairs.mentoring.models import Youth
from entrepairs.mentoring.tests.test_adoptive_couple import (  # noqa: F401 - its fixture too
    PARENTS,
    _adopt_by_api,
    _placed_since_spring,
)
from entrepairs.onboarding.reminders import email_without_account
from entrepairs.people.models import Person

pytestmark = pytest.mark.django_db
API = "/api/v1/mentoring"

WORD = {"fr": "Un mot du programme de mentorat", "en": "A word from the mentoring programme"}
CHECKIN = {"fr": "Votre point de suivi du mentorat", "en": "Your mentoring check-in"}
REMINDER = {"fr": "Rappel d’intégration", "en": "Onboarding reminder"}


@pytest.fixture(autouse=True)
def _platform_in_french(settings: Any) -> None:
    """The platform's language is French (this app's tests otherwise run it in English)."""
    settings.LANGUAGE_CODE = "fr"


def _confidential(mworld: Any) -> list[str]:
    """What no e-mail may carry: the child's names, the placement, the assessment."""
    youth = mworld.youth.person
    return [youth.first_name, youth.last_name, "Foyer des Lilas", "secret assessment"]


def _assert_nothing_confidential(mworld: Any, message: Any) -> None:
    text = f"{message.subject}\n{message.body}"
    for word in _confidential(mworld):
        assert word not in text, (word, text)


def test_the_adoptive_parents_note_is_french_when_the_sender_browses_in_english(
    mworld: Any, active_match: Any, api_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        assert _adopt_by_api(mworld, api_for).status_code == 201
    sent = [m for m in mail.outbox if m.to[0] in {p["email"] for p in PARENTS}]
    assert len(sent) == 2
    for message in sent:
        assert message.subject == WORD["fr"]
        _assert_nothing_confidential(mworld, message)


def test_the_adoptive_parents_note_is_english_for_a_parent_who_reads_english(
    mworld: Any, active_match: Any, api_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert _adopt_by_api(mworld, api_for).status_code == 201
    Person.objects.filter(email=PARENTS[0]["email"]).update(languages=["en"])
    parents = list(Person.objects.filter(email__in=[p["email"] for p in PARENTS]))
    youth = Youth.objects.get(pk=mworld.youth.pk)
    mail.outbox.clear()
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        family._tell_adoptive_parents(youth, parents)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[PARENTS[0]["email"]].subject == WORD["en"]
    assert by_address[PARENTS[1]["email"]].subject == WORD["fr"]
    for message in by_address.values():
        _assert_nothing_confidential(mworld, message)


@pytest.mark.parametrize(("sender", "reader"), [("en", "fr"), ("fr", "en")])
def test_the_check_in_link_is_in_the_guardians_language(
    mworld: Any,
    active_match: Any,
    api_for: Any,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
    sender: str,
    reader: str,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert _adopt_by_api(mworld, api_for).status_code == 201
    Person.objects.filter(email__in=[p["email"] for p in PARENTS]).update(
        languages=[reader] if reader != "fr" else ["fr", "en"]
    )
    checkin = active_match.checkins.get(party="guardian", done_on__isnull=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_for(mworld.world.coordinator).post(
            f"{API}/matches/{active_match.pk}/checkin-links/",
            {"checkin": str(checkin.pk)},
            format="json",
            HTTP_ACCEPT_LANGUAGE=sender,
        )
    assert answer.status_code == 200
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.subject == f"[Entrepairs] {CHECKIN[reader]}"
        _assert_nothing_confidential(mworld, message)


@pytest.mark.parametrize(("sender", "reader"), [("en", "fr"), ("fr", "en")])
def test_an_onboarding_mail_to_a_person_without_account_is_in_their_language(
    world: Any, django_capture_on_commit_callbacks: Any, sender: str, reader: str
) -> None:
    provider = Person.objects.create(
        organisation=world.org_a,
        first_name="Pierre",
        last_name="Prestataire",
        email="pierre@prestataire.test",
        languages=[] if reader == "fr" else ["en"],
    )
    assert recipient_language(provider) == reader
    mail.outbox.clear()
    with translation.override(sender), django_capture_on_commit_callbacks(execute=True):
        assert email_without_account(provider, lambda: _("Onboarding reminder"), lambda: ["Badge"])
    (message,) = mail.outbox
    assert message.subject == f"[Entrepairs] {REMINDER[reader]}"


@pytest.mark.parametrize("reader", ["fr", "en"])
def test_a_user_is_written_to_in_their_preferred_language(world: Any, reader: str) -> None:
    user = world.colleague.user
    user.preferred_language = reader
    user.save()
    with translation.override("en" if reader == "fr" else "fr"):
        assert recipient_language(user) == reader
        assert recipient_language(world.colleague) == reader
