"""A child's placements move to the people app (one home shared with mentoring): every row is
copied with its id, dates, encrypted details and who recorded it, then casework's table goes."""

from django.db import migrations

COPIED = ["id", "organisation_id", "child_id", "kind", "since", "until", "note", "recorded_by_id"]


def _copy(source, target) -> None:  # type: ignore[no-untyped-def]
    rows = []
    for row in source.objects.all().iterator():
        copy = target(**{name: getattr(row, name) for name in COPIED})
        copy.created_at = row.created_at
        rows.append(copy)
    target.objects.bulk_create(rows, batch_size=500)


def to_people(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    _copy(apps.get_model("casework", "Placement"), apps.get_model("people", "Placement"))


def back_to_casework(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    _copy(apps.get_model("people", "Placement"), apps.get_model("casework", "Placement"))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0006_leave"),
        ("people", "0003_child_placement_history"),
    ]

    operations = [
        migrations.RunPython(to_people, back_to_casework),
        migrations.RemoveIndex(
            model_name="placement",
            name="casework_pl_child_i_611524_idx",
        ),
        migrations.DeleteModel(
            name="Placement",
        ),
    ]
