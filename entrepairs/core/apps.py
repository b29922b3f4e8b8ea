from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "entrepairs.core"
    label = "core"
    default = True
    verbose_name = _("Operations")

    def ready(self) -> None:
        from django.tasks.signals import task_finished

        from . import audit  # noqa: F401  (connects the audit-trail receivers)
        from .metrics import job_finished

        task_finished.connect(job_finished, dispatch_uid="entrepairs.core.metrics.job_finished")
        from .widgets import render_html_dates_as_iso

        render_html_dates_as_iso()
        from .api.fields import localise_numbers_in_messages, name_unknown_related_records

        name_unknown_related_records()
        localise_numbers_in_messages()


class EntrepairsAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the product's site (French titles, every registration read-only)."""

    default = False
    default_site = "entrepairs.core.admin_site.EntrepairsAdminSite"
