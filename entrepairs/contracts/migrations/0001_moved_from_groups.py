"""Price grids, contracts and invoice lines move from groups to this app (issue 11), data kept."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from decimal import Decimal
from django.db import migrations, models

MODELS = ['contract', 'invoiceline', 'pricegrid']


def relabel_content_types(apps, schema_editor, old="groups", new="contracts"):
    """The audit trail (and permissions) point to content types: move them to the new app so
    earlier history still opens the right model."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        moved = ContentType.objects.filter(app_label=old, model=model)
        if moved.exists():
            ContentType.objects.filter(app_label=new, model=model).delete()
            moved.update(app_label=new)


def unlabel_content_types(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old="contracts", new="groups")


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
                    name='Contract',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('session_hours', models.DecimalField(decimal_places=2, default=Decimal('3.5'), max_digits=4, verbose_name='session duration (hours)')),
                        ('sessions_per_year', models.PositiveSmallIntegerField(verbose_name='sessions a year')),
                        ('beneficiaries', models.PositiveSmallIntegerField(verbose_name='beneficiaries')),
                        ('price_per_session', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=10, verbose_name='price per session')),
                        ('status', models.CharField(choices=[('quote', 'Quote'), ('signed', 'Signed'), ('ended', 'Ended')], default='quote', max_length=10, verbose_name='status')),
                        ('signed_at', models.DateTimeField(blank=True, null=True, verbose_name='signed')),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='client_contracts', to='organisations.organisation', verbose_name='client organisation')),
                        ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contracts', to='groups.group', verbose_name='group')),
                        ('provider', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='provided_contracts', to='organisations.organisation', verbose_name='provider')),
                        ('provider_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.person', verbose_name='facilitator')),
                    ],
                    options={
                        'db_table': 'groups_contract',
                        'verbose_name': 'contract',
                        'verbose_name_plural': 'contracts',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='InvoiceLine',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='amount')),
                        ('invoice_number', models.CharField(blank=True, max_length=40, verbose_name='invoice number')),
                        ('invoiced_at', models.DateTimeField(blank=True, null=True, verbose_name='invoiced')),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='contracts.contract')),
                        ('session', models.OneToOneField(on_delete=django.db.models.deletion.RESTRICT, related_name='invoice_line', to='groups.session')),
                    ],
                    options={
                        'db_table': 'groups_invoiceline',
                        'verbose_name': 'invoice line',
                        'verbose_name_plural': 'invoice lines',
                        'ordering': ['session__starts_at'],
                    },
                ),
                migrations.CreateModel(
                    name='PriceGrid',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('beneficiary_bands', models.JSONField(verbose_name='hourly rate by number of beneficiaries')),
                        ('rhythm_bands', models.JSONField(verbose_name='discount by sessions a year')),
                        ('provider', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='price_grids', to='organisations.organisation', verbose_name='provider')),
                    ],
                    options={
                        'db_table': 'groups_pricegrid',
                        'verbose_name': 'price grid',
                        'verbose_name_plural': 'price grids',
                        'ordering': ['name'],
                    },
                ),
                migrations.AddField(
                    model_name='contract',
                    name='price_grid',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='contracts', to='contracts.pricegrid', verbose_name='price grid'),
                ),
            ],
        ),
        # ...then rename the tables groups_* -> contracts_* (rows, keys and foreign keys kept).
        migrations.AlterModelTable(name='contract', table=None),
        migrations.AlterModelTable(name='invoiceline', table=None),
        migrations.AlterModelTable(name='pricegrid', table=None),
        migrations.RunPython(relabel_content_types, unlabel_content_types),
    ]
