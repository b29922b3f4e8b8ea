from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from entrepairs.core.admin import ReadOnlyAdmin

from .models import Membership, Organisation, Site, Team
from .rules import membership_visible_q
from .viewer import viewer_for


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

    def get_queryset(self, request: HttpRequest) -> Any:
        # The same rule as the pages: the roles of staff, never those of the people served.
        return super().get_queryset(request).filter(membership_visible_q(viewer_for(request.user)))
