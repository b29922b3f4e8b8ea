"""The template list counts each template's versions, published versions and running journeys
right, whatever the mix (two joins from one template used to multiply each other), in the page
and the API, with a number of queries that does not grow with the templates (issue 14 point 5)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.onboarding import services, templating

from .conftest import build_template

pytestmark = pytest.mark.django_db


def _grow(world, onb, *, extra: int) -> dict[str, tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    """The Educator template gets a second published version, a third draft, and three running
    journeys on v1 (one more closed); `extra` templates of one to three versions with no journey.
    Returns (versions, published, running) expected per function."""
    educator = onb.template
    v2 = templating.template_draft(template=educator, by=SYSTEM)
    templating.version_publish(version=v2, by=SYSTEM)
    templating.template_draft(template=educator, by=SYSTEM)
    newcomers = [onb.nina, onb.oscar, world.colleague, world.manager]
    for i, newcomer in enumerate(newcomers):
        journey = services.journey_start(
            version=onb.version,
            newcomer=newcomer,
            start_date=timezone.localdate() + datetime.timedelta(days=5),
            coordinator=world.coordinator,
        ).journey
        if i == 3:
            type(journey).objects.filter(pk=journey.pk).update(status="closed")
    expected = {"Educator": (3, 2, 3)}
    for n in range(extra):
        function = f"Function {n:02d}"
        template = build_template(world.org_a, function=function)
        for _ in range(n % 3):  # more published versions, then one draft
            templating.version_publish(
                version=templating.template_draft(template=template, by=SYSTEM), by=SYSTEM
            )
        templating.template_draft(template=template, by=SYSTEM)
        expected[function] = (2 + n % 3, 1 + n % 3, 0)
    return expected


def _page_counts(text: str) -> dict[str, tuple[int, int, int]]:
    rows = re.findall(
        r'<a href="/onboarding/templates/[^"]+/">([^<]+)</a>.*?'
        r'class="version-count">(\d+)</td><td class="published-count">(\d+)</td>'
        r'<td class="running-count">(\d+)</td>',
        text,
    )
    return {f: (int(v), int(p), int(r)) for f, v, p, r in rows}


def test_it_counts_versions_published_versions_and_running_journeys_right(
    world, onb, client_for, api_for
):
    expected = _grow(world, onb, extra=4)
    page = client_for(world.coordinator).get(reverse("onboarding:templates"))
    assert _page_counts(page.text) == expected
    api = api_for(world.coordinator).get("/api/v1/onboarding/templates/?page_size=100")
    assert api.status_code == 200
    got = {
        row["function"]: (row["version_count"], row["published_versions"], row["running_journeys"])
        for row in api.json()["results"]
    }
    assert got == expected
    # The API's list of versions agrees with its count.
    assert all(len(row["versions"]) == row["version_count"] for row in api.json()["results"])


def test_the_template_list_asks_a_bounded_number_of_queries(world, onb, client_for):
    client = client_for(world.coordinator)
    _grow(world, onb, extra=2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("onboarding:templates"))
    for n in range(2, 8):
        template = build_template(world.org_a, function=f"More {n}")
        templating.template_draft(template=template, by=SYSTEM)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("onboarding:templates"))
    assert len(_page_counts(page.text)) == 9
    assert len(many.captured_queries) == len(few.captured_queries)
