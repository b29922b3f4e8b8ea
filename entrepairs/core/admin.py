"""The Django admin: a read-only console for platform administrators.

Every write goes through the domain services (pages, API, commands), so the admin changes
nothing: it lists and searches organisations, people, memberships, tokens, background tasks and
the audit trail, and never shows a confidential field (encrypted fields are left out, and the
audit trail masks them already).
"""

from typing import Any

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.http import HttpRequest

from .models import PeriodicTick, WorkerHeartbeat


class ReadOnly:
    """Nothing is added, changed or deleted in the admin (the README: a read-only console)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass


def make_registrations_read_only(site: admin.AdminSite) -> None:
    """Django's groups, allauth's addresses, allauth.mfa's authenticators... are registered by
    their packages with add and change pages: each becomes read-only here."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, ReadOnly):
            continue
        cls = type(f"ReadOnly{type(model_admin).__name__}", (ReadOnly, type(model_admin)), {})
        site.unregister(model)
        site.register(model, cls)


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnly, AuditlogLogEntryAdmin):
    # auditlog searches actor__first_name/last_name, which our User has not (a server error).
    search_fields = ["object_repr", "actor__email", "actor__display_name", "remote_addr"]


@admin.register(PeriodicTick)
class PeriodicTickAdmin(ReadOnlyAdmin):
    list_display = ["job", "tick", "enqueued_at"]
    list_filter = ["job"]
    date_hierarchy = "tick"


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["worker", "beat_at"]


# The packages above entrepairs.core in INSTALLED_APPS have registered theirs by now; the apps
# below register ReadOnlyAdmin subclasses (a test checks every registration).
make_registrations_read_only(admin.site)
