"""The page and the API give the same answer to the announcement writes they both offer (issue 11:
one table of cases, each run through both channels; core/tests/parity.py)."""

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse

from entrepairs.core.tests.parity import (
    FORBIDDEN,
    OK,
    UNKNOWN,
    Write,
    assert_same,
    page_as,
    run_both,
)
from entrepairs.organisations.models import Membership, Organisation, Role

pytestmark = pytest.mark.usefixtures("english_messages")


def _create_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(
        reverse("mailing:announcement_create"),
        {"provider": ctx.provider.pk, "title": "Atelier Balint", "body": "Ouvert à tous."},
    )


def _create_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor, ctx.provider if actor == ctx.w.facilitator else None).post(
        "/api/v1/groups/announcements/",
        {"provider": str(ctx.provider.pk), "title": "Atelier Balint", "body": "Ouvert à tous."},
        format="json",
    )


CREATE = Write(_create_page, _create_api, "entrepairs.mailing.services.announcement_save")


@dataclass(frozen=True)
class Case:
    name: str
    actor: str
    expected: Any


CASES = [
    Case("announce a workshop: by a facilitator of the provider", "facilitator", OK),
    Case("announce a workshop: by a professional", "professional", FORBIDDEN),
]


@pytest.fixture
def ctx(world, client, api_for):  # type: ignore[no-untyped-def]
    provider = Organisation.objects.create(name="Supervision & Co", slug="sup-co", kind="provider")
    Membership.objects.create(
        person=world.facilitator, organisation=provider, role=Role.FACILITATOR
    )
    return SimpleNamespace(w=world, provider=provider, client=client, api_for=api_for)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    page, api = run_both(ctx, CREATE, getattr(ctx.w, case.actor), {})
    assert_same(case.expected, page, api, CREATE)


def test_nobody_announces_in_the_name_of_an_organisation_they_do_not_publish_for(ctx) -> None:
    """Another organisation's coordinator does not see this provider: the page does not offer it
    (the form refuses the choice), the API answers as for a missing id (security review F9; it
    answered 403, which told the id exists). Nothing is written on either channel."""
    from ..models import Announcement

    page, api = run_both(ctx, CREATE, ctx.w.coordinator_b, {})
    assert_same(UNKNOWN, page, api, CREATE)
    assert Announcement.objects.filter(provider=ctx.provider).count() == 0


# --- subscriptions (issue 11: the writes not covered yet) ---------------------------------------


def _subscribe_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(reverse("mailing:subscribe"), {"provider": ctx.provider.pk})


def _subscribe_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor).post(
        "/api/v1/groups/subscriptions/", {"provider": str(ctx.provider.pk)}, format="json"
    )


SUBSCRIBE = Write(_subscribe_page, _subscribe_api, "entrepairs.mailing.services.subscribe")

# Anyone signed in subscribes their own address to any organisation's announcements (opt-in; the
# directory of organisations is public), whatever their organisation or role.
SUBSCRIBE_CASES = [
    Case("subscribe: a facilitator of the provider", "facilitator", OK),
    Case("subscribe: a professional of another organisation", "professional", OK),
    Case("subscribe: another organisation's coordinator", "coordinator_b", OK),
]


@pytest.mark.parametrize("case", SUBSCRIBE_CASES, ids=[c.name for c in SUBSCRIBE_CASES])
def test_subscribing_gets_the_same_answer_on_both_channels(ctx, case: Case) -> None:
    page, api = run_both(ctx, SUBSCRIBE, getattr(ctx.w, case.actor), {})
    assert_same(case.expected, page, api, SUBSCRIBE)


def test_a_provider_that_does_not_exist_is_refused_on_both_channels(ctx) -> None:
    """Nothing is subscribed to an unknown organisation: the page answers 404 (the address of
    the form's target), the API 400 on the field, and neither reaches the service."""
    from ..models import Subscription

    missing = SimpleNamespace(pk="00000000-0000-4000-8000-000000000000")
    ctx.provider, real = missing, ctx.provider
    page, api = run_both(ctx, SUBSCRIBE, ctx.w.professional, {})
    assert (page.status, api.status) == (404, 400)
    assert "unknown, or outside your organisations" in api.text
    assert SUBSCRIBE.service not in page.services + api.services
    assert not Subscription.objects.filter(provider=real).exists()
