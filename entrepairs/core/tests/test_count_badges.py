"""A count read out to a screen reader agrees with its number (outside test of issue 15: the menu's
badge said « 1 non lues »): the hidden word is a plural form of the catalogue, chosen by the count."""

import re
from typing import Any

import pytest
from django.utils import translation

from entrepairs.core.notifications import msg, notify
from entrepairs.core.tests.notifying import EXAMPLE, LINK

pytestmark = pytest.mark.django_db


def _send(world: Any, times: int) -> None:
    for _ in range(times):
        notify(
            recipient=world.coordinator.user,
            kind=EXAMPLE,
            subject=msg("Open the compliance table to plan the renewal."),
            body=msg("Open the compliance table to plan the renewal."),
            link=LINK,
            email=False,
            organisation=world.org_a,
        )


def _badges(client: Any, language: str) -> list[str]:
    client.cookies["django_language"] = language
    html = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return [
        " ".join(re.sub(r"<[^>]+>", " ", badge).split())
        for badge in re.findall(r'<span class="badge">(.*?</span>)</span>', html)
    ]


@pytest.mark.parametrize(
    ("count", "language", "said"),
    [(1, "fr", "1 non lue"), (2, "fr", "2 non lues"), (1, "en", "1 unread"), (3, "en", "3 unread")],
)
def test_the_unread_badge_agrees_with_its_count(
    world: Any, client_for: Any, count: int, language: str, said: str
) -> None:
    with translation.override("fr"):
        _send(world, count)
    badges = _badges(client_for(world.coordinator), language)
    assert badges and set(badges) == {said}, badges
