"""Re-encrypt every confidential field with the newest key.

Procedure: put the new key first in ENCRYPTION_KEYS (keep the old ones after it), restart,
run `manage.py rotate_keys`, then remove the old keys.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from entrepairs.core import crypto


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the first key of ENCRYPTION_KEYS."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, batch_size: int = 500, **options: Any) -> None:
        total = 0
        for model, fields in crypto.encrypted_fields():
            table = model._meta.db_table
            qn = connection.ops.quote_name
            columns = [model._meta.get_field(name).column for name in fields]
            pk_col = model._meta.pk.column
            # Raw SQL on purpose: rotation works on ciphertext and must not decrypt into model instances.
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT {qn(pk_col)}, {', '.join(qn(c) for c in columns)} FROM {qn(table)}")  # noqa: S608
                    rows = cursor.fetchall()
                count = 0
                for row in rows:
                    pk, values = row[0], row[1:]
                    new = [crypto.rotate(v) if v else v for v in values]
                    if new != list(values):
                        sets = ", ".join(f"{qn(c)} = %s" for c in columns)
                        with connection.cursor() as cursor:
                            cursor.execute(f"UPDATE {qn(table)} SET {sets} WHERE {qn(pk_col)} = %s", [*new, pk])  # noqa: S608
                        count += 1
            total += count
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Done: {total} rows re-encrypted with the newest key."))
