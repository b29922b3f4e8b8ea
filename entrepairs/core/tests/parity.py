"""Helpers for the write-parity suites: one table of cases per app, each case run through the page
and through the API, with the same expected outcome and message.

A case names an actor, a write and what is expected: `OK`, `Refused(message)` (the page re-renders
its form with the message, the API answers 400 with it), `FORBIDDEN` (403 on both channels),
`HIDDEN` (404 on both), `UNKNOWN` (an id the actor may not see, answered like a missing one) or
`HIDDEN_IN_BODY` (the page's address names it: 404; the API's body: as for a missing id).
Each channel runs inside a savepoint that is rolled back, so both start from the same data.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from entrepairs.core.services import recording


@dataclass(frozen=True)
class Refused:
    message: str
    # The rule is the model's (`clean()`), which a page's ModelForm runs before the service is
    # called: the page may refuse without reaching the service; the API must still reach it.
    by_model: bool = False


OK = "ok"
FORBIDDEN = "forbidden"  # the actor sees the record but may not act: 403 on both channels
HIDDEN = "hidden"  # the actor may not see the record: 404 on both channels (DECISIONS)
# The write names (in its form or body) a record the actor may not see: both channels answer as
# for an id that does not exist (the page's "Select a valid choice", the API's 400
# `does_not_exist`), tell nothing of the record, and reach no service (security review F9).
UNKNOWN = "unknown"
# The page has the unseen record in its address (404), the API in its body (400, as for a missing
# id); no service reached on either channel.
HIDDEN_IN_BODY = "hidden in body"
PAGE_UNKNOWN = "Select a valid choice."
API_UNKNOWN = "unknown, or outside your organisations."  # the field named, never the id


def page_as(ctx: Any, actor: Any) -> Any:
    """The test client signed in as `actor` (a person with an account): the page channel."""
    ctx.client.force_login(actor.user, backend="django.contrib.auth.backends.ModelBackend")
    return ctx.client


@dataclass
class Outcome:
    status: int
    text: str
    services: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Write:
    """How to perform one write on each channel: each callable gets the test's context (a
    namespace) and the case's arguments and returns the response."""

    page: Callable[[Any, Any, dict[str, Any]], Any]
    api: Callable[[Any, Any, dict[str, Any]], Any]
    service: str  # the dotted name of the service both channels must reach
    api_ok: int = 201  # the API's success status (201 for a creation, 200 for a change)
    page_refused: int = 200  # the page's status when it re-renders with the refusal


def with_messages(write: Write) -> Write:
    """The same write, its page's redirect read for the message it leaves: a button's refusal is
    a message on the page it redirects to (`page_refused=302`)."""

    def page(ctx: Any, actor: Any, args: dict[str, Any]) -> Any:
        response = write.page(ctx, actor, args)
        if response.status_code == 302 and write.page_refused == 302:
            response.content = ctx.client.get(response["Location"]).content
        return response

    return Write(page, write.api, write.service, write.api_ok, write.page_refused)


def _api_text(response: Any) -> str:
    data = getattr(response, "data", None)
    if isinstance(data, dict) and isinstance(data.get("error"), dict):  # not a field "error"
        fields = data["error"].get("fields") or {}
        return (
            " ".join(m for msgs in fields.values() for m in msgs) + " " + data["error"]["message"]
        )
    return ""


def run_both(ctx: Any, write: Write, actor: Any, args: dict[str, Any]) -> tuple[Outcome, Outcome]:
    outcomes = []
    for channel in ("page", "api"):
        with transaction.atomic():
            with recording() as calls:
                response = getattr(write, channel)(ctx, actor, args)
            text = (
                html.unescape(response.content.decode())
                if channel == "page"
                else _api_text(response)
            )
            outcomes.append(Outcome(response.status_code, text, list(calls)))
            transaction.set_rollback(True)
    return outcomes[0], outcomes[1]


def assert_same(expected: Any, page: Outcome, api: Outcome, write: Write) -> None:
    service = write.service
    if expected == OK:
        assert page.status == 302, page.text[:2000]
        assert api.status == write.api_ok, api.text
        assert service in page.services and service in api.services
    elif expected == FORBIDDEN:
        assert (page.status, api.status) == (403, 403)
    elif expected == HIDDEN:
        assert (page.status, api.status) == (404, 404)
    elif expected == HIDDEN_IN_BODY:
        assert page.status == 404, page.text[:2000]
        assert api.status == 400 and API_UNKNOWN in api.text, api.text
        assert service not in page.services + api.services
    elif expected == UNKNOWN:
        assert page.status == write.page_refused and PAGE_UNKNOWN in page.text, page.text[:2000]
        assert api.status == 400 and API_UNKNOWN in api.text, api.text
        assert service not in page.services + api.services
    else:
        assert isinstance(expected, Refused)
        assert page.status == write.page_refused, page.text[:2000]
        assert expected.message in page.text, page.text[:2000]
        assert api.status == 400 and expected.message in api.text, api.text
        assert service in api.services
        assert expected.by_model or service in page.services
