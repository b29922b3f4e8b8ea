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


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class LogEntryAdmin(AuditlogLogEntryAdmin):
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
