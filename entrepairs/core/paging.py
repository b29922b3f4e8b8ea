"""Pagination for large lists: cut the page on ids, then load only that page's rows."""

from collections.abc import Hashable, Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator

from . import listcache


class IdsFirstPaginator(Paginator):
    """Sorts and skips narrow (id, sort key) tuples, then loads the page's full rows, joins and
    prefetches for those ids only. With `cache_key` (everything the result depends on besides
    the data: viewer scope, filters), the count and each page's ids come from the list cache.
    With `values`, a page's rows are dicts of those fields: lists that only show a few columns
    then skip building model instances."""

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        cache_key: Hashable = None,
        values: Sequence[str] = (),
        **kw: Any,
    ):
        super().__init__(object_list, per_page, **kw)
        self.queryset = object_list  # typed: Paginator only knows a sequence
        self.cache_key = cache_key
        self.values = tuple(values)

    def _cached(self, what: Any, compute: Any) -> Any:
        if self.cache_key is None:
            return compute()
        return listcache.get_or_compute((self.cache_key, what), compute)

    @cached_property
    def count(self) -> int:
        return self._cached("count", self.queryset.count)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self._cached(
            ("ids", bottom, top),
            lambda: list(self.queryset.values_list("pk", flat=True)[bottom:top]),
        )
        wanted = self.queryset.order_by().filter(pk__in=ids)
        if self.values:
            rows = {row["pk"]: row for row in wanted.values("pk", *self.values)}
        else:
            rows = {obj.pk: obj for obj in wanted}
        # A row deleted since the ids were cached is simply left out.
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)  # type: ignore[attr-defined]
