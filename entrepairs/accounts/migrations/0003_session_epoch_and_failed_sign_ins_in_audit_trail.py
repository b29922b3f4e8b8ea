"""A session epoch per user ("sign out everywhere"); failed sign-ins move from their own table,
which no page showed, into the audit trail, where sign-ins are now recorded."""

from django.db import migrations, models


def copy_failed_sign_ins(apps, schema_editor):  # type: ignore[no-untyped-def]
    LoginAttempt = apps.get_model("accounts", "LoginAttempt")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    User = apps.get_model("accounts", "User")
    Person = apps.get_model("people", "Person")
    if not LoginAttempt.objects.exists():
        return
    user_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="user")
    for attempt in LoginAttempt.objects.iterator():
        user = User.objects.filter(email__iexact=attempt.email).first()
        data = {"event": "sign_in_failed", "detail": "password", "source": "ui"}
        org = (
            Person.objects.filter(user=user).values_list("organisation_id", flat=True).first()
            if user
            else None
        )
        if org:
            data["organisation"] = str(org)
        LogEntry.objects.create(
            content_type=user_type,
            object_pk=str(user.pk) if user else "",
            object_repr=attempt.email,
            action=3,
            remote_addr=attempt.remote_addr,
            timestamp=attempt.at,
            additional_data=data,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="session_epoch",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(copy_failed_sign_ins, migrations.RunPython.noop),
        migrations.DeleteModel(name="LoginAttempt"),
    ]
