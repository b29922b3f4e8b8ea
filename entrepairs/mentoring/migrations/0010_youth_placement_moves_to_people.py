"""A youth's free-text placement moves into the child's one placement history (people app):
a current placement since the enrolment, its kind read from the text where it says so ("famille
d'accueil", "foyer"), the text kept as the confidential details and the youth's guardian as the
family contact of a foster family. A child who already has a current placement (recorded by
casework) keeps it; the youth's text is added to its details, so nothing is lost."""

from django.db import migrations


def _kind(text: str) -> str:
    low = text.lower()
    if "adopt" in low:
        return "adoptive_family"
    if "famille" in low or "foster" in low or "accueil familial" in low:
        return "foster_family"
    if "foyer" in low or "mecs" in low or "children's home" in low:
        return "childrens_home"
    return "other"


def to_people(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    Youth = apps.get_model("mentoring", "Youth")
    Placement = apps.get_model("people", "Placement")
    for youth in Youth.objects.all().iterator():
        text = (youth.placement or "").strip()
        if not text:
            continue
        current = (
            Placement.objects.filter(child_id=youth.person_id, until__isnull=True)
            .order_by("-since")
            .first()
        )
        if current is not None:
            if text not in (current.note or ""):
                current.note = f"{current.note}\n{text}".strip()
                current.save(update_fields=["note"])
            continue
        kind = _kind(text)
        placement = Placement.objects.create(
            organisation_id=youth.agency_id,
            child_id=youth.person_id,
            kind=kind,
            since=youth.enrolled_on,
            note=text,
        )
        if youth.guardian_id and kind in ("foster_family", "adoptive_family"):
            placement.family.add(youth.guardian_id)


def back_to_youth(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    Youth = apps.get_model("mentoring", "Youth")
    Placement = apps.get_model("people", "Placement")
    for youth in Youth.objects.all().iterator():
        current = (
            Placement.objects.filter(child_id=youth.person_id, until__isnull=True)
            .order_by("-since")
            .first()
        )
        if current is not None:
            youth.placement = current.note or current.get_kind_display()
            youth.save(update_fields=["placement"])


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0009_agreement_shares_checkin_ratings"),
        ("people", "0003_child_placement_history"),
        ("casework", "0007_placements_move_to_people"),
    ]

    operations = [
        migrations.RunPython(to_people, back_to_youth),
        migrations.RemoveField(
            model_name="youth",
            name="placement",
        ),
    ]
