"""Every write of people refused on the page is refused by the API with the same message, and every
write one channel allows the other allows too: create, change, remove and invite a person. One
table of cases (CASES); each case runs through the page and the API from the same data
(entrepairs/core/tests/parity.py). Imports are checked by their own suites (`test_import.py`,
`test_import_api.py`), which share `imports.import_people`.

Why: the API refused a line manager of another organisation in its serializer while the page let
a coordinator of two organisations pick one; the rule now lives in `Person.clean`, and who may
write a person of an organisation in `services.person_save`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from rest_framework.test import APIClient

from entrepairs.core.tests.parity import (
    FORBIDDEN,
    HIDDEN,
    OK,
    Refused,
    Write,
    assert_same,
    page_as,
    run_both,
)
from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person

API = "/api/v1"
SERVICES = "entrepairs.people.services"


def _ref(value: Any) -> str:
    return "" if value is None else str(value.pk)


def _fields(ctx: Any, args: dict[str, Any]) -> dict[str, Any]:
    """The person's fields after the change: `args` names the fields that change."""
    person = args["person"](ctx) if "person" in args else None
    fields = {
        "organisation": ctx.w.org_a,
        "first_name": person.first_name if person else "Nina",
        "last_name": person.last_name if person else "Nouvelle",
        "email": person.email if person else "nina.nouvelle@tutelle-nord.test",
        "team": person.team if person else None,
        "line_manager": person.line_manager if person else None,
    }
    fields.update({k: v(ctx) for k, v in args.items() if k not in ("person", "session")})
    return fields


def _form(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "organisation": fields["organisation"].pk,
        "first_name": fields["first_name"],
        "last_name": fields["last_name"],
        "email": fields["email"],
        "years_experience": "0",
        "languages": "fr",
        "team": _ref(fields["team"]),
        "line_manager": _ref(fields["line_manager"]),
        "is_active": "on",
        **({"roles": fields["roles"]} if "roles" in fields else {}),
    }


def _json(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "organisation": str(fields["organisation"].pk),
        "first_name": fields["first_name"],
        "last_name": fields["last_name"],
        "email": fields["email"],
        "team": _ref(fields["team"]) or None,
        "line_manager": _ref(fields["line_manager"]) or None,
        **({"roles": fields["roles"]} if "roles" in fields else {}),
    }


def _create_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post("/people/new/", _form(_fields(ctx, args)))


def _api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    """A token is scoped to one organisation and sees nobody of the other (security review F9:
    an unseen id is unknown); a case about the two organisations the coordinator runs uses the
    API with the session, the same viewer as the page."""
    if args.get("session"):
        api = APIClient()
        api.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
        return api
    return ctx.api_for(actor)


def _create_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return _api(ctx, actor, args).post(f"{API}/people/", _json(_fields(ctx, args)), format="json")


def _update_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    person = args["person"](ctx)
    return page_as(ctx, actor).post(f"/people/{person.pk}/edit/", _form(_fields(ctx, args)))


def _update_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    person = args["person"](ctx)
    return _api(ctx, actor, args).put(
        f"{API}/people/{person.pk}/", _json(_fields(ctx, args)), format="json"
    )


def _delete_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(f"/people/{args['person'](ctx).pk}/delete/")


def _delete_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).delete(f"{API}/people/{args['person'](ctx).pk}/")


def _invite_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(f"/people/{args['person'](ctx).pk}/invite/")


def _invite_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(f"{API}/people/{args['person'](ctx).pk}/invite/")


CREATE = Write(_create_page, _create_api, f"{SERVICES}.person_save_warned")
UPDATE = Write(_update_page, _update_api, f"{SERVICES}.person_save_warned", api_ok=200)
DELETE = Write(_delete_page, _delete_api, f"{SERVICES}.person_delete", api_ok=204)
INVITE = Write(_invite_page, _invite_api, f"{SERVICES}.person_invite", api_ok=202)


