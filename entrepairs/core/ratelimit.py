"""A small cache-based rate limit for public writes that no account protects (the newsletter
sign-up): a fixed window per key, counted in the shared cache so every process and channel (page,
API) counts the same attempts."""

from __future__ import annotations

from django.core.cache import cache


class RateLimited(Exception):
    """Too many attempts under one key: the channel answers 429 with `message`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def allow(key: str, *, limit: int, period: int) -> bool:
    """Count one attempt under `key`; False once more than `limit` were made within the window
    of `period` seconds that began with the first."""
    name = f"ratelimit:{key}"
    cache.add(name, 0, period)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, period)
        count = 1
    return count <= limit
