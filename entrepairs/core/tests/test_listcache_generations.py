"""The list cache's generations (core.listcache, issue 18 §2): a write in one organisation makes
only the lists of that organisation (and of unclear scope) a miss; a list of several organisations
misses on a write in any of them; `invalidate()` without organisations makes every list a miss;
a page reads its generations in one cache round-trip, however many organisations it spans."""

import uuid
from typing import Any

import pytest

from entrepairs.core import listcache

pytestmark = pytest.mark.django_db

A, B, C = (uuid.uuid4() for _ in range(3))


class Computed:
    """A compute function that says whether it ran."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self) -> list[int]:
        self.runs += 1
        return [self.runs]


def misses(orgs: Any, write: Any) -> bool:
    """Is a warm list of `orgs` computed again after `write`?"""
    compute, parts = Computed(), ("list", uuid.uuid4())  # a list no earlier call has cached
    listcache.get_or_compute(parts, compute, orgs=orgs)
    listcache.get_or_compute(parts, compute, orgs=orgs)
    assert compute.runs == 1  # warm
    write()
    listcache.get_or_compute(parts, compute, orgs=orgs)
    return compute.runs == 2


def test_it_refreshes_only_the_lists_of_the_organisation_written():
    assert misses([A], lambda: listcache.invalidate([A]))
    assert not misses([B], lambda: listcache.invalidate([A]))
    assert not misses([], lambda: listcache.invalidate([A]))


def test_it_refreshes_a_list_of_several_organisations_on_a_write_in_any():
    assert misses([A, B], lambda: listcache.invalidate([A]))
    assert misses([A, B], lambda: listcache.invalidate([B]))
    assert not misses([A, B], lambda: listcache.invalidate([C]))


def test_it_refreshes_lists_of_unclear_scope_on_any_write():
    assert misses(None, lambda: listcache.invalidate([C]))


def test_it_refreshes_every_list_on_a_global_invalidation():
    for orgs in ([A], [A, B], [], None):
        assert misses(orgs, listcache.invalidate)


def test_the_same_organisation_spelt_as_text_or_uuid_shares_a_generation():
    assert misses([str(A)], lambda: listcache.invalidate([A]))


class CountingCache:
    """The real cache, with its calls counted."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.real, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


def test_a_warm_page_reads_its_generations_in_one_round_trip(monkeypatch):
    orgs = [uuid.uuid4() for _ in range(20)]
    listcache.get_or_compute(("list",), Computed(), orgs=orgs)
    counting = CountingCache(listcache.cache)
    monkeypatch.setattr(listcache, "cache", counting)
    assert listcache.get_or_compute(("list",), Computed(), orgs=orgs) == [1]
    assert counting.calls == ["get_many", "get"]
