"""Notifications are worded in the READER's language (outside test, issue 15 F6/F17): a sender
whose browser is in English no longer fills a French coordinator's inbox with English, the e-mail
copy goes out in the recipient's language (French unless they chose another), dates are worded
when read, and French writing rules ("d’Amina", "1er mai") apply to French only."""

from datetime import date, datetime

import pytest
from django.conf import settings
from django.tasks import task_backends
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from entrepairs.core.models import Notification
from entrepairs.core.notifications import When, lines, msg, msg_plural, notify
from entrepairs.core.tests.notifying import EXAMPLE, LINK

pytestmark = pytest.mark.django_db

EXPIRY = "The training “%(module)s” of %(person)s expires on %(date)s"


def _expiry(**params):  # type: ignore[no-untyped-def]
    return msg(EXPIRY, **({"module": "Premiers secours", "person": "Amina Diallo"} | params))


def _sent_in_english(world, **extra) -> Notification:  # type: ignore[no-untyped-def]
    """A notification sent from a request whose language is English."""
    fields = {
        "recipient": world.coordinator.user,
        "kind": EXAMPLE,
        "subject": msg(
            "Your training “%(module)s” expires on %(date)s",
            module="Premiers secours",
            date=date(2026, 10, 16),
        ),
        "title": _expiry(date=date(2026, 10, 16)),
        "body": msg("Open the compliance table to plan the renewal."),
        "link": LINK,
        "email": False,
        "organisation": world.org_a,
    } | extra
    with translation.override("en"):
        return notify(**fields)


# -- the rendering -------------------------------------------------------------------------------


def test_it_words_a_text_with_a_date_and_a_name_in_french_with_elision():
    with translation.override("fr"):
        text = _expiry(date=date(2026, 10, 16)).render()
    assert (
        text
        == "La formation «\u00a0Premiers secours\u00a0» d’Amina Diallo expire le 16 octobre 2026"
    )


def test_it_words_the_same_text_in_english_without_french_rules():
    with translation.override("en"):
        text = _expiry(date=date(2026, 10, 16)).render()
    assert text == "The training “Premiers secours” of Amina Diallo expires on 16 October 2026"


def test_the_first_of_the_month_is_an_ordinal_in_french_only():
    with translation.override("fr"):
        assert _expiry(date=date(2027, 5, 1)).render().endswith("expire le 1er mai 2027")
    with translation.override("en"):
        assert _expiry(date=date(2027, 5, 1)).render().endswith("expires on 1 May 2027")


def test_plurals_moments_lists_and_nested_texts_are_worded_when_read():
    tasks = msg_plural(
        "Onboarding: %(count)s task for the arrival of %(name)s",
        "Onboarding: %(count)s tasks for the arrival of %(name)s",
        3,
        name="Amina",
    )
    start = timezone.make_aware(datetime(2027, 1, 12, 14, 0))
    moment = msg(
        "A session of %(group)s is planned on %(when)s, %(place)s.",
        group="Analyse",
        when=When(start),
        place=msg("online"),
    )
    listed = lines(msg("Open the compliance table to plan the renewal."), "Salle B", sep=" / ")
    with translation.override("fr"):
        assert tasks.render() == "Intégration\u00a0: 3 tâches pour l’arrivée d’Amina"
        assert "12 janvier 2027 à 14\u00a0h\u00a000" in moment.render()
        assert moment.render().endswith("en ligne.")
        assert listed.render().endswith(" / Salle B")
    with translation.override("en"):
        assert tasks.render() == "Onboarding: 3 tasks for the arrival of Amina"
        assert "12 January 2027 at 14:00" in moment.render()
        assert moment.render().endswith("online.")


def test_it_stores_the_msgids_and_the_parameters_with_dates_as_iso(world):
    note = _sent_in_english(world)
    assert note.texts["title"] == {
        "id": EXPIRY,
        "params": {
            "module": "Premiers secours",
            "person": "Amina Diallo",
            "date": {"date": "2026-10-16"},
        },
    }
    # The columns keep the platform language's wording, whatever the sender's language.
    assert (
        note.title
        == "La formation «\u00a0Premiers secours\u00a0» d’Amina Diallo expire le 16 octobre 2026"
    )


def test_an_older_notification_keeps_showing_its_stored_text(world):
    note = _sent_in_english(world)
    Notification.objects.filter(pk=note.pk).update(texts={})
    note.refresh_from_db()
    with translation.override("en"):
        assert note.headline == note.title  # the stored French text, nothing to translate


def test_a_plain_text_is_shown_as_it_is_in_every_language(world):
    note = _sent_in_english(world, title="Réunion de Claire")
    with translation.override("en"):
        assert note.headline == "Réunion de Claire"


# -- every channel that shows one ---------------------------------------------------------------


