"""Backups that can be proved restorable: `manage.py backup` and `manage.py restore_drill`.

A backup is a directory holding the database (a `pg_dump` custom-format file, or a copy of the
SQLite file) and `manifest.json`: each table's row count and checksum, taken from the same
snapshot as the dump (on PostgreSQL the dump runs on a snapshot exported by the transaction
that computes the manifest, so a busy database still gives a consistent pair).

The drill restores the dump into a new, empty database, computes the manifest there, compares,
and decrypts every confidential field with the configured keys: a backup whose keys are lost is
not a backup.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump, pg_restore, createdb with our own arguments
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connections

from . import crypto

DUMP_NAME = "entrepairs.dump"
SQLITE_NAME = "entrepairs.sqlite3"
MANIFEST_NAME = "manifest.json"


@dataclass
class DrillReport:
    tables: int = 0
    rows: int = 0
    encrypted_values: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(db: Any, vendor: str) -> list[str]:
    cursor = db.cursor()
    if vendor == "postgresql":
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY 1"
        )
    return [row[0] for row in cursor.fetchall()]


def manifest(db: Any, vendor: str) -> dict[str, dict[str, Any]]:
    """Each table's row count and a checksum of its rows (stored values: ciphertext as stored).

    `db` is a DB-API connection of its own (psycopg or sqlite3), not one of Django's: the drill
    reads databases Django is not configured for."""
    result: dict[str, dict[str, Any]] = {}
    cursor = db.cursor()
    for table in _tables(db, vendor):
        if vendor == "postgresql":
            # The server hashes: no row crosses the network. Rows sorted by their text form.
            cursor.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') "  # noqa: S608 - quoted table name  # nosec B608
                f"FROM {_quote(table)} t"
            )
            rows, checksum = cursor.fetchone()
        else:
            cursor.execute(f"SELECT * FROM {_quote(table)}")  # noqa: S608 - quoted table name  # nosec B608
            texts = sorted(repr(row) for row in cursor.fetchall())
            rows = len(texts)
            checksum = hashlib.md5("|".join(texts).encode(), usedforsecurity=False).hexdigest()
        result[table] = {"rows": rows, "checksum": checksum}
    return result


def compare(expected: dict[str, dict[str, Any]], found: dict[str, dict[str, Any]]) -> list[str]:
    """What differs between two manifests, in sentences (empty: identical)."""
    problems = []
    for table in sorted(expected.keys() | found.keys()):
        if table not in found:
            problems.append(f"table {table} is missing from the restored database")
        elif table not in expected:
            problems.append(f"table {table} is in the restored database but not in the backup")
        elif expected[table]["rows"] != found[table]["rows"]:
            problems.append(
                f"table {table}: {found[table]['rows']} rows restored, "
                f"{expected[table]['rows']} backed up"
            )
        elif expected[table]["checksum"] != found[table]["checksum"]:
            problems.append(f"table {table}: same row count, different content")
    return problems


def undecryptable(db: Any) -> tuple[int, list[str]]:
    """(values checked, problems): every confidential value must decrypt with today's keys."""
    checked, problems = 0, []
    cursor = db.cursor()
    for model, names in crypto.encrypted_fields():
        meta: Any = model._meta
        for name in names:
            column = _quote(meta.get_field(name).column)
            cursor.execute(
                f"SELECT {column} FROM {_quote(meta.db_table)} "  # noqa: S608 - quoted names  # nosec B608
                f"WHERE {column} IS NOT NULL AND {column} <> ''"
            )
            failed = 0
            for (stored,) in cursor.fetchall():
                checked += 1
                try:
                    crypto.decrypt(stored)
                except ValueError:
                    failed += 1
            if failed:
                problems.append(
                    f"{meta.label}.{name}: {failed} values do not decrypt with ENCRYPTION_KEYS"
                )
    return checked, problems


# --- PostgreSQL ---------------------------------------------------------------------------------


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if done.returncode:
        raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def _pg_connect(settings_dict: dict[str, Any], dbname: str | None = None) -> Any:
    import psycopg

    return psycopg.connect(
        dbname=dbname or settings_dict["NAME"],
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        autocommit=True,
    )


def backup(directory: Path) -> dict[str, dict[str, Any]]:
    """Write the database and its manifest into `directory` (created). Returns the manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    settings_dict = connections["default"].settings_dict
    if connections["default"].vendor == "postgresql":
        with _pg_connect(settings_dict) as db:
            db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            snapshot = db.execute("SELECT pg_export_snapshot()").fetchone()[0]
            _run(
                [
                    shutil.which("pg_dump") or "pg_dump",
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={directory / DUMP_NAME}",
                    str(settings_dict["NAME"]),
                ],
                _pg_env(settings_dict),
            )
            found = manifest(db, "postgresql")
            db.execute("COMMIT")
    else:
        source = sqlite3.connect(settings_dict["NAME"])
        target = sqlite3.connect(directory / SQLITE_NAME)
        source.backup(target)  # consistent while others write
        source.close()
        found = manifest(target, "sqlite")
        target.close()
    (directory / MANIFEST_NAME).write_text(json.dumps(found, indent=1, sort_keys=True))
    return found


def restore_drill(directory: Path, *, keep: bool = False) -> DrillReport:
    """Restore the backup in `directory` into a new empty database and check it (see module doc).

    PostgreSQL: the scratch database is created beside the configured one and dropped afterwards
    unless `keep`. SQLite: the copy is restored into a temporary file.
    """
    expected = json.loads((directory / MANIFEST_NAME).read_text())
    settings_dict = connections["default"].settings_dict
    report = DrillReport()
    if connections["default"].vendor == "postgresql":
        scratch = f"{settings_dict['NAME']}_drill_{uuid.uuid4().hex[:8]}"
        env = _pg_env(settings_dict)
        _run([shutil.which("createdb") or "createdb", scratch], env)
        try:
            _run(
                [
                    shutil.which("pg_restore") or "pg_restore",
                    "--no-owner",
                    "--exit-on-error",
                    f"--dbname={scratch}",
                    str(directory / DUMP_NAME),
                ],
                env,
            )
            with _pg_connect(settings_dict, scratch) as db:
                _check(report, expected, db, "postgresql")
        finally:
            if not keep:
                _run([shutil.which("dropdb") or "dropdb", "--if-exists", scratch], env)
    else:
        with tempfile.TemporaryDirectory() as scratch_dir:
            restored = Path(scratch_dir) / SQLITE_NAME
            shutil.copyfile(directory / SQLITE_NAME, restored)
            db = sqlite3.connect(restored)
            try:
                _check(report, expected, db, "sqlite")
            finally:
                db.close()
    return report


def _check(report: DrillReport, expected: dict[str, dict[str, Any]], db: Any, vendor: str) -> None:
    found = manifest(db, vendor)
    report.tables = len(found)
    report.rows = sum(table["rows"] for table in found.values())
    report.problems += compare(expected, found)
    report.encrypted_values, problems = undecryptable(db)
    report.problems += problems
