"""A shared cache for the expensive part of big lists: which ids are on a page, and how many.

Entries are keyed by *generations* that change on writes, so a list never shows a stale set.
A list declares the organisations its content comes from (`orgs=`); its key holds each of their
generations, and a write bumps only the generations of the organisations it shows in. A write in
one organisation leaves every other organisation's pages cached (issue 18: with one global
generation, a new person anywhere made every page of every organisation cold).

Three kinds of generation, all read in one cache round-trip per page (`get_many`):
- one per organisation, bumped by a watched row's save or delete (`watch(model, orgs=...)`);
- "any write", bumped with every organisation's: lists whose scope is unclear (`orgs=None`, the
  default) depend on it, so any write refreshes them as before (correctness first);
- "everything", bumped by `invalidate()` without organisations: bulk writes that bypass signals
  (`QuerySet.update`, `bulk_create`) and do not know which organisations they touch call it.

Lists keyed per organisation (every other list keeps the "any write" generation):
- people list page and API (`people.rules.list_scope`): the organisations the viewer holds a
  role in and their own; the platform administrator's is unclear (every organisation).
- people "from elsewhere" (`people.rules.visible_q`): the organisations the viewer manages.
- the people list's filter choices, when the caller knows its organisations (the list page).
Kept on the "any write" generation: the platform administrator's people list and API (every
organisation's staff), the export page's filter choices.

A watched model names, as lookups, where a changed row shows: its own organisation, and the
organisations its people hold roles in (a person from elsewhere is listed there with their team,
line manager and organisation). The lookups are read before an update or a delete and after a
save, so a row moved to another organisation refreshes both.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

EVERYTHING_KEY = "listcache:generation"
ANY_WRITE_KEY = "listcache:generation:any"
ORG_KEY = "listcache:generation:org:{}"

# The lookups to a watched model's organisations; None: unknown (every change is global).
_WATCHED: dict[type[Model], Sequence[str] | None] = {}
_BEFORE = "_listcache_orgs_before"


def _org_key(org_id: Any) -> str:
    try:
        return ORG_KEY.format(uuid.UUID(str(org_id)))
    except ValueError:
        return ORG_KEY.format(org_id)


def _keys(orgs: Iterable[Any] | None) -> list[str]:
    if orgs is None:
        return [EVERYTHING_KEY, ANY_WRITE_KEY]
    return [EVERYTHING_KEY, *sorted({_org_key(org) for org in orgs if org is not None})]


def generations(orgs: Iterable[Any] | None = None) -> tuple[tuple[str, str], ...]:
    """The generations a list of these organisations is keyed by, in one round-trip (a missing
    one, never set or evicted, starts afresh: never a value an old entry may be keyed by)."""
    keys = _keys(orgs)
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            fresh = uuid.uuid4().hex
            cache.add(key, fresh, None)
            found[key] = cache.get(key, fresh)
    return tuple((key, found[key]) for key in keys)


def _bump(keys: list[str]) -> None:
    cache.set_many({key: uuid.uuid4().hex for key in keys}, None)


def invalidate(org_ids: Iterable[Any] | None = None) -> None:
    """Make cached pages of these organisations (and lists of unclear scope) a miss; without
    organisations, every cached page. Now and again once the transaction commits (so a reader
    that filled the cache from pre-commit data in between is not trusted either)."""
    if org_ids is None:
        keys = [EVERYTHING_KEY]
    else:
        keys = [ANY_WRITE_KEY, *sorted({_org_key(org) for org in org_ids if org is not None})]
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def get_or_compute[T](
    parts: Iterable[Any], compute: Callable[[], T], *, orgs: Iterable[Any] | None = None
) -> T:
    """The cached value for these key parts, computed and stored on a miss. `orgs`: every
    organisation the value's content comes from (None: unclear, any write refreshes it). The
    timeout (LIST_CACHE_SECONDS) is a safety net only: invalidation does the real work."""
    timeout = settings.LIST_CACHE_SECONDS
    if timeout <= 0:
        return compute()
    digest = hashlib.sha256(repr((generations(orgs), *parts)).encode()).hexdigest()
    key = f"listcache:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def organisations_of(instance: Model, lookups: Sequence[str] | None = None) -> set[Any]:
    """The organisations a watched row shows in (through `lookups`, by default all those it is
    watched with), read from the database now (one query)."""
    model = type(instance)
    lookups = lookups or _WATCHED.get(model)
    if not lookups:
        raise ValueError(f"{model._meta.label} is not watched with lookups to its organisations")
    rows = model._base_manager.filter(pk=instance.pk)
    queries = [rows.values_list(lookup, flat=True).order_by() for lookup in lookups]
    union = queries[0].union(*queries[1:]).order_by() if len(queries) > 1 else queries[0]
    return {org for org in union if org is not None}


def _after_save(instance: Model, lookups: Sequence[str]) -> set[Any]:
    """The organisations a row just saved shows in, in as few queries as its lookups allow: a
    lookup through a reverse relation is unchanged by this row's save (read before an update,
    empty for a new row); a field of the row is read from it; only a chain through a row it
    points to (a person's line manager's organisation) is read from the database."""
    orgs, chains = set(), []
    meta = instance._meta
    for lookup in lookups:
        first, _, rest = lookup.partition("__")
        field = meta.pk if first == "pk" else meta.get_field(first)
        if not field.concrete:
            continue
        value = getattr(instance, field.attname)  # type: ignore[union-attr]
        if not rest:
            orgs.add(value)
        elif value is not None:
            chains.append(lookup)
    if chains:
        orgs |= organisations_of(instance, chains)
    return orgs - {None}


def _before(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if _WATCHED.get(sender) and not kwargs.get("raw") and not instance._state.adding:
        setattr(instance, _BEFORE, organisations_of(instance))


def _on_change(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if not _WATCHED.get(sender) or kwargs.get("raw"):  # fixtures: rows may point to rows to come
        invalidate()
        return
    orgs = set(instance.__dict__.pop(_BEFORE, ()))
    if kwargs.get("signal") is post_save:
        orgs |= _after_save(instance, _WATCHED[sender] or ())
    invalidate(orgs)


def watch(model: type[Model], *, orgs: Sequence[str] | None = None, saves: bool = True) -> None:
    """Invalidate cached pages whenever a row of this model is deleted (and saved, by default):
    those of the organisations reached through the `orgs` lookups (e.g. "organisation",
    "memberships__organisation"), before and after the change; every page without lookups."""
    _WATCHED[model] = tuple(orgs) if orgs else None
    uid = f"listcache:{model._meta.label}"
    if saves:
        pre_save.connect(_before, sender=model, dispatch_uid=uid + ":before-save")
        post_save.connect(_on_change, sender=model, dispatch_uid=uid + ":save")
    pre_delete.connect(_before, sender=model, dispatch_uid=uid + ":before-delete")
    post_delete.connect(_on_change, sender=model, dispatch_uid=uid + ":delete")
