"""Announcements and subscriptions move from groups to this app (issue 11), data kept."""

import django.db.models.deletion
import django.utils.timezone
import entrepairs.mailing.models.announcement
import uuid
from django.db import migrations, models

MODELS = ['announcement', 'subscription']


def relabel_content_types(apps, schema_editor, old="groups", new="mailing"):
    """The audit trail (and permissions) point to content types: move them to the new app so
    earlier history still opens the right model."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        moved = ContentType.objects.filter(app_label=old, model=model)
        if moved.exists():
            ContentType.objects.filter(app_label=new, model=model).delete()
            moved.update(app_label=new)


def unlabel_content_types(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old="mailing", new="groups")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('groups', '0004_co_ownership_requests'),
        ('organisations', '0004_organisation_session_idle_minutes'),
        ('people', '0002_import_run'),
    ]

    operations = [
        # The tables exist (created by groups): take over the models in the state only...
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Announcement',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('body', models.TextField(verbose_name='text')),
                        ('event_date', models.DateField(blank=True, null=True, verbose_name='date of the workshop')),
                        ('place', models.CharField(blank=True, max_length=300, verbose_name='place')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.person')),
                        ('provider', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_announcements', to='organisations.organisation', verbose_name='organisation')),
                    ],
                    options={
                        'db_table': 'groups_announcement',
                        'verbose_name': 'announcement',
                        'verbose_name_plural': 'announcements',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Subscription',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                        ('token', models.CharField(default=entrepairs.mailing.models.announcement.make_token, editable=False, max_length=64, unique=True)),
                        ('unsubscribed_at', models.DateTimeField(blank=True, null=True)),
                        ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.person')),
                        ('provider', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_subscriptions', to='organisations.organisation', verbose_name='organisation')),
                    ],
                    options={
                        'db_table': 'groups_subscription',
                        'verbose_name': 'subscription',
                        'verbose_name_plural': 'subscriptions',
                        'constraints': [models.UniqueConstraint(fields=('provider', 'email'), name='unique_subscription')],
                    },
                ),
            ],
        ),
        # ...then rename the tables groups_* -> mailing_* (rows, keys and foreign keys kept).
        migrations.AlterModelTable(name='announcement', table=None),
        migrations.AlterModelTable(name='subscription', table=None),
        migrations.RunPython(relabel_content_types, unlabel_content_types),
    ]
