"""The language control sets the account's language too (outside test of #15: a member who
switched to English still got French list e-mails, as only the page's cookie changed)."""

from typing import Any

import pytest
from django.conf import settings

from entrepairs.core.mail import recipient_language

pytestmark = pytest.mark.django_db


def test_a_signed_in_person_switching_language_is_written_to_in_it(
    world: Any, client_for: Any
) -> None:
    client = client_for(world.professional)
    answer = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert answer.status_code == 302
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    world.professional.user.refresh_from_db()
    assert world.professional.user.preferred_language == "en"
    assert recipient_language(world.professional) == "en"
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    world.professional.user.refresh_from_db()
    assert world.professional.user.preferred_language == "fr"


def test_a_language_the_platform_does_not_offer_changes_nothing(
    world: Any, client_for: Any
) -> None:
    client_for(world.professional).post("/i18n/setlang/", {"language": "xx", "next": "/"})
    world.professional.user.refresh_from_db()
    assert world.professional.user.preferred_language == "fr"


def test_a_visitor_gets_the_cookie_only(client: Any) -> None:
    answer = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
