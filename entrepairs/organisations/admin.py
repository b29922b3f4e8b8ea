from django.contrib import admin

from entrepairs.core.admin import ReadOnlyAdmin

from .models import Membership, Organisation, Site, Team


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "region"]


@admin.register(Site)
class SiteAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "region"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name"]


@admin.register(Team)
class TeamAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "organisation", "parent"]
    list_select_related = ["organisation", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation__name"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["person", "role", "organisation", "is_active"]
    list_select_related = ["person", "organisation"]
    list_filter = ["role", "is_active"]
    search_fields = ["person__last_name", "person__email", "organisation__name"]
