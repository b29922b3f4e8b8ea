# Training's own tables: mentoring's two tables renamed (ids, rows, and the programmes' required
# trainings kept), the roles each module is required for become rows of RoleRequirement,
# sessions with their attendees, and the content types (permissions, audit log) follow the models.

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models


MOVED = ("trainingmodule", "trainingcompletion")


def staff_roles_to_requirements(apps, schema_editor):
    TrainingModule = apps.get_model("training", "TrainingModule")
    RoleRequirement = apps.get_model("training", "RoleRequirement")
    RoleRequirement.objects.bulk_create(
        RoleRequirement(module=module, role=role)
        for module in TrainingModule.objects.all()
        for role in sorted(set(module.staff_roles or []))
    )


def requirements_to_staff_roles(apps, schema_editor):
    TrainingModule = apps.get_model("training", "TrainingModule")
    for module in TrainingModule.objects.all():
        module.staff_roles = sorted(module.requirements.values_list("role", flat=True))
        module.save(update_fields=["staff_roles"])


def _move_content_types(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue
        # Permissions and audit entries point at the old row: keep it, drop any fresh duplicate.
        ContentType.objects.filter(app_label=target, model=model).delete()
        old.app_label = target
        old.save(update_fields=["app_label"])


def content_types_to_training(apps, schema_editor):
    _move_content_types(apps, "mentoring", "training")


def content_types_to_mentoring(apps, schema_editor):
    _move_content_types(apps, "training", "mentoring")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('mentoring', '0002_training_moves_to_its_own_app'),
        ('people', '0002_import_run'),
        ('training', '0001_initial'),
    ]

    operations = [
        # The tables created by mentoring.0001 take training's names; data and ids stay.
        migrations.AlterModelTable(
            name='trainingmodule',
            table=None,
        ),
        migrations.AlterModelTable(
            name='trainingcompletion',
            table=None,
        ),
        migrations.RenameIndex(
            model_name='trainingcompletion',
            new_name='training_tr_person__8ef72d_idx',
            old_name='mentoring_t_person__85b390_idx',
        ),
        migrations.CreateModel(
            name='RoleRequirement',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('role', models.CharField(choices=[('admin', 'Administrator'), ('coordinator', 'Coordinator'), ('facilitator', 'Facilitator'), ('professional', 'Professional'), ('manager', 'Manager'), ('tutor', 'Tutor / referent'), ('newcomer', 'Newcomer'), ('mentor', 'Mentor'), ('youth', 'Youth / mentee'), ('case_worker', 'Case worker'), ('guardian', 'Guardian / foster parent'), ('expert', 'Expert'), ('network_organiser', 'Network organiser')], max_length=30, verbose_name='role')),
            ],
            options={
                'verbose_name': 'training requirement',
                'ordering': ['role'],
            },
        ),
        migrations.CreateModel(
            name='TrainingSession',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('held_on', models.DateField(verbose_name='date')),
                ('place', models.CharField(blank=True, max_length=200, verbose_name='place')),
                ('trainer', models.CharField(blank=True, max_length=200, verbose_name='trainer')),
            ],
            options={
                'verbose_name': 'training session',
                'ordering': ['-held_on'],
            },
        ),
        migrations.AlterField(
            model_name='trainingcompletion',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_completions', to='people.person'),
        ),
        migrations.AddField(
            model_name='rolerequirement',
            name='module',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='requirements', to='training.trainingmodule', verbose_name='training module'),
        ),
        migrations.AddField(
            model_name='trainingsession',
            name='attendees',
            field=models.ManyToManyField(blank=True, related_name='training_sessions', to='people.person', verbose_name='attendees'),
        ),
        migrations.AddField(
            model_name='trainingsession',
            name='module',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to='training.trainingmodule', verbose_name='training module'),
        ),
        migrations.AddField(
            model_name='trainingcompletion',
            name='session',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='completions', to='training.trainingsession', verbose_name='session'),
        ),
        migrations.AddConstraint(
            model_name='rolerequirement',
            constraint=models.UniqueConstraint(fields=('module', 'role'), name='unique_training_requirement'),
        ),
        migrations.RunPython(staff_roles_to_requirements, requirements_to_staff_roles),
        migrations.RunPython(content_types_to_training, content_types_to_mentoring),
    ]
