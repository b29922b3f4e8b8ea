"""The page and the API give the same answer to the network mailing-list writes (creating a list,
subscribing, posting a message), each reaching the one service (core/tests/parity.py)."""

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.tasks import default_task_backend

from entrepairs.core.services import SYSTEM
from entrepairs.core.tests.parity import (
    FORBIDDEN,
    HIDDEN,
    HIDDEN_IN_BODY,
    OK,
    Write,
    assert_same,
    page_as,
    run_both,
)
from entrepairs.networks import services as network_services
from entrepairs.networks.models import Level

from .. import services
from ..models import MailingList

pytestmark = pytest.mark.usefixtures("english_messages")


def _api(ctx: Any, actor: Any) -> Any:
    return ctx.api_for(actor, ctx.w.org_a if actor == ctx.w.coordinator else None)


def _create_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        f"/networks/lists/network/{ctx.network.pk}/", {"name": "Annonces"}
    )


def _create_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(
        "/api/v1/networks/lists/",
        {"network": str(ctx.network.pk), "name": "Annonces"},
        format="json",
    )


def _subscribe_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(f"/networks/lists/{ctx.mlist.pk}/subscription/")


def _subscribe_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(f"/api/v1/networks/lists/{ctx.mlist.pk}/subscribe/")


def _post_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        f"/networks/lists/{ctx.mlist.pk}/post/", {"subject": "Dîner", "body": "Jeudi."}
    )


def _post_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return _api(ctx, actor).post(
        f"/api/v1/networks/lists/{ctx.mlist.pk}/messages/",
        {"subject": "Dîner", "body": "Jeudi."},
        format="json",
    )


CREATE = Write(_create_page, _create_api, "entrepairs.mailing.services.mailing_list_save")
SUBSCRIBE = Write(
    _subscribe_page, _subscribe_api, "entrepairs.mailing.services.list_subscribe", api_ok=200
)
POST = Write(_post_page, _post_api, "entrepairs.mailing.services.list_message_post")


@dataclass(frozen=True)
class Case:
    name: str
    write: Write
    actor: str
    expected: Any


CASES = [
    Case("create a list: by the organiser", CREATE, "coordinator", OK),
    Case("create a list: by a member", CREATE, "professional", FORBIDDEN),
    Case("create a list: by an outsider", CREATE, "worker_b", HIDDEN_IN_BODY),
    Case("subscribe: a member", SUBSCRIBE, "colleague", OK),
    Case("subscribe: an outsider", SUBSCRIBE, "worker_b", HIDDEN),
    Case("post: by the organiser", POST, "coordinator", OK),
    Case("post: by a member", POST, "professional", FORBIDDEN),
    Case("post: by an outsider", POST, "worker_b", HIDDEN),
]


@pytest.fixture
def ctx(world, client, api_for, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()  # type: ignore[attr-defined]
    network = network_services.network_create(
        organisation=world.org_a, name="Réseau du Nord", level=Level.REGIONAL, by=world.coordinator
    )
    mlist = services.mailing_list_save(
        mailing_list=MailingList(network=network, name="Tuteurs"), by=SYSTEM
    )
    return SimpleNamespace(w=world, network=network, mlist=mlist, client=client, api_for=api_for)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, case.write, getattr(ctx.w, case.actor), {})
    assert_same(case.expected, page, api, case.write)
