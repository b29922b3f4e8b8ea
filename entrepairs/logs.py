"""Structured logs (issue 17 §3), with structlog and django-structlog.

One line per event: ISO timestamp (UTC), level, logger, event, and the request's id (bound by
django-structlog's RequestMiddleware, carried to the jobs that request enqueued). JSON in
production, a readable line in development: LOG_FORMAT=json|console. Django's own loggers and
every library's go through the same formatter, so worker lines carry timestamps too.

Nothing personal or secret reaches a line: `mask` runs last on every event, ours or a library's.
It removes query strings (a search carries a person's name), the secret part of token links
(calendar feeds, unsubscribe and check-in links, password reset keys), e-mail addresses, and the
values of fields named like a password, a token or a cookie.

Imported by settings.py: no Django model here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from typing import Any

import structlog

SECRET_FIELDS = re.compile(
    r"pass(word)?|secret|token|authorization|cookie|csrf|session|api_?key|^key$|e-?mail",
    re.IGNORECASE,
)
# The token in links that grant access by themselves (…/ics/<token>.ics, …/unsubscribe/<token>/,
# newsletter/confirm/<token>/, mentoring/checkin/<token>/, onboarding kit/link/<token>/,
# accounts/password/reset/key/<key>/).
TOKEN_IN_PATH = re.compile(r"(/(?:ics|unsubscribe|confirm|checkin|link|key)/)[^/\s\"'?#]+")
QUERY_STRING = re.compile(r"(/[^\s\"'?]*)\?[^\s\"'#]*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MASK = "[masked]"


def mask_text(text: str) -> str:
    text = QUERY_STRING.sub(rf"\1?{MASK}", text)
    text = TOKEN_IN_PATH.sub(rf"\1{MASK}", text)
    return EMAIL.sub(MASK, text)


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, Mapping):
        return {
            key: MASK if SECRET_FIELDS.search(str(key)) else _masked(item)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [_masked(item) for item in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    # Any other object (Django passes the request itself) is written as text: masked too.
    return mask_text(str(value))


def mask(logger: Any, method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: the event with personal data and secrets masked."""
    for key, value in list(event.items()):
        if key.startswith("_"):
            continue
        event[key] = MASK if SECRET_FIELDS.search(key) and key != "event" else _masked(value)
    return event


SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def logging_config(*, json: bool, level: str) -> dict[str, Any]:
    """The LOGGING setting, after configuring structlog to hand its events to it."""
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    renderer: Any = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    )
    handler = {"class": "logging.StreamHandler", "formatter": "structured"}
    quiet = {"handlers": ["console"], "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info,
                    mask,
                    renderer,
                ],
                "foreign_pre_chain": [*SHARED_PROCESSORS, structlog.stdlib.ExtraAdder()],
            }
        },
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        # Django's own handlers would print these a second time, unformatted.
        "loggers": {
            "django": {**quiet, "level": level},
            "django.server": {**quiet, "level": "INFO"},
            # A line per step of every PDF drawn: noise at INFO.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
