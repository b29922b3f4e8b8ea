"""An API write that names a related record the caller may not see gets the answer of an id that
does not exist, never one that tells the record exists, and is never accepted (security review
F9; one field for every app: core.api.fields.VisibleRelatedField).

Each row is a write endpoint and one of its related-id fields; the caller is organisation A's
coordinator and the unseen record is organisation B's. The same write with a random id is the
reference: same status, same message once the quoted id is left out."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

pytestmark = pytest.mark.usefixtures("english_messages")


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    url: Callable[[Any], str]
    field: str
    unseen: Callable[[Any], Any]  # organisation B's record, from the world
    body: Callable[[Any], dict[str, Any]] = lambda w: {}
    many: bool = False


def _org_b(w: Any) -> Any:
    return w.org_b


def _worker_b(w: Any) -> Any:
    return w.worker_b


ROWS = [
    Row(
        "people: line manager",
        "patch",
        lambda w: f"/api/v1/people/{w.colleague.pk}/",
        "line_manager",
        _worker_b,
    ),
    Row(
        "people: team",
        "patch",
        lambda w: f"/api/v1/people/{w.colleague.pk}/",
        "team",
        lambda w: w.team_b,
    ),
    Row(
        "people: organisation",
        "post",
        lambda w: "/api/v1/people/",
        "organisation",
        _org_b,
        lambda w: {"first_name": "A", "last_name": "B"},
    ),
    Row(
        "organisations: a team's organisation",
        "post",
        lambda w: "/api/v1/teams/",
        "organisation",
        _org_b,
        lambda w: {"name": "T", "kind": "core"},
    ),
    Row(
        "organisations: a team's parent",
        "post",
        lambda w: "/api/v1/teams/",
        "parent",
        lambda w: w.team_b,
        lambda w: {"organisation": str(w.org_a.pk), "name": "T"},
    ),
    Row(
        "organisations: a membership's person",
        "post",
        lambda w: "/api/v1/memberships/",
        "person",
        _worker_b,
        lambda w: {"organisation": str(w.org_a.pk), "role": "professional"},
    ),
    Row(
        "organisations: a role request's organisation",
        "post",
        lambda w: "/api/v1/role-requests/",
        "organisation",
        _org_b,
        lambda w: {"role": "facilitator", "email": "x@example.test"},
    ),
    Row(
        "training: a module's organisation",
        "post",
        lambda w: "/api/v1/training/modules/",
        "organisation",
        _org_b,
        lambda w: {"name": "M"},
    ),
    Row(
        "training: a completion's person",
        "post",
        lambda w: "/api/v1/training/completions/",
        "person",
        _worker_b,
        lambda w: {"completed_on": "2026-01-05"},
    ),
    Row(
        "groups: a group's organisation",
        "post",
        lambda w: "/api/v1/groups/",
        "organisation",
        _org_b,
        lambda w: {"name": "G", "kind": "supervision"},
    ),
    Row(
        "groups: a group's facilitators",
        "post",
        lambda w: "/api/v1/groups/",
        "facilitators",
        _worker_b,
        lambda w: {"name": "G", "kind": "supervision", "organisation": str(w.org_a.pk)},
        many=True,
    ),
    Row(
        "mailing: an announcement's publisher",
        "post",
        lambda w: "/api/v1/groups/announcements/",
        "provider",
        _org_b,
        lambda w: {"title": "T", "body": "B"},
    ),
    Row(
        "contracts: a price grid's provider",
        "post",
        lambda w: "/api/v1/groups/price-grids/",
        "provider",
        _org_b,
        lambda w: {"name": "G"},
    ),
    Row(
        "contracts: a contract's provider",
        "post",
        lambda w: "/api/v1/groups/contracts/",
        "provider",
        _org_b,
        lambda w: {"client": str(w.org_a.pk)},
    ),
    Row(
        "mentoring: a programme's organisation",
        "post",
        lambda w: "/api/v1/mentoring/programmes/",
        "organisation",
        _org_b,
        lambda w: {"name": "P", "kind": "youth"},
    ),
    Row(
        "onboarding: a template's organisation",
        "post",
        lambda w: "/api/v1/onboarding/templates/",
        "organisation",
        _org_b,
        lambda w: {"function": "Educ"},
    ),
    Row(
        "onboarding: a template's project manager",
        "post",
        lambda w: "/api/v1/onboarding/templates/",
        "project_manager",
        _worker_b,
        lambda w: {"organisation": str(w.org_a.pk), "function": "Educ"},
    ),
]


def _write(api: Any, row: Row, world: Any, pk: Any) -> Any:
    value = [str(pk)] if row.many else str(pk)
    body = {**row.body(world), row.field: value}
    return getattr(api, row.method)(row.url(world), body, format="json")


def _said(response: Any, field: str) -> list[str]:
    """The field's messages, the id they quote left out."""
    assert response.status_code == 400, response.content
    messages = response.json()["error"]["fields"][field]
    if isinstance(messages, dict):  # a list field: its messages per position
        messages = [m for ms in messages.values() for m in ms]
    return [re.sub(r'"[^"]*"', '"<id>"', m) for m in messages]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_an_unseen_id_gets_the_answer_of_a_missing_one(world, api_for, row: Row) -> None:
    api = api_for(world.coordinator)
    unseen = row.unseen(world)
    other = _write(api, row, world, unseen.pk)
    missing = _write(api, row, world, uuid.uuid4())
    assert other.status_code == missing.status_code == 400
    said = _said(other, row.field)
    assert said == _said(missing, row.field)
    assert any("unknown, or outside your organisations" in m for m in said), said
    assert str(unseen) not in other.content.decode()
