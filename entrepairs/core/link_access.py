"""Whether a reader may still open the page a stored link leads to (outside test of issue 15: a
notification about a match since closed, a group one has left, a record of an organisation one
has moved from, led to a 404).

One home: each app declares, for the pages its notifications link to, the records its reader may
open there, with the very queryset (and permission) its view fetches them through
(`link_target`); `openable` answers for many links at once, one query per kind of page, so a
list of notifications costs the same whatever its length. A page without a record (a list, the
home page) that is not declared is open to every signed-in reader, as its view is.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.db.models import QuerySet
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from .permissions import check

# Said where a link is withheld (the inbox, the home page, the API).
NO_LONGER_OPEN = _("You no longer have access to this record.")


@dataclass(frozen=True)
class LinkTarget:
    # The records of the page's kind its reader may open (the view's own queryset), or None.
    visible: Callable[[Any], QuerySet] | None = None
    # A permission the view requires on the record (or on nothing, for a page without one).
    perm: str = ""
    kwarg: str = "pk"


# Declared pages, by URL name ("mentoring:match").
TARGETS: dict[str, LinkTarget] = {}


def link_target(
    url_name: str, visible: Callable[[Any], QuerySet] | None = None, *, perm: str = ""
) -> None:
    """Declare who may open the page `url_name`: the records `visible(user)` returns (the
    queryset its view fetches the record from), each also passing `perm` when given; a page
    without a record, `perm` alone. Called from the owning app's ready()."""
    TARGETS[url_name] = LinkTarget(visible, perm)


def declared(link: str) -> bool:
    """The page `link` leads to says who may open it, or needs no record (a list, a home)."""
    found = _resolved(link)
    return found is not None and (found[0] in TARGETS or not found[1])


def openable(user: Any, links: Iterable[str]) -> set[str]:
    """The links among `links` that `user` may follow: one query per declared kind of page."""
    allowed: set[str] = set()
    wanted: dict[str, dict[str, str]] = defaultdict(dict)  # url name → {link: record id}
    for link in set(links):
        found = _resolved(link) if link else None
        if found is None:
            continue
        name, kwargs = found
        target = TARGETS.get(name)
        if target is None:
            allowed.add(link)
        elif target.visible is None:
            if not target.perm or check(user, target.perm):
                allowed.add(link)
        elif target.kwarg in kwargs:
            wanted[name][link] = str(kwargs[target.kwarg])
    for name, ids in wanted.items():
        target = TARGETS[name]
        assert target.visible is not None
        rows = target.visible(user).filter(pk__in=set(ids.values()))
        if target.perm:
            found_ids = {str(row.pk) for row in rows if check(user, target.perm, row)}
        else:
            found_ids = {str(pk) for pk in rows.values_list("pk", flat=True)}
        allowed |= {link for link, pk in ids.items() if pk in found_ids}
    return allowed


def mark_openable(user: Any, notifications: Iterable[Any]) -> list[Any]:
    """Each notification with `link_open` (its reader may follow its link now) and `link_lost`
    (it had a link its reader may no longer follow: the pages say so)."""
    rows = list(notifications)
    allowed = openable(user, (n.link for n in rows))
    for n in rows:
        n.link_open = n.link in allowed
        n.link_lost = bool(n.link) and not n.link_open
    return rows


def _resolved(link: str) -> tuple[str, dict[str, Any]] | None:
    path = urlsplit(str(link)).path
    if not path.startswith("/"):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name, match.kwargs
