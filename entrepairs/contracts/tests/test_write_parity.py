"""The page and the API give the same answer to signing a quote (issue 11: one table of cases,
each run through both channels; core/tests/parity.py)."""

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse

from entrepairs.core.tests.parity import (
    FORBIDDEN,
    HIDDEN,
    OK,
    Write,
    assert_same,
    page_as,
    run_both,
)


def _sign_page(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return page_as(ctx, actor).post(reverse("contracts:detail", args=[ctx.quote.pk]), {"sign": "1"})


def _sign_api(ctx: Any, actor: Any, a: dict[str, Any]) -> Any:
    return ctx.api_for(actor, a.get("token_org")).post(
        f"/api/v1/groups/contracts/{ctx.quote.pk}/sign/"
    )


SIGN = Write(_sign_page, _sign_api, "entrepairs.contracts.services.contract_sign", api_ok=200)


@dataclass(frozen=True)
class Case:
    name: str
    actor: str
    expected: Any


CASES = [
    Case("sign a quote: by the facilitator it names", "facilitator", OK),
    Case("sign a quote: by the client's coordinator, who reads it", "coordinator", FORBIDDEN),
    Case("sign a quote: by an unrelated organisation's coordinator", "coordinator_b", HIDDEN),
]


@pytest.fixture
def ctx(gw, provider, quote, client, api_for):  # type: ignore[no-untyped-def]
    return SimpleNamespace(
        w=gw.w, provider=provider[0], quote=quote, client=client, api_for=api_for
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_it_gives_the_page_and_the_api_the_same_answer(ctx, case: Case) -> None:
    actor = getattr(ctx.w, case.actor)
    token_org = ctx.provider if case.actor == "facilitator" else None
    page, api = run_both(ctx, SIGN, actor, {"token_org": token_org})
    assert_same(case.expected, page, api, SIGN)
