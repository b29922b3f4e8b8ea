"""Accounts that chose their password through a mailed link before that link confirmed the
address (issue 15) were left with an unconfirmed address, and allauth refuses two-factor set-up
then. An account with a usable password got it from such a link (invitation or reset: the only
way in the product; accounts are made by invitation) or from an administrator who typed the
organisation's address: its own address (`User.email`, which nobody can change in the app) is
confirmed and made primary, as `accounts.services.address_confirm` does from now on."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import migrations


def confirm(apps, schema_editor):  # type: ignore[no-untyped-def]
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    accounts = (
        User.objects.exclude(email="")
        .exclude(password="")
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    )
    for user in accounts.iterator():
        rows = EmailAddress.objects.filter(user=user)
        if rows.filter(email__iexact=user.email, verified=True, primary=True).exists():
            continue
        rows.exclude(email__iexact=user.email).update(primary=False)
        if not rows.filter(email__iexact=user.email).update(verified=True, primary=True):
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_session_epoch_and_failed_sign_ins_in_audit_trail"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(confirm, migrations.RunPython.noop)]
