# Staff training moves to the training app (issue 11): mentoring forgets the two models in its
# state only; the tables stay (training.0002 renames them), and programmes keep their required
# trainings (same through table, same columns).

import django.db.models
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0001_initial"),
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="programme",
                    name="required_trainings",
                    field=django.db.models.ManyToManyField(
                        blank=True,
                        related_name="programmes",
                        to="training.trainingmodule",
                        verbose_name="required trainings",
                    ),
                ),
                migrations.DeleteModel(name="TrainingCompletion"),
                migrations.DeleteModel(name="TrainingModule"),
            ],
            database_operations=[],
        ),
    ]
