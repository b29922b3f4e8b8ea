"""Best effort: give each existing notification the organisation it concerns.

First from its target, named by its link (a group, a group's session, a person, an import run);
otherwise the recipient's organisation when they belong to exactly one. Anything else stays empty
(a session still reads it; a token scoped to one organisation does not)."""

import re

from django.db import migrations

UUID = r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
# (link pattern, model, path from the model to its organisation's id), most specific first.
TARGETS = [
    (rf"^/groups/sessions/{UUID}/", ("groups", "Session"), "group__organisation_id"),
    (rf"^/groups/{UUID}/", ("groups", "Group"), "organisation_id"),
    (rf"^/people/import/{UUID}/", ("people", "ImportRun"), "organisation_id"),
    (rf"^/people/{UUID}/", ("people", "Person"), "organisation_id"),
]


def _from_link(apps, link):  # type: ignore[no-untyped-def]
    for pattern, (app, model), path in TARGETS:
        found = re.match(pattern, link or "")
        if found:
            rows = apps.get_model(app, model).objects.filter(pk=found.group(1))
            return rows.values_list(path, flat=True).first()
    return None


def _recipients_only_organisation(apps, user_id):  # type: ignore[no-untyped-def]
    Person = apps.get_model("people", "Person")
    Membership = apps.get_model("organisations", "Membership")
    orgs = set(
        Membership.objects.filter(person__user_id=user_id, is_active=True).values_list(
            "organisation_id", flat=True
        )
    )
    orgs |= set(Person.objects.filter(user_id=user_id).values_list("organisation_id", flat=True))
    orgs.discard(None)
    return orgs.pop() if len(orgs) == 1 else None


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Notification = apps.get_model("core", "Notification")
    only_org: dict = {}
    rows = Notification.objects.filter(organisation__isnull=True).values_list(
        "pk", "link", "recipient_id"
    )
    for pk, link, user_id in rows.iterator():
        org_id = _from_link(apps, link)
        if org_id is None:
            if user_id not in only_org:
                only_org[user_id] = _recipients_only_organisation(apps, user_id)
            org_id = only_org[user_id]
        if org_id is not None:
            Notification.objects.filter(pk=pk).update(organisation_id=org_id)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_notification_organisation"),
        ("groups", "0005_business_moved_to_contracts_and_mailing"),
        ("people", "0002_import_run"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
