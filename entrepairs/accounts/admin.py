from django.contrib import admin

from entrepairs.core.admin import ReadOnlyAdmin

from .models import AccessToken, User


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["email", "display_name", "is_active", "is_superuser", "date_joined"]
    list_filter = ["is_active", "is_superuser"]
    search_fields = ["email", "display_name"]
    fields = ["email", "display_name", "is_active", "is_superuser", "date_joined", "last_login"]


@admin.register(AccessToken)
class AccessTokenAdmin(ReadOnlyAdmin):
    # The token itself is never stored; `hint` is its first characters.
    list_display = ["name", "user", "organisation", "hint", "expires_at", "revoked_at"]
    list_select_related = ["user", "organisation"]
    search_fields = ["name", "user__email", "organisation__name"]
    fields = ["name", "user", "organisation", "hint", "expires_at", "revoked_at", "last_used_at"]
