"""The admin console's site: French titles, and French names for the apps and models of the
packages whose names have no translation (issue 15: "Administration de Django", "MFA",
"Authenticators" on a French page). Every registration is read-only (core.admin), as the README
says: the console lists and searches, the domain services write."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

# App label -> name, and "app.model" -> plural, for packages whose own names are untranslated.
APP_NAMES = {
    "mfa": _("Two-factor authentication"),
    "account": _("E-mail addresses"),
    "django_tasks_database": _("Background tasks"),
}
MODEL_NAMES = {
    "mfa.authenticator": _("Two-factor methods"),
    "django_tasks_database.dbtaskresult": _("Background task results"),
}


class EntrepairsAdminSite(admin.AdminSite):
    site_header = _("Entrepairs administration")
    site_title = _("Entrepairs administration")
    index_title = _("Read-only console")

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[Any]:
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["name"] = APP_NAMES.get(app["app_label"], app["name"])
            for model in app["models"]:
                key = f"{app['app_label']}.{model['object_name'].lower()}"
                model["name"] = MODEL_NAMES.get(key, model["name"])
        return apps
