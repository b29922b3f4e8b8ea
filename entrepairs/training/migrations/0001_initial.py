# Staff training moves from mentoring to its own app. The tables were created by
# mentoring.0001_initial: this migration only tells Django's state that training owns them
# (same tables, same columns, same index); 0002 renames them.

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("mentoring", "0001_initial"),
        ("organisations", "0004_organisation_session_idle_minutes"),
        ("people", "0002_import_run"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TrainingModule",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        ("topic", models.CharField(blank=True, max_length=200, verbose_name="topic")),
                        ("audience", models.CharField(choices=[("mentor", "Mentors"), ("staff", "Programme staff")], default="mentor", max_length=10, verbose_name="audience")),
                        ("staff_roles", models.JSONField(blank=True, default=list, verbose_name="required for staff roles")),
                        ("validity_months", models.PositiveSmallIntegerField(blank=True, help_text="Empty: never expires.", null=True, verbose_name="valid for (months)")),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="organisations.organisation")),
                    ],
                    options={
                        "verbose_name": "training module",
                        "ordering": ["name"],
                        "db_table": "mentoring_trainingmodule",
                        "constraints": [
                            models.UniqueConstraint(fields=("organisation", "name"), name="unique_training_name")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="TrainingCompletion",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("completed_on", models.DateField(verbose_name="completed on")),
                        ("expires_on", models.DateField(blank=True, null=True, verbose_name="expires on")),
                        ("person", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="mentoring_trainings", to="people.person")),
                        ("module", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="completions", to="training.trainingmodule")),
                    ],
                    options={
                        "verbose_name": "training completion",
                        "ordering": ["-completed_on"],
                        "db_table": "mentoring_trainingcompletion",
                        "indexes": [
                            models.Index(fields=["person", "module", "completed_on"], name="mentoring_t_person__85b390_idx")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
