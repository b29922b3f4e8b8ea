"""Name-ordered index for lists spanning organisations, and on PostgreSQL trigram indexes that
answer the directory's « contains » searches (Django's icontains is UPPER(column) LIKE
UPPER('%word%'), so the indexes are on UPPER(column)). SQLite has no trigram index: nothing
to do there (a small organisation's lists are small)."""

from django.conf import settings
from django.db import migrations, models

TRIGRAM_COLUMNS = ["first_name", "last_name", "email", "phone", "region"]


def create_trigram_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"UPPER({column}) gin_trgm_ops" for column in TRIGRAM_COLUMNS)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS person_contains_trgm ON people_person USING gin ({columns})"
    )


def drop_trigram_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_contains_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0008_vat_and_nda_validated"),
        ("people", "0006_picker_search_columns"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["last_name", "first_name", "id"], name="person_name_order"),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
