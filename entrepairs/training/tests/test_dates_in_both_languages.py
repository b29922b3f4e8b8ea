"""« My trainings » writes its dates as the rest of the UI does, in English as in French
(outside test of issue 15: English dates in another format there): in words in its sentences
(« until 8 February 2027 », « jusqu’au 8 février 2027 »), never ISO, never the other language's
numeric order (core/tests/test_date_formats.py holds the rule)."""

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from entrepairs.core.french import long_date
from entrepairs.training import services

pytestmark = pytest.mark.django_db


def _page(client: Any, language: str) -> str:
    client.cookies["django_language"] = language
    html = client.get("/training/mine/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_my_trainings_writes_its_dates_in_words_in_the_readers_language(
    world: Any, module: Any, client_for: Any, settings: Any, language: str
) -> None:
    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"
    done = timezone.localdate() - timedelta(days=350)  # to renew soon: sessions are offered
    completion = services.completion_record(
        person=world.coordinator, module=module, completed_on=done, by=world.coordinator
    )
    expires = completion.expires_on
    assert expires is not None
    session = services.session_schedule(
        module=module,
        held_on=expires - timedelta(days=5),
        capacity=3,
        place="Lille",
        by=world.coordinator,
    )
    page = _page(client_for(world.coordinator), language)
    with translation.override(language):
        until = long_date(expires)
        held = long_date(session.held_on, "l j F Y")
    assert until in page
    assert held in page
    for day in (done, expires, session.held_on):
        assert day.isoformat() not in page
        # Neither language's numeric order: the page says dates in words.
        assert day.strftime("%d/%m/%Y") not in page and day.strftime("%m/%d/%Y") not in page


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_session_is_named_with_the_readers_short_date(world: Any, language: str) -> None:
    from django.utils import translation

    from entrepairs.groups.models import Group, Session

    group = Group.objects.create(organisation=world.org_a, name="Groupe", kind="supervision")
    starts = timezone.make_aware(datetime(2027, 2, 18, 14, 0))
    session = Session(group=group, starts_at=starts, ends_at=starts + timedelta(hours=2))
    with translation.override(language):
        expected = date_format(timezone.localtime(starts), "SHORT_DATETIME_FORMAT")
        assert str(session) == f"Groupe — {expected}"
    # Day first in both languages (entrepairs/formats/en): 18/02/2027, never 02/18/2027.
    assert date(2027, 2, 18).strftime("%d/%m/%Y") in expected
