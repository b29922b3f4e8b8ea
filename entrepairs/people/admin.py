from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from entrepairs.core.admin import ReadOnlyAdmin
from entrepairs.organisations.viewer import viewer_for

from .models import Person
from .rules import visible_q


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["last_name", "first_name", "email", "organisation", "profession", "is_active"]
    list_select_related = ["organisation"]
    list_filter = ["profession", "is_active"]
    search_fields = ["last_name", "first_name", "email", "external_id"]
    # `notes` is confidential (encrypted): never shown here.
    fields = [
        "organisation",
        "first_name",
        "last_name",
        "email",
        "phone",
        "external_id",
        "profession",
        "years_experience",
        "team",
        "line_manager",
        "is_active",
    ]

    def get_queryset(self, request: HttpRequest) -> Any:
        # The console obeys the same rule as the pages: staff profiles, never the people served.
        return super().get_queryset(request).filter(visible_q(viewer_for(request.user)))
