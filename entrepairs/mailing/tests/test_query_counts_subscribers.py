"""The newsletter's subscriber list, page and API, costs the same queries for 3 sign-ups or 33."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .. import services

QUERY_COUNTED = {"mailing:subscribers", "newsletter-subscribers"}


@pytest.mark.parametrize(
    "url", ["/groups/newsletter/subscribers/", "/api/v1/groups/newsletter/subscribers/"]
)
def test_the_subscriber_list_costs_the_same_queries_whatever_its_size(
    world, client_for, settings, url
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    for n in range(3):
        services.subscribe_public(provider=world.org_a, email=f"premier{n}@exemple.fr")
    client = client_for(world.coordinator)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(30):
        services.subscribe_public(provider=world.org_a, email=f"lecteur{n}@exemple.fr")
    with CaptureQueriesContext(connection) as large:
        answer = client.get(url)
    assert answer.status_code == 200 and "lecteur29@exemple.fr" in answer.content.decode()
    assert len(large) == len(small)
