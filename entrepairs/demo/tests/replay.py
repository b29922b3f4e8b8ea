"""The small demo world for tests, built once per test process and replayed from its rows after.

`generator.load_small()` runs every demo step through the services (about 20,000 queries and
2,600 audit entries: 15 to 35 s a load on the 2-core machine). Several test modules read the
whole demo world (the home pages, the chart pages, the groups' demo data, the browser tests that
look at pages), each loading it again. `load_small()` here builds it the first time in a process
and records, table by table, the rows that load wrote (raw column values as the database stores
them: ids, ciphertexts and timestamps included); the next calls in that process write the same
rows again in a few hundred milliseconds. The data is the generator's, byte for byte (content
types and permissions by natural key, see `_natural`); it is not a copy kept across processes or
runs.

A replay needs the database to be where the recorded load started (the tables' rows before the
load, compared each time): otherwise it builds the world through the generator as before. Each
list of demo steps has its own recording (a test that monkeypatches `generator._app_steps` builds
only its steps, and replays them the next time).
Call it where `generator.load_small()` would be called: inside a test's transaction, a
module-scoped atomic block, or (browser tests) on the transactional test database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction

from entrepairs.demo import generator

Row = tuple[Any, ...]


@dataclass
class _Table:
    name: str
    model: type[models.Model]
    columns: list[str]
    key: list[int]  # positions of the primary key's columns in `columns`
    # Positions of the columns that name a content type or a permission, by that model.
    references: dict[int, type[models.Model]]


@dataclass
class _Recording:
    steps: tuple[Any, ...]
    before: Any  # _comparable(): the rows before the load, content types by natural key
    natural: dict[type[models.Model], dict[Any, tuple[str, ...]]]  # their ids then
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
    if recording is not None and recording.before == _comparable(before):
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
        references: dict[int, type[models.Model]] = {
            columns.index(str(f.column)): f.related_model
            for f in meta.concrete_fields
            if f.is_relation and f.related_model in (ContentType, Permission)
        }
        yield _Table(
            meta.db_table, model, columns, [columns.index(c) for c in key_columns], references
        )


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
    return _Recording(steps, _comparable(before), _natural(), removed, written, list(logins))


def _natural() -> dict[type[models.Model], dict[Any, tuple[str, ...]]]:
    """Content types and permissions by id, with their natural keys. A browser test's database
    is flushed after each test and Django then creates them again under new ids (post_migrate):
    a replay writes the ids of the same natural keys in its own database."""
    return {
        ContentType: {
            pk: (a, m) for pk, a, m in ContentType.objects.values_list("pk", "app_label", "model")
        },
        Permission: {
            pk: (a, m, c)
            for pk, a, m, c in Permission.objects.values_list(
                "pk", "content_type__app_label", "content_type__model", "codename"
            )
        },
    }


def _comparable(rows: dict[str, dict[Row, Row]]) -> Any:
    """The rows, with the content types and permissions as their natural keys (not their ids)."""
    natural = {ContentType._meta.db_table, Permission._meta.db_table}
    plain = {name: found for name, found in rows.items() if name not in natural}
    return plain, sorted(map(repr, _natural_keys()))


def _natural_keys() -> list[tuple[str, ...]]:
    return [key for found in _natural().values() for key in found.values()]


def _write(tables: list[_Table], recording: _Recording) -> None:
    """Delete what the recorded load deleted or changed, insert what it added or changed, then
    move the tables' id sequences past the ids written (PostgreSQL; SQLite's follow the rows)."""
    quote = connection.ops.quote_name
    touched: list[type[models.Model]] = []
    # One transaction (a savepoint inside a test's): in autocommit (browser tests) each row would
    # otherwise be a transaction of its own, committed to disk one by one.
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            keys = recording.removed.get(table.name)
            if keys:
                where = " AND ".join(f"{quote(table.columns[i])} = %s" for i in table.key)
                cursor.executemany(
                    f"DELETE FROM {quote(table.name)} WHERE {where}",  # noqa: S608  # nosec B608 - model table names
                    [list(key) for key in keys],
                )
        now = {model: {key: pk for pk, key in found.items()} for model, found in _natural().items()}
        for table in tables:
            rows = recording.written.get(table.name)
            if not rows:
                continue
            touched.append(table.model)
            if table.references:
                rows = [_translated(row, table, recording, now) for row in rows]
            columns = ", ".join(quote(c) for c in table.columns)
            marks = ", ".join(["%s"] * len(table.columns))
            cursor.executemany(
                f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608  # nosec B608
                [list(row) for row in rows],
            )
        for statement in connection.ops.sequence_reset_sql(no_style(), touched):
            cursor.execute(statement)


def _translated(row: Row, table: _Table, recording: _Recording, now: Any) -> Row:
    """The row with the content type and permission ids of this database (same natural keys)."""
    values = list(row)
    for position, model in table.references.items():
        if values[position] is not None:
            values[position] = now[model][recording.natural[model][values[position]]]
    return tuple(values)
