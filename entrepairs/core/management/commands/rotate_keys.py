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

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        qn = connection.ops.quote_name
        for model, fields in crypto.encrypted_fields():
            meta: Any = model._meta
            table, pk_col = qn(meta.db_table), qn(meta.pk.column)
            columns = [qn(meta.get_field(name).column) for name in fields]
            select = f"SELECT {pk_col}, {', '.join(columns)} FROM {table}"  # noqa: S608 - quoted names  # nosec B608
            update = (
                f"UPDATE {table} SET {', '.join(f'{c} = %s' for c in columns)} WHERE {pk_col} = %s"  # noqa: S608 - quoted model names, values bound  # nosec B608
            )
            count = 0
            # Raw SQL on purpose: rotation works on ciphertext, never decrypting into model instances.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(select)
                for pk, *values in cursor.fetchall():
                    rotated = [crypto.rotate(v) if v else v for v in values]
                    if rotated != values:
                        cursor.execute(update, [*rotated, pk])
                        count += 1
            total += count
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
        self.stdout.write(
            self.style.SUCCESS(f"Done: {total} rows re-encrypted with the newest key.")
        )
