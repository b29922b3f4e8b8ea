"""Contracts, price grids, invoice lines, announcements and subscriptions now belong to the
contracts and mailing apps (issue 11): groups forgets them in the state only; those apps took
over (and renamed) the tables."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('groups', '0004_co_ownership_requests'),
        ('contracts', '0001_moved_from_groups'),
        ('mailing', '0001_moved_from_groups'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='announcement',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='announcement',
                    name='provider',
                ),
                migrations.RemoveField(
                    model_name='contract',
                    name='client',
                ),
                migrations.RemoveField(
                    model_name='contract',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='contract',
                    name='price_grid',
                ),
                migrations.RemoveField(
                    model_name='contract',
                    name='provider',
                ),
                migrations.RemoveField(
                    model_name='contract',
                    name='provider_person',
                ),
                migrations.RemoveField(
                    model_name='invoiceline',
                    name='contract',
                ),
                migrations.RemoveField(
                    model_name='invoiceline',
                    name='session',
                ),
                migrations.RemoveField(
                    model_name='pricegrid',
                    name='provider',
                ),
                migrations.RemoveConstraint(
                    model_name='subscription',
                    name='unique_subscription',
                ),
                migrations.DeleteModel(
                    name='Announcement',
                ),
                migrations.DeleteModel(
                    name='Contract',
                ),
                migrations.DeleteModel(
                    name='InvoiceLine',
                ),
                migrations.DeleteModel(
                    name='PriceGrid',
                ),
                migrations.DeleteModel(
                    name='Subscription',
                ),
            ],
        ),
    ]
