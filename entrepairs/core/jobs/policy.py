"""How each background job is retried: declared beside the job with `@durable(...)` above `@task`.

A failure that may pass (the database locked or its connection lost, a mail server not
answering) is retried with exponential backoff; a failure that will not pass (bad data, a bug)
fails the job at once, for an administrator to read and retry (the jobs page). Every job, declared
or not, is retried on transient database errors.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import InterfaceError, OperationalError

# Errors of the database itself (locked, connection lost, server restarting): always worth a retry.
TRANSIENT_DATABASE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class Policy:
    """`retries`: attempts after the first; `retry_on`: the errors worth another attempt (transient
    database errors always are); the wait before attempt n+1 is `backoff` × 2^(n-1), at most
    `max_backoff`; `on_give_up(result_id, args, kwargs)` runs once when the job finally fails."""

    retries: int = 3
    retry_on: tuple[type[BaseException], ...] = ()
    backoff: timedelta = timedelta(seconds=10)
    max_backoff: timedelta = timedelta(minutes=10)
    on_give_up: Callable[..., None] | None = field(default=None, compare=False)

    @property
    def attempts(self) -> int:
        return self.retries + 1

    def may_retry(self, exc: BaseException) -> bool:
        return isinstance(exc, TRANSIENT_DATABASE_ERRORS + self.retry_on)

    def delay_before(self, attempt: int) -> timedelta:
        """The wait after failed attempt `attempt` (1 for the first): doubled each time, capped."""
        delay = self.backoff * (2 ** max(attempt - 1, 0))
        return min(delay, self.max_backoff)


DEFAULT = Policy()
# task module path -> its policy; and its name in words, for the administrators' jobs page
POLICIES: dict[str, Policy] = {}
LABELS: dict[str, Any] = {}


def durable(
    *,
    retries: int = 3,
    retry_on: tuple[type[BaseException], ...] = (),
    backoff: timedelta = timedelta(seconds=10),
    max_backoff: timedelta = timedelta(minutes=10),
    on_give_up: Callable[..., None] | None = None,
    label: Any = None,
) -> Callable[[Any], Any]:
    """Declare how the decorated task (put this above `@task()`) is retried, and its name in
    words (a lazy translation) for the jobs page."""

    def register(task: Any) -> Any:
        if label is not None:
            LABELS[task.module_path] = label
        POLICIES[task.module_path] = Policy(
            retries=retries,
            retry_on=retry_on,
            backoff=backoff,
            max_backoff=max_backoff,
            on_give_up=on_give_up,
        )
        return task

    return register


def policy_for(task_path: str) -> Policy:
    return POLICIES.get(task_path, DEFAULT)


def label_for(task_path: str) -> Any:
    from django.utils.translation import gettext_lazy as _

    return LABELS.get(task_path, _("Other background job"))
