"""`manage.py restore_drill DIRECTORY`: restore a backup into a new empty database and prove it.

Exit code 0 when every table has its rows and checksum and every confidential value decrypts;
1 otherwise, with what differs.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from entrepairs.core import backup


class Command(BaseCommand):
    help = (
        "Restore the backup in DIRECTORY (made by manage.py backup) into a new empty database, "
        "compare row counts and checksums with its manifest, and decrypt every confidential "
        "field with ENCRYPTION_KEYS. The scratch database is dropped afterwards unless --keep."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--keep", action="store_true", help="Keep the scratch database to look at it."
        )

    def handle(self, *args: Any, directory: Path, keep: bool, **options: Any) -> None:
        if not (directory / backup.MANIFEST_NAME).exists():
            raise CommandError(f"{directory} holds no backup made by manage.py backup.")
        try:
            report = backup.restore_drill(directory, keep=keep)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        for problem in report.problems:
            self.stderr.write(self.style.ERROR(problem))
        if not report.ok:
            raise CommandError(f"Restore drill failed: {len(report.problems)} problems.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore drill passed: {report.tables} tables, {report.rows} rows identical to "
                f"the backup; {report.encrypted_values} confidential values decrypt."
            )
        )
