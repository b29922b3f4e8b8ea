"""The OpenAPI schema tells the truth about what the API answers (see also fuzz/, schemathesis)."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def openapi():  # type: ignore[no-untyped-def]
    return SchemaGenerator().get_schema(request=None, public=True)


def test_it_documents_the_error_answers_of_every_operation(openapi):
    operations = [
        (path, method, operation)
        for path, item in openapi["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]
    assert len(operations) > 200
    undocumented = [
        f"{method.upper()} {path} {status}"
        for path, method, operation in operations
        for status in ("400", "401", "403", "404")
        if status not in operation["responses"]
    ]
    assert undocumented == []
    assert openapi["paths"]["/api/v1/teams/"]["get"]["responses"]["401"]["content"] == {
        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
    }


def test_it_promises_pages_only_where_the_api_answers_pages(openapi):
    """Detail actions that answer plain lists (a session's attendance, the notes a match's POST
    adds) are not documented as pages."""
    plain_lists = [
        ("/api/v1/groups/sessions/{id}/attendance/", "get", "200"),
        ("/api/v1/groups/{id}/plan/", "post", "201"),
        ("/api/v1/mentoring/matches/{id}/notes/", "post", "201"),
        ("/api/v1/mentoring/proposals/{id}/swap/", "post", "200"),
    ]
    for path, method, status in plain_lists:
        body = openapi["paths"][path][method]["responses"][status]["content"]["application/json"]
        assert body["schema"]["type"] == "array", path
        ref = body["schema"]["items"].get("$ref", "")
        assert ref.removeprefix("#/components/schemas/") in openapi["components"]["schemas"], ref


def test_it_documents_a_match_follow_up_list_as_a_page(openapi):
    """A match's contacts, check-ins and notes grow for its whole life: the API pages them."""
    for what in ("notes", "contacts", "checkins"):
        get = openapi["paths"][f"/api/v1/mentoring/matches/{{id}}/{what}/"]["get"]
        schema = get["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["$ref"].startswith("#/components/schemas/Paginated"), what
        assert {"page", "page_size"} <= {p["name"] for p in get["parameters"]}, what


def test_it_anchors_the_contract_document_kind(openapi):
    (kind,) = [
        p
        for p in openapi["paths"]["/api/v1/groups/contracts/{id}/document/{kind}/"]["get"][
            "parameters"
        ]
        if p["name"] == "kind"
    ]
    assert kind["schema"]["pattern"] == "^(?:quote|contract)$"


def test_it_answers_an_unknown_api_address_with_the_json_error(world, api_for):
    api = api_for(world.coordinator)
    assert api.get("/api/v1/people/").status_code == 200  # positive control, same channel
    response = api.get("/api/v1/people/not-a-uuid/")
    assert response.status_code == 404
    error = response.json()["error"]
    assert (error["code"], error["fields"]) == ("not_found", {})


def test_it_lists_calendar_feeds_with_a_null_url_once_created(world):
    """The feed's address is shown once, at creation; the list still has the `url` key the schema
    promises, null. With a session: a token, scoped to one organisation, makes no feed (a feed
    spans every organisation; issue 10, token scope)."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(world.professional.user, backend="django.contrib.auth.backends.ModelBackend")
    created = api.post("/api/v1/groups/calendar-feeds/", {"scope": "member"}, format="json")
    assert created.status_code == 201
    assert "/groups/ics/" in created.json()["url"]
    listed = api.get("/api/v1/groups/calendar-feeds/").json()["results"]
    assert [(feed["id"], feed["url"]) for feed in listed] == [(created.json()["id"], None)]


def test_it_declares_null_wherever_a_relation_may_be_empty():
    """A hand-declared related field over a nullable foreign key says so (allow_null), or the
    schema promises a string where the API answers null (found by the fuzzing, training
    completions recorded by hand have no session)."""
    from django.urls import get_resolver
    from rest_framework import serializers

    def walk(patterns):  # type: ignore[no-untyped-def]
        for pattern in patterns:
            yield from walk(getattr(pattern, "url_patterns", []))
            view = getattr(getattr(pattern, "callback", None), "cls", None)
            if view is not None and getattr(view, "serializer_class", None) is not None:
                yield view.serializer_class

    checked, undeclared = 0, []
    for serializer_class in set(walk(get_resolver().url_patterns)):
        model = getattr(getattr(serializer_class, "Meta", None), "model", None)
        if model is None:
            continue
        for name, field in serializer_class._declared_fields.items():
            if not isinstance(field, serializers.RelatedField):
                continue
            source = field.source or name
            model_fields = {f.name: f for f in model._meta.get_fields()}
            if source not in model_fields:  # a computed source, not a column
                continue
            model_field = model_fields[source]
            checked += 1
            if getattr(model_field, "null", False) and not field.allow_null:
                undeclared.append(f"{serializer_class.__name__}.{name}")
    assert checked > 5  # positive control: the walk reaches the hand-declared relations
    assert undeclared == []


def _property(openapi, component: str, name: str):  # type: ignore[no-untyped-def]
    return openapi["components"]["schemas"][component]["properties"][name]


def _enum_values(openapi, schema) -> set[str]:  # type: ignore[no-untyped-def]
    """The values a property's schema accepts, through its component references."""
    refs = [schema, *schema.get("oneOf", []), *schema.get("allOf", [])]
    values: set[str] = set(schema.get("enum", []))
    for ref in refs:
        if "$ref" in ref:
            component = openapi["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]
            values |= set(component.get("enum", []))
    return values


def test_it_accepts_the_blank_a_read_only_choice_really_returns(openapi):
    """A check-in not yet answered (or recorded by the scheduler) has no `recorded_via`: the API
    returns "" there, and the schema must accept it (the fuzzing found it refused, stop 25)."""
    recorded_via = _property(openapi, "MentoringCheckIn", "recorded_via")
    assert _enum_values(openapi, recorded_via) == {"account", "link", "on_behalf", ""}


def test_every_choice_of_a_blank_model_field_documents_the_blank():
    """The class of that finding: every choice field a model serializer builds from a model field
    with `blank=True` says "" is a value, read-only or not."""
    from django.core.exceptions import FieldDoesNotExist
    from rest_framework import serializers

    def subclasses(cls):  # type: ignore[no-untyped-def]
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    checked, missing = 0, []
    for serializer_class in set(subclasses(serializers.ModelSerializer)):
        meta = getattr(serializer_class, "Meta", None)
        if not serializer_class.__module__.startswith("entrepairs.") or meta is None:
            continue
        for name, field in serializer_class().fields.items():
            if not isinstance(field, serializers.ChoiceField) or "." in (field.source or ""):
                continue
            try:
                blank = meta.model._meta.get_field(field.source).blank
            except FieldDoesNotExist:  # a declared field with no model field behind it
                continue
            if blank:
                checked += 1
                if not field.allow_blank and not isinstance(field, serializers.MultipleChoiceField):
                    missing.append(f"{serializer_class.__name__}.{name}")
    assert checked >= 4
    assert missing == []
