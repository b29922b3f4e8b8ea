"""Every write of organisations refused on the page is refused by the API with the same message,
and every write one channel allows the other allows too: settings, teams, sites, memberships and
role requests. One table of cases (CASES); each case runs through the page and the API from the
same data (entrepairs/core/tests/parity.py).

Why: the API checked tenancy and unique names in its serializers (a 400 "You cannot manage this
organisation." where the page answered 403; another message for a name already used), and ended
roles directly. Both channels now call `organisations.services`, which decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest

from entrepairs.accounts.models import User
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
from entrepairs.organisations.models import Membership, Role, RoleRequest, Site
from entrepairs.people.models import Person

API = "/api/v1"
SERVICES = "entrepairs.organisations.services"
NAME_USED = "This name is already used in this organisation."


def _org(ctx: Any) -> Any:
    return ctx.w.org_a


def _team_create_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        f"/organisations/{_org(ctx).pk}/teams/new/", {"name": args["name"], "kind": "core"}
    )


def _team_create_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/teams/",
        {"organisation": str(_org(ctx).pk), "name": args["name"], "kind": "core"},
        format="json",
    )


def _team_edit_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    team, parent = args["team"](ctx), args["parent"](ctx)
    return page_as(ctx, actor).post(
        f"/organisations/{_org(ctx).pk}/teams/{team.pk}/",
        {"name": team.name, "kind": team.kind, "parent": parent.pk, "site": ""},
    )


def _team_edit_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    team, parent = args["team"](ctx), args["parent"](ctx)
    return ctx.api_for(actor).patch(
        f"{API}/teams/{team.pk}/", {"parent": str(parent.pk)}, format="json"
    )


def _team_delete_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    team = args["team"](ctx)
    return page_as(ctx, actor).post(f"/organisations/{_org(ctx).pk}/teams/{team.pk}/delete/")


def _team_delete_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).delete(f"{API}/teams/{args['team'](ctx).pk}/")


def _site_create_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        f"/organisations/{_org(ctx).pk}/sites/new/", {"name": args["name"], "address": ""}
    )


def _site_create_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/sites/", {"organisation": str(_org(ctx).pk), "name": args["name"]}, format="json"
    )


def _membership_end_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    membership = args["membership"](ctx)
    return page_as(ctx, actor).post(f"/organisations/{_org(ctx).pk}/members/{membership.pk}/end/")


def _membership_end_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).delete(f"{API}/memberships/{args['membership'](ctx).pk}/")


def _settings_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    org = _org(ctx)
    return page_as(ctx, actor).post(
        f"/organisations/{org.pk}/settings/",
        {"name": args["name"], "kind": org.kind, "region": org.region},
    )


def _settings_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).patch(
        f"{API}/organisations/{_org(ctx).pk}/", {"name": args["name"]}, format="json"
    )


def _ask_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        f"/organisations/{_org(ctx).pk}/members/external/",
        {"email": args["email"](ctx), "role": Role.FACILITATOR},
    )


def _ask_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        f"{API}/role-requests/",
        {"organisation": str(_org(ctx).pk), "email": args["email"](ctx), "role": "facilitator"},
        format="json",
    )


def _accept_page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(f"/organisations/role-requests/{ctx.pending.pk}/accept/")


def _accept_api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(f"{API}/role-requests/{ctx.pending.pk}/accept/")


def _answer(answer: str, *, follow: bool = False) -> tuple[Any, Any]:
    """The page and API callables that answer `answer` to a request (`args["request"]`, else the
    pending one). The page redirects to the list of requests whatever happens, with a message:
    `follow` reads that message, for the refusals."""

    def target(ctx: Any, args: dict[str, Any]) -> Any:
        return args["request"](ctx) if "request" in args else ctx.pending

    def page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        url = f"/organisations/role-requests/{target(ctx, args).pk}/{answer}/"
        # confirmed: withdrawing asks first on the page; the confirmation is not the rule tested
        return page_as(ctx, actor).post(url, {"confirmed": "1"}, follow=follow)

    def api(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        return ctx.api_for(actor).post(f"{API}/role-requests/{target(ctx, args).pk}/{answer}/")

    return page, api


TEAM_CREATE = Write(_team_create_page, _team_create_api, f"{SERVICES}.team_save")
TEAM_EDIT = Write(_team_edit_page, _team_edit_api, f"{SERVICES}.team_save", api_ok=200)
TEAM_DELETE = Write(
    _team_delete_page, _team_delete_api, f"{SERVICES}.team_delete", api_ok=204, page_refused=400
)
SITE_CREATE = Write(_site_create_page, _site_create_api, f"{SERVICES}.site_save")
MEMBERSHIP_END = Write(
    _membership_end_page, _membership_end_api, f"{SERVICES}.membership_end", api_ok=204
)
SETTINGS = Write(_settings_page, _settings_api, f"{SERVICES}.organisation_update", api_ok=200)
ASK = Write(_ask_page, _ask_api, f"{SERVICES}.role_request_create")
ACCEPT = Write(_accept_page, _accept_api, f"{SERVICES}.role_request_accept", api_ok=200)
DECLINE = Write(*_answer("decline"), f"{SERVICES}.role_request_decline", api_ok=200)
DECLINE_ANSWERED = Write(*_answer("decline", follow=True), f"{SERVICES}.role_request_decline")
WITHDRAW = Write(*_answer("withdraw"), f"{SERVICES}.role_request_withdraw", api_ok=200)
WITHDRAW_ANSWERED = Write(*_answer("withdraw", follow=True), f"{SERVICES}.role_request_withdraw")
ANSWERED = "This request has already been answered."
OWN_ROLE = (
    "You cannot give yourself a role: another coordinator or the platform administrator does it."
)
ACCEPT_ASKED = Write(*_answer("accept"), f"{SERVICES}.role_request_accept", api_ok=200)
ACCEPT_ASKED_REFUSED = Write(*_answer("accept", follow=True), f"{SERVICES}.role_request_accept")


@dataclass(frozen=True)
class Case:
    name: str
    actor: str  # attribute of ctx.w
    write: Write
    args: dict[str, Any]
    expected: Any


def team(name: str) -> Any:
    return lambda ctx: getattr(ctx.w, name)


def email_of(name: str) -> Any:
    return lambda ctx: getattr(ctx.w, name).email


CASES = [
    Case("a new team", "coordinator", TEAM_CREATE, {"name": "Noyau Lille 2"}, OK),
    Case(
        "a team named like another, in another case",
        "coordinator",
        TEAM_CREATE,
        {"name": "NOYAU lille 1"},
        Refused(NAME_USED),
    ),
    Case("a team created by a professional", "professional", TEAM_CREATE, {"name": "X"}, FORBIDDEN),
    Case(
        "a team nested inside its own sub-team",
        "coordinator",
        TEAM_EDIT,
        {"team": team("region"), "parent": team("core")},
        Refused("A team cannot be nested inside itself.", by_model=True),
    ),
    Case(
        "a team that contains other teams removed",
        "coordinator",
        TEAM_DELETE,
        {"team": team("region")},
        Refused("This team contains other teams"),
    ),
    Case(
        "a team without sub-teams removed", "coordinator", TEAM_DELETE, {"team": team("core")}, OK
    ),
    Case(
        "a team removed by a professional",
        "professional",
        TEAM_DELETE,
        {"team": team("core")},
        FORBIDDEN,
    ),
    Case("a new site", "coordinator", SITE_CREATE, {"name": "Roubaix"}, OK),
    Case(
        "a site named like another",
        "coordinator",
        SITE_CREATE,
        {"name": "lille"},
        Refused(NAME_USED),
    ),
    Case("a site created by a professional", "professional", SITE_CREATE, {"name": "Y"}, FORBIDDEN),
    Case(
        "a role ended by a coordinator",
        "coordinator",
        MEMBERSHIP_END,
        {"membership": lambda ctx: ctx.colleague_role},
        OK,
    ),
    Case(
        "a role ended by a professional",
        "professional",
        MEMBERSHIP_END,
        {"membership": lambda ctx: ctx.colleague_role},
        HIDDEN,  # a professional sees their own roles only (organisations.rules.membership_visible_q)
    ),
    Case("the organisation renamed", "coordinator", SETTINGS, {"name": "Tutelle Nord"}, OK),
    Case(
        "the organisation renamed by a professional",
        "professional",
        SETTINGS,
        {"name": "Tutelle Nord"},
        FORBIDDEN,
    ),
    Case(
        "a role asked for someone elsewhere",
        "coordinator",
        ASK,
        {"email": email_of("coordinator_b")},
        OK,
    ),
    Case(
        "a role asked for someone of the organisation itself",
        "coordinator",
        ASK,
        {"email": email_of("colleague")},
        Refused("Someone of this organisation uses this address"),
    ),
    Case(
        "a role asked twice for the same address",
        "coordinator",
        ASK,
        {"email": lambda ctx: ctx.pending.email},
        Refused("A request for this address and role is already waiting for an answer."),
    ),
    Case(
        "a role asked by a professional",
        "professional",
        ASK,
        {"email": email_of("worker_b")},
        FORBIDDEN,
    ),
    Case("a role request accepted by the person asked", "worker_b", ACCEPT, {}, OK),
    Case(
        "a role request accepted by the organisation that asked",
        "coordinator",
        ACCEPT,
        {},
        FORBIDDEN,
    ),
    Case(
        "a role request for herself accepted by the coordinator who asked it",
        "external",
        ACCEPT_ASKED_REFUSED,
        {"request": lambda ctx: ctx.own_request},
        Refused(OWN_ROLE),
    ),
    Case(
        "a role request for a coordinator accepted by her home coordinator",
        "coordinator_b",
        ACCEPT_ASKED,
        {"request": lambda ctx: ctx.own_request},
        OK,
    ),
    Case("a role request declined by the person asked", "worker_b", DECLINE, {}, OK),
    Case("a role request declined by the person's coordinator", "coordinator_b", DECLINE, {}, OK),
    Case(
        "a role request declined by the organisation that asked",
        "coordinator",
        DECLINE,
        {},
        FORBIDDEN,
    ),
    Case(
        "a role request declined by a professional of the organisation that asked",
        "professional",
        DECLINE,
        {},
        HIDDEN,
    ),
    Case(
        "a role request declined once answered",
        "worker_b",
        DECLINE_ANSWERED,
        {"request": lambda ctx: ctx.answered},
        Refused(ANSWERED),
    ),
    Case(
        "a role request withdrawn by the organisation that asked", "coordinator", WITHDRAW, {}, OK
    ),
    Case("a role request withdrawn by the person asked", "worker_b", WITHDRAW, {}, FORBIDDEN),
    Case(
        "a role request withdrawn by the person's coordinator",
        "coordinator_b",
        WITHDRAW,
        {},
        FORBIDDEN,
    ),
    Case(
        "a role request withdrawn by a professional of the organisation that asked",
        "professional",
        WITHDRAW,
        {},
        HIDDEN,
    ),
    Case(
        "a role request withdrawn once answered",
        "coordinator",
        WITHDRAW_ANSWERED,
        {"request": lambda ctx: ctx.answered},
        Refused(ANSWERED),
    ),
]


@pytest.fixture
def ctx(world, client, api_for, english_messages):  # type: ignore[no-untyped-def]
    Site.objects.create(organisation=world.org_a, name="Lille")
    pending = RoleRequest.objects.create(
        organisation=world.org_a,
        role=Role.FACILITATOR,
        email=world.worker_b.email,
        requested_by=world.coordinator.user,
        person=world.worker_b,
    )
    answered = RoleRequest.objects.create(
        organisation=world.org_a,
        role=Role.EXPERT,
        email=world.worker_b.email,
        requested_by=world.coordinator.user,
        person=world.worker_b,
        status=RoleRequest.Status.DECLINED,
    )
    # A coordinator of A whose home is B asks A for another role for herself: only a
    # coordinator of B may accept it (security review F7).
    world.external = Person.objects.create(
        organisation=world.org_b,
        first_name="Eve",
        last_name="Externe",
        email="eve.externe@enfance-sud.test",
        user=User.objects.create_user("eve.externe@enfance-sud.test", world.password),
    )
    Membership.objects.create(
        person=world.external, organisation=world.org_a, role=Role.COORDINATOR
    )
    own_request = RoleRequest.objects.create(
        organisation=world.org_a,
        role=Role.FACILITATOR,
        email=world.external.email,
        requested_by=world.external.user,
        person=world.external,
    )
    return SimpleNamespace(
        w=world,
        client=client,
        api_for=api_for,
        pending=pending,
        answered=answered,
        own_request=own_request,
        colleague_role=Membership.objects.get(person=world.colleague, organisation=world.org_a),
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, getattr(ctx.w, case.actor), case.args)
    assert_same(case.expected, page, api, case.write)
