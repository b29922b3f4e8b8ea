"""The shared scaffolding of the query-count tests (issue 19 point 2): every list page and API list
runs the same number of SQL queries at 10, 100 and 1,000 rows, with the list cache off
(LIST_CACHE_SECONDS = 0) and on (a filling request after the change, then a reading one).

A query-count module grows its rows with bulk_create (no signals, so the list cache is invalidated
by hand as every bulk write must, core.listcache), checks each answer is about today's rows (the
API's count, the page's rows), so a stale cached answer cannot pass for a constant one, and
declares what it covers in `QUERY_COUNTED` (URL names: `people:list` for a page, `person-list`
for an API list): `core/tests/test_query_count_coverage.py` fails on a list page or API list no
module declares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# The ORM runs the same queries on either database, so the costly 1,000-row step runs once, on
# SQLite (the default everywhere); PostgreSQL checks 10 and 100 rows, where a query per row
# already shows (CI budget, DECISIONS.md "what runs twice, what runs once").
SIZES = (10, 100, 1000) if connection.vendor == "sqlite" else (10, 100)


@contextmanager
def bookkeeping_frozen() -> Iterator[None]:
    """Session activity and token use are recorded at most once a minute or so: with 1,000 rows
    a test lasts long enough to cross that line and count a bookkeeping write as growth. Freeze
    the clocks those two read (nothing else in the lists depends on them)."""
    import time
    from types import SimpleNamespace
    from unittest import mock

    from django.utils import timezone

    from entrepairs.accounts import sessions
    from entrepairs.accounts.api import authentication as api_auth

    now, aware = time.time(), timezone.now()
    with (
        mock.patch.object(sessions, "time", SimpleNamespace(time=lambda: now)),
        mock.patch.object(api_auth, "timezone", SimpleNamespace(now=lambda: aware)),
    ):
        yield


def capture(fetch: Callable[[], Any]) -> tuple[list[dict[str, Any]], Any]:
    """The queries one request runs, and its response (which must be a 200)."""
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    assert response.status_code == 200, response.status_code
    return list(ctx.captured_queries), response


def count(fetch: Callable[[], Any]) -> tuple[int, Any]:
    """How many queries one request runs, and its response (which must be a 200)."""
    queries, response = capture(fetch)
    return len(queries), response


def growing(make: Callable[[range], Any]) -> Callable[[int], None]:
    """A `grow_to(n)` that makes the rows not made yet: `make(range(have, n))`."""
    have = 0

    def grow_to(n: int) -> None:
        nonlocal have
        if n > have:
            make(range(have, n))
            have = n

    return grow_to


def refresh_planner_statistics() -> None:
    """ANALYZE, on PostgreSQL, the tables this test's transaction wrote to.

    A production database has its statistics kept by autovacuum. A test database does not: its
    rows live in a transaction that is rolled back, which autovacuum never sees, and a table it
    analysed while empty (after an earlier test's rows were rolled back) reads as holding none.
    The planner then nests loops over scans it believes one row long, and a list of 100 rows
    took over ten minutes (CI of 2026-12-03). ANALYZE inside the transaction counts its own
    rows, so the plans are those of a real database of that size; SQLite has no planner
    statistics to refresh."""
    if connection.vendor != "postgresql":
        return
    tables = user_tables(written_in_this_transaction=True)
    if tables:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(tables))  # nosec B608: names from the catalogue


def user_tables(*, written_in_this_transaction: bool = False) -> list[str]:
    """The database's own tables on PostgreSQL, quoted (quote_ident) for a statement; with
    `written_in_this_transaction`, only those the current transaction wrote to."""
    with connection.cursor() as cursor:
        cursor.execute(WRITTEN_TABLES if written_in_this_transaction else ALL_TABLES)
        return [row[0] for row in cursor.fetchall()]


QUOTED_NAME = "SELECT quote_ident(schemaname) || '.' || quote_ident(relname)"
ALL_TABLES = QUOTED_NAME + " FROM pg_stat_user_tables"
WRITTEN_TABLES = (
    QUOTED_NAME + " FROM pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
)


def is_audit_insert(sql: str) -> bool:
    """An audit entry written by the request (core.audit records each confidential read)."""
    return sql.lstrip().upper().startswith("INSERT") and "auditlog" in sql


def measure(
    fetch: Callable[[], Any],
    grow_to: Callable[[int], None],
    check: Callable[[Any, int], None],
    sizes: tuple[int, ...] = SIZES,
    audited: Callable[[int], int] | None = None,
) -> tuple[list[int], list[int]]:
    """(filling, reading): at each size, rows grown and the list cache invalidated, the queries
    of the request that computes the list (checked to be about today's rows) and of the next.
    With `audited`, a list of confidential records: each request writes `audited(n)` audit
    entries (one per record shown, so up to a page), checked, and counted apart."""
    from entrepairs.core import listcache

    def queries(n: int) -> tuple[int, Any]:
        captured, response = capture(fetch)
        if audited is None:
            return len(captured), response
        audit = sum(1 for q in captured if is_audit_insert(q["sql"]))
        assert audit == audited(n), (n, audit, audited(n))
        return len(captured) - audit, response

    filling, reading = [], []
    with bookkeeping_frozen():
        fetch()  # content types, the token's first use
        for n in sizes:
            grow_to(n)
            refresh_planner_statistics()
            listcache.invalidate()
            filled, response = queries(n)
            check(response, n)
            filling.append(filled)
            reading.append(queries(n)[0])
    return filling, reading


def assert_flat(name: str, filling: list[int], reading: list[int]) -> None:
    assert filling == [filling[0]] * len(filling), (name, filling)
    assert reading == [reading[0]] * len(reading), (name, reading)


def param(name: str, value: Any, grows: dict[str, str]) -> Any:
    """A pytest parameter named `name`, xfail(strict) when `grows` reports its count growing."""
    marks = [pytest.mark.xfail(strict=True, reason=grows[name])] if name in grows else []
    return pytest.param(value, id=name, marks=marks)
