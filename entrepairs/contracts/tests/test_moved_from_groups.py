"""The move out of groups keeps the audit trail: content types recorded under `groups` are
relabelled, so an entry written before the move opens the contract it was about."""

import importlib

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection

MIGRATIONS = [
    ("entrepairs.contracts.migrations.0001_moved_from_groups", "contracts", "contract"),
    ("entrepairs.mailing.migrations.0001_moved_from_groups", "mailing", "subscription"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("module", "app", "model"), MIGRATIONS)
def test_it_relabels_the_content_types_so_earlier_history_follows(module, app, model) -> None:
    migration = importlib.import_module(module)
    ContentType.objects.filter(app_label=app, model=model).delete()
    before = ContentType.objects.create(app_label="groups", model=model)
    entry = LogEntry.objects.create(
        content_type=before, object_pk="1", object_repr="before the move", action=0
    )
    migration.relabel_content_types(apps, None)
    entry.refresh_from_db()
    ContentType.objects.clear_cache()
    assert (entry.content_type.app_label, entry.content_type.model) == (app, model)
    assert entry.content_type.model_class() is apps.get_model(app, model)
    assert not ContentType.objects.filter(app_label="groups", model=model).exists()


@pytest.mark.django_db
def test_it_renamed_the_tables_groups_left_behind() -> None:
    """The migrations renamed the tables: none of the moved models' groups_* tables is left."""
    tables = set(connection.introspection.table_names())
    moved = ["contract", "invoiceline", "pricegrid", "announcement", "subscription"]
    assert {"contracts_contract", "contracts_invoiceline", "contracts_pricegrid"} <= tables
    assert {"mailing_announcement", "mailing_subscription"} <= tables
    assert not tables & {f"groups_{name}" for name in moved}