@dataclass(frozen=True)
class Case:
    name: str
    actor: str  # attribute of ctx.w
    write: Write
    args: dict[str, Any]
    expected: Any


OWN_ROLE = (
    "You cannot give yourself a role: another coordinator or the platform administrator does it."
)
SESSION = True  # `_api`: the API through the session, not a token scoped to organisation A


def of(name: str) -> Any:
    return lambda ctx: getattr(ctx.w, name)


CASES = [
    Case("a new person of the organisation", "coordinator", CREATE, {"team": of("core")}, OK),
    Case(
        "a new person in a team of another organisation",
        "coordinator",
        CREATE,
        {"team": of("team_b"), "session": SESSION},
        Refused("This team belongs to another organisation.", by_model=True),
    ),
    Case(
        "a new person whose line manager belongs to another organisation",
        "coordinator",
        CREATE,
        {"line_manager": of("worker_b"), "session": SESSION},
        Refused("This line manager belongs to another organisation.", by_model=True),
    ),
    Case("a new person added by a professional", "professional", CREATE, {}, FORBIDDEN),
    Case(
        "a person renamed",
        "coordinator",
        UPDATE,
        {"person": of("colleague"), "first_name": lambda ctx: "Colette"},
        OK,
    ),
    Case(
        "a manager placed under their own report",
        "coordinator",
        UPDATE,
        {"person": of("manager"), "line_manager": of("professional")},
        Refused("This would create a cycle in line management.", by_model=True),
    ),
    Case(
        "a line manager moved to another organisation's person",
        "coordinator",
        UPDATE,
        {"person": of("colleague"), "line_manager": of("worker_b"), "session": SESSION},
        Refused("This line manager belongs to another organisation.", by_model=True),
    ),
    Case(
        "a professional changing their own record",
        "professional",
        UPDATE,
        {"person": of("professional"), "first_name": lambda ctx: "Pauline"},
        FORBIDDEN,
    ),
    Case(
        "a coordinator giving herself a role",
        "coordinator",
        UPDATE,
        {"person": of("coordinator"), "roles": lambda ctx: ["coordinator", "facilitator"]},
        Refused(OWN_ROLE),
    ),
    Case(
        "a coordinator giving a colleague a role",
        "coordinator",
        UPDATE,
        {"person": of("colleague"), "roles": lambda ctx: ["professional", "facilitator"]},
        OK,
    ),
    Case(
        "a coordinator stepping down from her own role",
        "coordinator",
        UPDATE,
        {"person": of("coordinator"), "roles": lambda ctx: []},
        OK,
    ),
    Case("a person removed", "coordinator", DELETE, {"person": of("youth")}, OK),
    Case(
        "a professional removing themselves",
        "professional",
        DELETE,
        {"person": of("professional")},
        FORBIDDEN,
    ),
    Case("a person invited", "coordinator", INVITE, {"person": of("report")}, OK),
    Case(
        "a professional inviting their own report, whom they see but may not change",
        "professional",
        INVITE,
        {"person": of("report")},
        FORBIDDEN,
    ),
    Case(
        "another organisation's case worker inviting a person",
        "worker_b",
        INVITE,
        {"person": of("report")},
        HIDDEN,
    ),
]


@pytest.fixture
def ctx(world, client, api_for, english_messages):  # type: ignore[no-untyped-def]
    # The coordinator also coordinates organisation B: the page offers B's teams and people, so
    # only the rules keep them out of A's records.
    Membership.objects.create(
        person=world.coordinator, organisation=world.org_b, role=Role.COORDINATOR
    )
    # Someone without an account, reporting to the professional (who sees them, as their line
    # manager, but does not manage the organisation): the one to invite.
    world.report = Person.objects.create(
        organisation=world.org_a,
        first_name="Rita",
        last_name="Rapport",
        email="rita.rapport@tutelle-nord.test",
        line_manager=world.professional,
    )
    return SimpleNamespace(w=world, client=client, api_for=api_for)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, getattr(ctx.w, case.actor), case.args)
    assert_same(case.expected, page, api, case.write)
