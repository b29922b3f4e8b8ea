"""Every list page and every API list is query-counted at 10, 100 and 1,000 rows by some test.

The lists: each GET operation of the OpenAPI schema answering a page of results or an array, plus
ALSO_LISTS; each HTML page of an app namespace named `list` or with a plural name, plus
ALSO_LISTS. A query-count module (`entrepairs/<app>/tests/test_query_count*.py`, built on
`core/tests/querycounts.py`) declares the URL names it measures in `QUERY_COUNTED`; this test
collects them and names every list nobody declares.
"""

from __future__ import annotations

import importlib
import re
import uuid
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator

import entrepairs

# Every namespace of the project is an app's, so a new app is covered the day it lands; only
# Django's own are left out.
NOT_APP_NAMESPACES = {"admin"}
# Lists the naming rule does not find: pages and API answers that list rows under another name.
ALSO_LISTS = {
    "groups:detail",  # its members and sessions
    "groups:attendance",  # a mark per member
    "groups:dashboard",  # the groups the person runs
    "groups:co_ownership",  # the requests to decide and those sent
    "groups:calendar",  # the person's calendar addresses
    "mentoring:home",  # the programmes
    "mentoring:match",  # the match's check-ins, contacts and notes
    "organisations:detail",  # its sites, teams and members
    "training:catalogue",
    "training:compliance",  # a row per person, a column per required module
    "onboarding:dashboard",
    "onboarding:setup",  # the contacts and tutors
    "onboarding-dashboard",
    "training-compliance",
    "casework:home",  # the core teams the person may see
    "casework:team",  # its members and their loads
    "casework:proposal",  # its moves
}
# Pages the naming rule takes for lists but that list nothing which grows, and why.
NOT_LISTS = {
    "accounts:settings": "a form (the tokens it lists are the user's own, a handful)",
    "groups:settings": "a form",
    "organisations:settings": "a form",
    "onboarding:version_frames": "a form",
    "mentoring:reports": "figures grouped in SQL (a row per status or reason), not rows",
    "mentoring:run_progress": "one matching run's progress (an HTMX fragment)",
}
# Lists not measured yet (issue 19 point 2), to be taken off as their tests arrive: the test
# fails on an entry that has become covered, so this can only shrink.
NOT_YET_COUNTED: set[str] = set()


def _api_lists() -> set[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = set()
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        body = (get["responses"].get("200") or {}).get("content", {}).get("application/json", {})
        shape = body.get("schema", {})
        paged = shape.get("$ref", "").rsplit("/", 1)[-1].startswith("Paginated")
        if paged or shape.get("type") == "array":
            found.add(resolve(re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)).view_name)
    return found


def _pages() -> set[str]:
    names = set()

    def walk(resolver: URLResolver, namespace: str | None) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, pattern.namespace or namespace)
            elif (
                isinstance(pattern, URLPattern)
                and namespace is not None
                and namespace not in NOT_APP_NAMESPACES
                and pattern.name
            ):
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver(), None)
    return names


def _page_lists(pages: set[str]) -> set[str]:
    listing = {p for p in pages if p.split(":")[1] == "list" or p.endswith("s")}
    return listing - NOT_LISTS.keys()


def _declared() -> dict[str, set[str]]:
    """{URL name: the query-count modules declaring it}."""
    root = Path(entrepairs.__file__).parent
    declared: dict[str, set[str]] = {}
    for file in sorted(root.glob("*/tests/test_query_count*.py")):
        name = ".".join(file.relative_to(root.parent).with_suffix("").parts)
        module: Any = importlib.import_module(name)
        for url_name in getattr(module, "QUERY_COUNTED", ()):
            declared.setdefault(url_name, set()).add(name)
    return declared


def test_every_list_page_and_api_list_is_query_counted() -> None:
    lists = _api_lists() | _page_lists(_pages()) | ALSO_LISTS
    uncovered = lists - _declared().keys() - NOT_YET_COUNTED
    assert not uncovered, (
        f"lists no test query-counts (declare them in QUERY_COUNTED): {sorted(uncovered)}"
    )


def test_the_not_yet_counted_lists_are_lists_still_uncounted() -> None:
    lists = _api_lists() | _page_lists(_pages()) | ALSO_LISTS
    assert sorted(NOT_YET_COUNTED - lists) == []
    assert sorted(NOT_YET_COUNTED & _declared().keys()) == []


def test_every_declared_name_is_a_url_of_the_project() -> None:
    api = get_resolver("entrepairs.api_urls").url_patterns
    known = _pages() | {p.name for p in api if isinstance(p, URLPattern) and p.name}
    assert sorted(_declared().keys() - known) == []


def test_it_finds_the_lists_it_must() -> None:
    """Positive control: the rules find known lists of each kind (a broken rule finds none)."""
    lists = _api_lists() | _page_lists(_pages())
    assert {"person-list", "mentoring-match-checkins", "people:list", "mentoring:youths"} <= lists
    assert "casework:cases" in lists  # an app's pages are found without listing the app
    assert "people:detail" not in lists and "person-detail" not in lists
