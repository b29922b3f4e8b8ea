"""Pagination for large lists: cut the page on ids, then load only that page's rows."""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator


class IdsFirstPaginator(Paginator):
    """Sorts and skips ids only, then loads the page's full rows (joins, prefetches) for those
    ids. With `values`, a page's rows are dicts of those fields: lists that only show a few
    columns then skip building model instances."""

    def __init__(self, object_list: Any, per_page: int, *, values: Sequence[str] = (), **kw: Any):
        super().__init__(object_list, per_page, **kw)
        self.queryset = object_list  # typed: Paginator only knows a sequence
        self.values = tuple(values)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.queryset.values_list("pk", flat=True)[bottom:top])
        wanted = self.queryset.order_by().filter(pk__in=ids)
        if self.values:
            rows = {row["pk"]: row for row in wanted.values("pk", *self.values)}
        else:
            rows = {obj.pk: obj for obj in wanted}
        # A row deleted between the two queries is simply left out.
        page_rows = [rows[pk] for pk in ids if pk in rows]
        return self._get_page(page_rows, number, self)  # type: ignore[attr-defined]
