"""The registry of domain writes: every write of a domain app is a function marked `@service`.

Why a registry. A rule that lives only in a page's form or an API serializer drifts: the other
channel forgets it (the group API once saved facilitators directly and opened a group's
confidential content to anyone). Marking each write function makes "does this endpoint go through
the domain layer?" a question a test can answer:

- `@service` records the function in `REGISTRY` (by its dotted name) and, while a `recording()`
  block is open, appends that name to the block's trace each time the function runs. Parity tests
  use the trace to assert that a page and an API call reached the same service.
- `entrepairs/core/tests/test_service_registry.py` walks every write operation (POST, PUT, PATCH,
  DELETE) of the OpenAPI schema built by drf-spectacular's generator and checks *statically* that
  the view's handler reaches a registered service of its app: it reads the handler's source (and,
  for DRF's generic create/update/destroy, the `perform_*` hooks and the serializer's
  create/update), resolves every name it uses, and follows the project's own helpers a few levels
  deep. A static check covers every endpoint without needing valid input for each one, and it
  fails the day someone writes `serializer.save()` (DRF's default) in a new endpoint.

A service is keyword-only, atomic, and enforces every rule of its write (eligibility, tenancy,
state, confidentiality) whatever the channel; views and API views only parse, call and render.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

REGISTRY: dict[str, Callable[..., Any]] = {}
_trace: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "entrepairs_service_trace", default=None
)


def service[F: Callable[..., Any]](func: F) -> F:
    """Mark `func` as the domain function of a write (put it above `@transaction.atomic`)."""
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        trace = _trace.get()
        if trace is not None:
            trace.append(name)
        return func(*args, **kwargs)

    wrapper.__service__ = name  # type: ignore[attr-defined]
    REGISTRY[name] = wrapper
    return wrapper  # type: ignore[return-value]


def is_service(obj: Any) -> bool:
    return callable(obj) and isinstance(getattr(obj, "__service__", None), str)


@contextmanager
def recording() -> Iterator[list[str]]:
    """Collect the names of the services called inside the block (in call order)."""
    calls: list[str] = []
    token = _trace.set(calls)
    try:
        yield calls
    finally:
        _trace.reset(token)


class _System:
    """The actor of trusted code without a person: demo data, commands, migrations, tests that set
    up a world. Channels facing users never pass it (they pass the signed-in person, or None,
    which services refuse)."""

    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Any = _System()
