"""The person picker's search in the JSON API: documented in the OpenAPI schema, the same answer
as the page's search, another organisation's people never in it, and refusals as the house
convention (401 anonymous, 404 unknown source or forged context)."""

import pytest
from django.core import signing
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
API = "/api/v1/people/pick/onboarding.people/"


def test_the_schema_documents_the_picker_search():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    get = schema["paths"]["/api/v1/people/pick/{source}/"]["get"]
    assert {"source", "q", "context"} <= {p["name"] for p in get["parameters"]}
    assert {"200", "401", "403", "404"} <= set(get["responses"])
    body = get["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/PersonPickerMatches")


def test_the_api_answers_what_the_page_answers_never_another_organisations_people(
    world, client_for, api_for
):
    page = client_for(world.coordinator).get("/people/pick/onboarding.people/", {"q": "co"})
    api = api_for(world.coordinator).get(API, {"q": "co"})
    assert api.status_code == 200 and api.json() == page.json()
    labels = [r["label"] for r in api.json()["results"]]
    assert any(label.startswith("Colin Collegue") for label in labels)
    ids = {r["id"] for r in api_for(world.coordinator).get(API).json()["results"]}
    assert str(world.coordinator_b.pk) not in ids and str(world.worker_b.pk) not in ids


def test_the_api_refuses_the_anonymous_an_unknown_source_and_a_forged_context(world, api_for):
    assert APIClient().get(API).status_code == 401
    api = api_for(world.coordinator)
    assert api.get("/api/v1/people/pick/no.such.source/").status_code == 404
    forged = signing.dumps({"organisation": str(world.org_b.pk)}, salt="another salt")
    assert api.get(API, {"context": forged}).status_code == 404


def test_every_source_called_without_its_context_is_missing_not_a_crash(world, api_for, client_for):
    """Sources that need a context (the request a coach is picked for, a network) answered 500
    when called without it (outside test of issue 16): each source, in the API and the page."""
    from entrepairs.people import picker

    api, page = api_for(world.coordinator), client_for(world.coordinator)
    wrong = picker.sign_context({"no_such_context": "1"})
    for name in sorted(picker.SOURCES):
        for context in ({}, {"context": wrong}):
            for answer in (
                api.get(f"/api/v1/people/pick/{name}/", context),
                page.get(f"/people/pick/{name}/", context),
            ):
                assert answer.status_code in {200, 403, 404}, (name, context, answer.status_code)
