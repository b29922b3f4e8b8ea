"""A Redis cache that degrades instead of failing (issue 17 §2): with Redis unreachable, a read
is a miss, a write is dropped, and pages compute without the cache; the app keeps serving.

After a connection error the cache is marked unavailable and left alone for RETRY_SECONDS (no
request waits for a dead server), then tried again: when Redis is back it is used at once,
without a restart. Two exceptions to "a write is dropped":

- sign-in rate limits (allauth's `allauth:rl:` keys, core.ratelimit's `ratelimit:` keys) go to
  a per-process memory while Redis is down: throttling stays on, each process counting on its
  own (so a limit is at most multiplied by the number of app processes), never off;
- the keys whose writes were dropped (a list's invalidation, say) are deleted once Redis
  answers again, so nothing cached before the outage outlives a change made during it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 5.0
WARN_EVERY_SECONDS = 60.0
# Keys counted per process while Redis is down (never dropped: throttling must not fail open).
RATE_LIMIT_PREFIXES = ("allauth:rl:", "ratelimit:")
# Dropped writes remembered for deletion on recovery; beyond this, a warning says so.
MAX_DROPPED_KEYS = 10_000


class _State:
    """Per process: whether Redis answered last time, and when to try it again."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.warned_at = 0.0
        self.dropped: set[str] = set()
        self.dropped_overflow = False


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = params.setdefault("OPTIONS", {})
        # A dead host must not hold a request for the system's TCP timeout.
        options.setdefault("socket_connect_timeout", 1.0)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, params)
        self.state = _State()
        self.fallback = LocMemCache(f"resilient-fallback:{server}", {"OPTIONS": {}})

    # --- availability ----------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False while Redis is known to be unreachable (until the next successful call)."""
        return self.state.down_since is None

    def ping(self) -> bool:
        """Ask Redis now, whatever the retry delay (readiness probe): True when it answers."""
        try:
            self._cache.get_client(write=False).ping()
            self._mark_up()
        except UNREACHABLE as exc:
            self._mark_down(exc)
            return False
        return True

    def _should_try(self) -> bool:
        return self.state.down_since is None or time.monotonic() >= self.state.retry_at

    def _mark_down(self, exc: BaseException) -> None:
        state, now = self.state, time.monotonic()
        with state.lock:
            if state.down_since is None:
                state.down_since = now
            state.retry_at = now + RETRY_SECONDS
            warn = now - state.warned_at >= WARN_EVERY_SECONDS
            if warn:
                state.warned_at = now
        if warn:
            logger.warning(
                "cache_unavailable",
                extra={"error": exc.__class__.__name__, "retry_seconds": RETRY_SECONDS},
            )

    def _mark_up(self) -> None:
        """Redis answered again: first delete what changed during the outage (raises, leaving
        the cache marked down, if Redis is gone again), then use it."""
        state = self.state
        if state.down_since is None:
            return
        with state.lock:
            dropped = set(state.dropped)
        if dropped:
            self._cache.delete_many(list(dropped))
        with state.lock:
            if state.down_since is None:
                return
            outage = time.monotonic() - state.down_since
            state.down_since = None
            state.warned_at = 0.0
            state.dropped -= dropped
            overflow, state.dropped_overflow = state.dropped_overflow, False
        self.fallback.clear()
        logger.warning(
            "cache_available_again",
            extra={
                "outage_seconds": round(outage, 1),
                "stale_keys_deleted": len(dropped),
                "dropped_keys_forgotten": overflow,
            },
        )

    def _drop(self, keys: Iterable[Any], version: int | None) -> None:
        state = self.state
        with state.lock:
            for key in keys:
                if len(state.dropped) >= MAX_DROPPED_KEYS:
                    state.dropped_overflow = True
                    return
                state.dropped.add(self.make_and_validate_key(key, version=version))

    def _call[T](self, attempt: Callable[[], T], degraded: Callable[[], T]) -> T:
        if not self._should_try():
            return degraded()
        try:
            self._mark_up()  # after an outage: stale keys deleted before anything is read
            return attempt()
        except UNREACHABLE as exc:
            self._mark_down(exc)
            return degraded()

    @staticmethod
    def _counted_locally(key: Any) -> bool:
        return str(key).startswith(RATE_LIMIT_PREFIXES)

    # --- the cache API ---------------------------------------------------------------------

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        def degraded() -> bool:
            if self._counted_locally(key):
                return self.fallback.add(key, value, timeout, version)
            self._drop([key], version)
            return False

        return self._call(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), degraded
        )

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        def degraded() -> Any:
            if self._counted_locally(key):
                return self.fallback.get(key, default, version)
            return default

        return self._call(
            lambda: super(ResilientRedisCache, self).get(key, default, version), degraded
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        def degraded() -> None:
            if self._counted_locally(key):
                self.fallback.set(key, value, timeout, version)
            else:
                self._drop([key], version)

        self._call(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), degraded
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._call(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version), lambda: False
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        def degraded() -> bool:
            if self._counted_locally(key):
                return self.fallback.delete(key, version)
            self._drop([key], version)
            return False

        return self._call(lambda: super(ResilientRedisCache, self).delete(key, version), degraded)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        keys = list(keys)
        return self._call(lambda: super(ResilientRedisCache, self).get_many(keys, version), dict)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        def degraded() -> bool:
            return self._counted_locally(key) and self.fallback.has_key(key, version)

        return self._call(lambda: super(ResilientRedisCache, self).has_key(key, version), degraded)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        def degraded() -> int:
            if self._counted_locally(key):
                return self.fallback.incr(key, delta, version)
            raise ValueError(f"Key '{key}' not found (cache unavailable)")

        return self._call(
            lambda: super(ResilientRedisCache, self).incr(key, delta, version), degraded
        )

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        def degraded() -> list[Any]:
            self._drop(data, version)
            return []

        return self._call(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), degraded
        )

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        keys = list(keys)

        def degraded() -> None:
            self._drop(keys, version)

        self._call(lambda: super(ResilientRedisCache, self).delete_many(keys, version), degraded)

    def clear(self) -> None:
        self._call(lambda: super(ResilientRedisCache, self).clear(), lambda: None)


def cache_status(alias: str = "default") -> dict[str, Any]:
    """The cache as the readiness probe and the metrics see it: `ok` when it answers now."""
    from django.core.cache import caches

    backend = caches[alias]
    name = backend.__class__.__name__
    try:
        if isinstance(backend, ResilientRedisCache):
            return {"ok": backend.ping(), "backend": name}
        backend.set("readyz:probe", "1", 30)
        return {"ok": backend.get("readyz:probe") == "1", "backend": name}
    except Exception as exc:  # noqa: BLE001 - a probe reports, never raises
        return {"ok": False, "backend": name, "error": exc.__class__.__name__}
