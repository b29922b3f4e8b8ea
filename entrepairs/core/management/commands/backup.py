"""`manage.py backup DIRECTORY`: the database and its manifest, from one snapshot (core.backup)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from entrepairs.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database into DIRECTORY (pg_dump custom format, or a copy of the SQLite "
        "file) with manifest.json: each table's row count and checksum, for restore_drill."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        if (directory / backup.MANIFEST_NAME).exists():
            raise CommandError(f"{directory} already holds a backup: choose a new directory.")
        try:
            found = backup.backup(directory)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(table["rows"] for table in found.values())
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {len(found)} tables, {rows} rows, into {directory}.")
        )
        self.stdout.write(
            "Keep ENCRYPTION_KEYS and SECRET_KEY apart from it: without the keys the confidential "
            "fields cannot be read; with them, whoever holds the backup can."
        )
