# The roles a module is required for now live in RoleRequirement (copied in 0002). A migration of
# its own: on PostgreSQL, altering a table in the transaction that just wrote rows pointing at it
# fails ("pending trigger events").

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_training_tables_sessions_requirements"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="trainingmodule",
            name="staff_roles",
        ),
    ]
