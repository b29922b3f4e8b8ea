"""Issue 15 §6: a link a page shows may be followed. For each demo role (`load_demo`), the pages
reachable from the home page, and the links those pages show, never answer 403 or 404: a link
the viewer may not follow is not shown (templates ask the app's rules, the same the target view
asks)."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from entrepairs.accounts.models import User

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
# Not pages of the product: static files, the API and its documentation, Django's admin.
SKIP = ("/static/", "/api/", "/admin/", "/accounts/logout/", "/i18n/")
PAGES_PER_ROLE = 60


def _links(html: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if not href or parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith(SKIP):
            continue
        found.append(href)
    return found


def refused_links(client: Client, start: str = "/", depth: int = 2) -> dict[str, list[str]]:
    """{link answering 403/404: [pages showing it]}, from `start` to `depth` clicks away."""
    status: dict[str, int] = {}
    shown_on: dict[str, list[str]] = {}
    queue = deque([(start, 0)])
    parsed = 0
    while queue and parsed < PAGES_PER_ROLE:
        url, level = queue.popleft()
        if url in status:
            continue
        answer = client.get(url)
        status[url] = answer.status_code
        if answer.status_code != 200 or level >= depth:
            continue
        if not answer.get("Content-Type", "").startswith("text/html"):
            continue
        parsed += 1
        for link in _links(answer.content.decode()):
            shown_on.setdefault(link, []).append(url)
            if link not in status:
                queue.append((link, level + 1))
    # Every link shown on a parsed page is followed, even past the page budget.
    for link in shown_on:
        if link not in status:
            status[link] = client.get(link).status_code
    return {link: pages for link, pages in shown_on.items() if status.get(link) in (403, 404)}


def test_it_shows_each_demo_role_only_links_it_may_follow(demo) -> None:
    refused = {}
    for role, email in demo.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        for link, pages in refused_links(client).items():
            refused[f"{role}: {link}"] = pages[:3]
    assert refused == {}
