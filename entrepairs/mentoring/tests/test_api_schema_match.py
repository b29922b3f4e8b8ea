"""The OpenAPI schema tells the truth about a match's JSON (finding F10): the list and the detail
answer `MentoringMatchForViewer`, whose shape depends on who asks. Each viewer's real answer is
validated against the component, with no key the component does not document."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db
COMPONENT = "MentoringMatchForViewer"


@pytest.fixture(scope="module")
def openapi():  # type: ignore[no-untyped-def]
    return SchemaGenerator().get_schema(request=None, public=True)


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0's `nullable: true` as JSON Schema's `"type": [..., "null"]`; every object
    closed to undocumented keys, so an answer's keys must be a subset of the documented ones."""
    if isinstance(node, list):
        return [_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _json_schema(v) for k, v in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    if "properties" in node:
        node.setdefault("additionalProperties", False)
    return node


def _validator(openapi: dict[str, Any]) -> jsonschema.Validator:
    components = _json_schema(copy.deepcopy(openapi["components"]))
    root = {"$ref": f"#/components/schemas/{COMPONENT}", "components": components}
    return jsonschema.Draft202012Validator(root)


def test_the_list_and_the_detail_document_the_match_for_its_viewer(openapi) -> None:
    paths = openapi["paths"]
    listed = paths["/api/v1/mentoring/matches/"]["get"]["responses"]["200"]["content"]
    page = openapi["components"]["schemas"][listed["application/json"]["schema"]["$ref"][21:]]
    assert page["properties"]["results"]["items"]["$ref"].endswith(COMPONENT)
    detail = paths["/api/v1/mentoring/matches/{id}/"]["get"]["responses"]["200"]["content"]
    assert detail["application/json"]["schema"]["$ref"].endswith(COMPONENT)


def _answers(api: Any, match: Any) -> list[dict[str, Any]]:
    listed = api.get("/api/v1/mentoring/matches/")
    detail = api.get(f"/api/v1/mentoring/matches/{match.pk}/")
    assert listed.status_code == 200 and detail.status_code == 200
    rows = [r for r in listed.json()["results"] if r["id"] == str(match.pk)]
    assert len(rows) == 1
    return [rows[0], detail.json()]


@pytest.mark.parametrize(
    ("viewer", "role", "extra"),
    [
        ("coordinator", "staff", {"score", "breakdown", "closure_reason", "last_contact_on"}),
        ("agency case worker", "agency", {"score", "breakdown", "closure_reason_label"}),
        ("mentor", "mentor", {"youths", "shared_because"}),
    ],
)
def test_each_viewers_answer_matches_the_documented_component(
    mworld, active_match, api_for, openapi, viewer: str, role: str, extra: set[str]
) -> None:
    person = {
        "coordinator": mworld.world.coordinator,
        "agency case worker": mworld.world.worker_b,
        "mentor": mworld.mentor.person,
    }[viewer]
    validator = _validator(openapi)
    for body in _answers(api_for(person), active_match):
        assert body["role"] == role and extra <= set(body)  # the viewer's own fields are there
        errors = [e.message for e in validator.iter_errors(body)]
        assert errors == []


def test_the_check_refuses_an_undocumented_key_or_a_missing_required_one(
    mworld, active_match, api_for, openapi
) -> None:
    """The positive control: the validator does fail on a key the schema does not promise."""
    validator = _validator(openapi)
    (body, _detail) = _answers(api_for(mworld.world.coordinator), active_match)
    assert validator.is_valid(body)
    assert not validator.is_valid({**body, "closure_conversation": "not documented"})
    assert not validator.is_valid({k: v for k, v in body.items() if k != "role"})
