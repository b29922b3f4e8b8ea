"""A shared cache for the expensive part of big lists: which ids are on a page, and how many.

Entries are keyed by a *generation* that changes whenever a watched model is saved or deleted,
so a list never shows a stale set: any write to people, teams, memberships or organisations
makes every cached page a miss. Writes are rare next to reads (a directory changes a few times
a day, it is browsed all day), so the simple global generation keeps the rule obviously right.
Bulk writes that bypass signals (`QuerySet.update`, `bulk_create`) must call `invalidate()`.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "listcache:generation"


def generation() -> str:
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.add(GENERATION_KEY, current, None)
        current = cache.get(GENERATION_KEY, current)
    return current


def invalidate() -> None:
    """Make every cached page a miss, now and again once the transaction commits (so a reader
    that filled the cache from pre-commit data in between is not trusted either)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None))


def get_or_compute[T](parts: Iterable[Any], compute: Callable[[], T]) -> T:
    """The cached value for these key parts, computed and stored on a miss. The timeout
    (LIST_CACHE_SECONDS) is a safety net only: invalidation does the real work."""
    timeout = settings.LIST_CACHE_SECONDS
    if timeout <= 0:
        return compute()
    digest = hashlib.sha256(repr((generation(), *parts)).encode()).hexdigest()
    key = f"listcache:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def _on_change(sender: type[Model], **kwargs: Any) -> None:
    invalidate()


def watch(*models: type[Model], saves: bool = True) -> None:
    """Invalidate cached pages whenever one of these models is deleted (and saved, by default)."""
    for model in models:
        uid = f"listcache:{model._meta.label}"
        if saves:
            post_save.connect(_on_change, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid + ":delete")