def test_the_inbox_page_is_in_french_for_a_french_reader_whatever_the_sender(world, client_for):
    _sent_in_english(world)
    client = client_for(world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(reverse("notifications:list")).content.decode()
    assert (
        "La formation «\u00a0Premiers secours\u00a0» d’Amina Diallo expire le 16 octobre 2026"
        in html
    )
    assert "Ouvrez le tableau de conformité pour prévoir le renouvellement." in html
    assert "expires on" not in html and "October" not in html


def test_the_inbox_page_is_in_english_for_an_english_reader(world, client_for):
    _sent_in_english(world)
    client = client_for(world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("notifications:list")).content.decode()
    assert "The training “Premiers secours” of Amina Diallo expires on 16 October 2026" in html
    assert "Open the compliance table to plan the renewal." in html
    assert "expire le" not in html


def test_the_home_page_block_is_in_the_readers_language(world, client_for):
    with translation.override("fr"):  # sent from a French page this time
        notify(
            recipient=world.coordinator.user,
            kind=EXAMPLE,
            subject=msg(
                "Your training “%(module)s” expires on %(date)s",
                module="PSC1",
                date=date(2026, 10, 16),
            ),
            body=msg("Open the compliance table to plan the renewal."),
            link=LINK,
            email=False,
            organisation=world.org_a,
        )
    client = client_for(world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard")).content.decode()
    assert "Your training “PSC1” expires on 16 October 2026" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(reverse("dashboard")).content.decode()
    assert "Votre formation «\u00a0PSC1\u00a0» expire le 16 octobre 2026" in html


@pytest.mark.parametrize(
    ("language", "title", "body"),
    [
        (
            "fr",
            "La formation «\u00a0Premiers secours\u00a0» d’Amina Diallo expire le 16 octobre 2026",
            "Ouvrez le tableau de conformité pour prévoir le renouvellement.",
        ),
        (
            "en",
            "The training “Premiers secours” of Amina Diallo expires on 16 October 2026",
            "Open the compliance table to plan the renewal.",
        ),
    ],
)
def test_the_api_words_them_in_the_language_asked(world, api_for, language, title, body):
    note = _sent_in_english(world)
    api = api_for(world.coordinator)
    row = api.get(f"/api/v1/notifications/{note.pk}/", HTTP_ACCEPT_LANGUAGE=language).json()
    assert (row["title"], row["body"]) == (title, body)
    listed = api.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE=language).json()["results"]
    assert [r["title"] for r in listed] == [title]


# -- the e-mail copy ----------------------------------------------------------------------------


@pytest.fixture
def immediate_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    task_backends._settings = None  # type: ignore[attr-defined]  # reload from the setting
    yield
    task_backends._settings = None  # type: ignore[attr-defined]


def test_the_e_mail_is_in_french_when_an_english_page_sent_it(world, immediate_tasks, mailoutbox):
    assert world.coordinator.user.preferred_language == "fr"
    with TestCase.captureOnCommitCallbacks(execute=True):
        _sent_in_english(world, email=True)
    (mail,) = mailoutbox
    assert (
        mail.subject
        == "[Entrepairs] Votre formation «\u00a0Premiers secours\u00a0» expire le 16 octobre 2026"
    )
    assert mail.body.startswith("Ouvrez le tableau de conformité pour prévoir le renouvellement.")
    assert "Amina" not in mail.subject + mail.body  # the title (naming who) is never e-mailed


def test_the_e_mail_is_in_the_recipients_chosen_language(world, immediate_tasks, mailoutbox):
    user = world.coordinator.user
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    with TestCase.captureOnCommitCallbacks(execute=True), translation.override("fr"):
        notify(
            recipient=user,
            kind=EXAMPLE,
            subject=msg(
                "Your training “%(module)s” expires on %(date)s",
                module="PSC1",
                date=date(2026, 10, 16),
            ),
            body=msg("Open the compliance table to plan the renewal."),
            link=LINK,
            organisation=world.org_a,
        )
    (mail,) = mailoutbox
    assert mail.subject == "[Entrepairs] Your training “PSC1” expires on 16 October 2026"
    assert mail.body.startswith("Open the compliance table to plan the renewal.\n\n")


# -- every caller -------------------------------------------------------------------------------

SENDERS = {
    "notify",
    "_notify_people",
    "_notify_team",
    "_tell",
    "_tell_members",
    "_tell_the_requester",
    "_tell_sending_side",
}
TRANSLATED_NOW = {"_", "gettext", "ngettext", "pgettext", "npgettext", "date_format", "long_date"}


def _translated_when_sent(value) -> bool:  # type: ignore[no-untyped-def]
    """A text put into words in the sender's language: gettext, a %-formatted or f-string."""
    import ast

    if isinstance(value, (ast.BinOp, ast.JoinedStr)):
        return True
    return isinstance(value, ast.Call) and getattr(value.func, "id", None) in TRANSLATED_NOW


def test_no_sender_words_a_notification_in_its_own_language():
    """Every caller passes msg()/msg_plural() texts (or a name to forward), never a text already
    translated in the sender's request (the outside test's F6/F17)."""
    import ast
    from pathlib import Path

    import entrepairs

    found = []
    for path in Path(entrepairs.__file__).parent.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in SENDERS:
                continue
            for keyword in node.keywords:
                if keyword.arg in ("subject", "title", "body") and _translated_when_sent(
                    keyword.value
                ):
                    found.append(f"{path.name}:{node.lineno} {keyword.arg}=")
    assert found == []
    # Positive control: the check sees a caller written the old way.
    old = ast.parse('notify(subject=_("Tomorrow: %(title)s") % {"title": t})').body[0]
    assert _translated_when_sent(old.value.keywords[0].value)  # type: ignore[attr-defined]
