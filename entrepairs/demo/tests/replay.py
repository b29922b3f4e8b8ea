"""The small demo world for tests, built once per test process and replayed from its rows after.

`generator.load_small()` runs every demo step through the services (about 20,000 queries and
2,600 audit entries: 15 to 35 s a load on the 2-core machine). Several test modules read the
whole demo world (the home pages, the chart pages, the groups' demo data, the browser tests that
look at pages), each loading it again. `load_small()` here builds it the first time in a process
and records, table by table, the rows that load wrote (raw column values as the database stores
them: ids, ciphertexts and timestamps included); the next calls in that process write the same
rows again in a few hundred milliseconds. The data is the generator's, byte for byte; it is not a
copy kept across processes or runs.

A replay needs the database to be where the recorded load started (the tables' rows before the
load, compared each time): otherwise, or when the demo steps differ from the recorded ones (a test
that monkeypatches `generator._app_steps`), it builds the world through the generator as before.
Call it where `generator.load_small()` would be called: inside a test's transaction, a
module-scoped atomic block, or (browser tests) on the transactional test database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models

from entrepairs.demo import generator

Row = tuple[Any, ...]


@dataclass
class _Table:
    name: str
    model: type[models.Model]
    columns: list[str]
    key: list[int]  # positions of the primary key's columns in `columns`


@dataclass
class _Recording:
    steps: tuple[Any, ...]
    before: dict[str, dict[Row, Row]]
    removed: dict[str, list[Row]]  # primary keys of rows the load deleted or changed
    written: dict[str, list[Row]]  # rows the load added, or changed (their new values)
    logins: list[generator.DemoLogin]  # the built-in ones and those the steps added


# One recording per database (vendor and name) and list of steps: a process's SQLite and
# PostgreSQL test databases never share one, nor a whole world and a test's few steps.
_RECORDINGS: dict[tuple[str, str, tuple[Any, ...]], _Recording] = {}
# Counted for the tests of this module: how each call was served.
CALLS = {"built": 0, "replayed": 0}


def load_small() -> generator.DemoWorld:
    """The small demo world, as `generator.load_small()` builds it (see the module's docstring)."""
    steps = _steps()
    where = (connection.vendor, str(connection.settings_dict["NAME"]), steps)
    recording = _RECORDINGS.get(where)
    tables = list(_tables())
    before = _rows(tables)
    if recording is not None and recording.before == before:
        _write(tables, recording)
        CALLS["replayed"] += 1
        return generator.DemoWorld(logins=list(recording.logins))
    world = generator.load_small()
    after = _rows(tables)
    if after != before:  # equal when the world was there already (load_small skips it)
        _RECORDINGS[where] = _record(tables, steps, before, after, world.logins)
    CALLS["built"] += 1
    return world


def _steps() -> tuple[Any, ...]:
    """The steps `generator.load_small` would run now (tests may monkeypatch the app steps)."""
    return tuple(
        generator.SMALL_STEPS + generator._app_steps("SMALL_STEPS") + generator._late_app_steps()
    )


def _tables() -> Iterator[_Table]:
    seen: set[str] = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.swapped or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        # Generated columns (GeneratedField) are computed by the database from the others.
        columns = [str(f.column) for f in meta.concrete_fields if not f.generated]
        key_columns = [str(f.column) for f in meta.pk_fields]
        yield _Table(meta.db_table, model, columns, [columns.index(c) for c in key_columns])


def _rows(tables: list[_Table]) -> dict[str, dict[Row, Row]]:
    """Every row of every table, by primary key, as the database driver returns it."""
    quote = connection.ops.quote_name
    found: dict[str, dict[Row, Row]] = {}
    with connection.cursor() as cursor:
        for table in tables:
            columns = ", ".join(quote(c) for c in table.columns)
            cursor.execute(f"SELECT {columns} FROM {quote(table.name)}")  # noqa: S608  # nosec B608 - model table names
            found[table.name] = {
                tuple(row[i] for i in table.key): tuple(row) for row in cursor.fetchall()
            }
    return found


def _record(
    tables: list[_Table],
    steps: tuple[Any, ...],
    before: dict[str, dict[Row, Row]],
    after: dict[str, dict[Row, Row]],
    logins: list[generator.DemoLogin],
) -> _Recording:
    removed: dict[str, list[Row]] = {}
    written: dict[str, list[Row]] = {}
    for table in tables:
        old, new = before[table.name], after[table.name]
        gone = [key for key, row in old.items() if new.get(key) != row]
        added = [row for key, row in new.items() if old.get(key) != row]
        if gone:
            removed[table.name] = gone
        if added:
            written[table.name] = added
    return _Recording(steps, before, removed, written, list(logins))


def _write(tables: list[_Table], recording: _Recording) -> None:
    """Delete what the recorded load deleted or changed, insert what it added or changed, then
    move the tables' id sequences past the ids written (PostgreSQL; SQLite's follow the rows)."""
    quote = connection.ops.quote_name
    touched: list[type[models.Model]] = []
    with connection.cursor() as cursor:
        for table in tables:
            keys = recording.removed.get(table.name)
            if keys:
                where = " AND ".join(f"{quote(table.columns[i])} = %s" for i in table.key)
                cursor.executemany(
                    f"DELETE FROM {quote(table.name)} WHERE {where}",  # noqa: S608  # nosec B608 - model table names
                    [list(key) for key in keys],
                )
        for table in tables:
            rows = recording.written.get(table.name)
            if not rows:
                continue
            touched.append(table.model)
            columns = ", ".join(quote(c) for c in table.columns)
            marks = ", ".join(["%s"] * len(table.columns))
            cursor.executemany(
                f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608  # nosec B608
                [list(row) for row in rows],
            )
        for statement in connection.ops.sequence_reset_sql(no_style(), touched):
            cursor.execute(statement)
