"""API errors speak the caller's language: with `Accept-Language: fr`, or no header (French first),
every message (DRF's own, our serializers', our services' ValidationError, permission refusals)
is French. Each check has a control: the same request in English answers English."""

import re
import uuid
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

# Words of an English sentence that French never uses on its own.
ENGLISH = re.compile(
    r"\b(the|this|that|is|are|you|your|not|may|must|cannot|can|field|valid|required|unknown|"
    r"use|with|into|of|already|another|belongs|only|one|and|to|be|has|have|was|were|no|error|"
    r"expecting|request|malformed|invalid)\b",
    re.IGNORECASE,
)


def _messages(response: Any) -> list[str]:
    error = response.json()["error"]
    found = [error["message"]]
    for messages in error["fields"].values():
        found.extend(messages)
    return found


def _english(messages: list[str]) -> list[str]:
    return [m for m in messages if ENGLISH.search(m)]


def _cases(world: Any, api_for: Any) -> list[tuple[str, Any, Any]]:
    """(what, client, request) — each request is refused with a message."""
    a, b = api_for(world.coordinator), api_for(world.coordinator_b)
    pro = api_for(world.professional)
    nobody = APIClient()
    return [
        ("required fields", a, lambda c, h: c.post("/api/v1/teams/", {}, format="json", **h)),
        (
            "a person of elsewhere",
            a,
            lambda c, h: c.post(
                "/api/v1/memberships/",
                {
                    "person": str(world.worker_b.pk),
                    "organisation": str(world.org_a.pk),
                    "role": "expert",
                },
                format="json",
                **h,
            ),
        ),
        (
            "an organisation one does not manage",
            a,
            lambda c, h: c.post(
                "/api/v1/people/",
                {"organisation": str(world.org_b.pk), "first_name": "X", "last_name": "Y"},
                format="json",
                **h,
            ),
        ),
        (
            "a role for someone of elsewhere (serializer rule)",
            b,
            lambda c, h: c.post(
                "/api/v1/memberships/",
                {
                    "person": str(world.facilitator.pk),
                    "organisation": str(world.org_b.pk),
                    "role": "expert",
                },
                format="json",
                **h,
            ),
        ),
        (
            "a team with child teams (service rule)",
            a,
            lambda c, h: c.delete(f"/api/v1/teams/{world.region.pk}/", **h),
        ),
        (
            "a role request to one's own staff (service rule)",
            b,
            lambda c, h: c.post(
                "/api/v1/role-requests/",
                {
                    "organisation": str(world.org_b.pk),
                    "email": world.worker_b.email,
                    "role": "expert",
                },
                format="json",
                **h,
            ),
        ),
        ("an export format", a, lambda c, h: c.get("/api/v1/people/export/?format=pdf", **h)),
        (
            "an unknown organisation",
            a,
            lambda c, h: c.get(f"/api/v1/people/export/?organisation={uuid.uuid4()}", **h),
        ),
        ("an export refused", pro, lambda c, h: c.get("/api/v1/people/export/", **h)),
        (
            "a permission refused",
            pro,
            lambda c, h: c.patch(
                f"/api/v1/teams/{world.core.pk}/", {"name": "Z"}, format="json", **h
            ),
        ),
        ("not found", a, lambda c, h: c.get(f"/api/v1/people/{uuid.uuid4()}/", **h)),
        ("not signed in", nobody, lambda c, h: c.get("/api/v1/people/", **h)),
        ("a method", a, lambda c, h: c.put("/api/v1/memberships/", {}, format="json", **h)),
        (
            "malformed JSON",
            a,
            lambda c, h: c.post("/api/v1/teams/", "{", content_type="application/json", **h),
        ),
        ("a bad filter", a, lambda c, h: c.get("/api/v1/people/?organisation=zz", **h)),
        ("a page out of range", a, lambda c, h: c.get("/api/v1/people/?page=999", **h)),
    ]


def test_it_answers_every_sampled_error_in_french_and_in_english_when_asked(world, api_for):
    english_in_french = {}
    for what, client, send in _cases(world, api_for):
        english = send(client, {"HTTP_ACCEPT_LANGUAGE": "en"})
        assert english.status_code >= 400, what
        # Control: the detector sees the English answer.
        assert _english(_messages(english)), (what, _messages(english))
        for headers in ({"HTTP_ACCEPT_LANGUAGE": "fr"}, {}):
            french = send(client, headers)
            assert french.status_code == english.status_code, what
            if _english(_messages(french)):
                english_in_french[what] = _messages(french)
    assert english_in_french == {}


@pytest.fixture(scope="module")
def collection_posts() -> list[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [path for path, item in schema["paths"].items() if "post" in item and "{" not in path]


def test_it_answers_an_empty_creation_in_french_on_every_endpoint(world, api_for, collection_posts):
    assert len(collection_posts) > 20
    api = api_for(world.coordinator)
    english_in_french = {}
    for path in collection_posts:
        response = api.post(path, {}, format="json", HTTP_ACCEPT_LANGUAGE="fr")
        if response.status_code >= 400 and response["Content-Type"].startswith("application/json"):
            found = _english(_messages(response))
            if found:
                english_in_french[path] = found
    assert english_in_french == {}


def test_it_marks_every_error_message_of_the_code_for_translation():
    """Static companion: an English literal raised as an error (not wrapped in gettext) would
    reach French callers on paths the sample above does not walk."""
    import ast
    from pathlib import Path

    import entrepairs

    errors = {"ValidationError", "PermissionDenied", "NotFound", "ParseError", "Http404"}
    gettext = {"_", "_t", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext"}

    def plain(node: ast.AST) -> list[ast.Constant]:
        if isinstance(node, ast.Call):
            if getattr(node.func, "id", getattr(node.func, "attr", "")) in gettext:
                return []
            return [s for a in [*node.args, *(k.value for k in node.keywords)] for s in plain(a)]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node] if " " in node.value and any(c.isalpha() for c in node.value) else []
        return [s for child in ast.iter_child_nodes(node) for s in plain(child)]

    root = Path(entrepairs.__file__).parent
    found = []
    for path in root.rglob("*.py"):
        if {"tests", "migrations", "management"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            name = getattr(getattr(node, "func", None), "id", None) or getattr(
                getattr(node, "func", None), "attr", ""
            )
            if isinstance(node, ast.Call) and name in errors:
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    found += [f"{path.relative_to(root)}:{s.lineno}" for s in plain(arg)]
    assert found == []
