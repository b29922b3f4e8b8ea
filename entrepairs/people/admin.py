from django.contrib import admin

from entrepairs.core.admin import ReadOnlyAdmin

from .models import Person


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
