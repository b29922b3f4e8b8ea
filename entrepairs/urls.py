from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from entrepairs.accounts.views.account import email_managed_by_organisation, set_language
from entrepairs.core.health import healthz, readyz
from entrepairs.core.metrics import metrics_view
from entrepairs.core.views import admin_login_redirect
from entrepairs.home import views as home_views

urlpatterns = [
    path("", home_views.dashboard, name="dashboard"),
    # Answered first by core.probes.ProbeMiddleware; named here for reverse() and the docs.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    # The language control: Django's view, and the account's language for a signed-in person.
    path("i18n/setlang/", set_language, name="set_language"),
    # Before allauth's own: no second, unconfirmed address on an account (it would sign in).
    path("accounts/email/", email_managed_by_organisation, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("entrepairs.accounts.urls")),
    path("people/", include("entrepairs.people.urls")),
    path("organisations/", include("entrepairs.organisations.urls")),
    # Contracts and announcements kept the addresses they had inside groups.
    path("groups/", include("entrepairs.contracts.urls")),
    path("groups/", include("entrepairs.mailing.urls")),
    path("groups/", include("entrepairs.groups.urls")),
    path("mentoring/", include("entrepairs.mentoring.urls")),
    path("training/", include("entrepairs.training.urls")),
    path("networks/lists/", include("entrepairs.mailing.list_urls")),
    path("networks/", include("entrepairs.networks.urls")),
    path("events/", include("entrepairs.events.urls")),
    path("coaching/", include("entrepairs.coaching.urls")),
    path("onboarding/", include("entrepairs.onboarding.urls")),
    path("casework/", include("entrepairs.casework.urls")),
    path("notifications/", include("entrepairs.core.urls_notifications")),
    path("audit/", include("entrepairs.core.urls_audit")),
    path("jobs/", include("entrepairs.core.urls_jobs")),
    path("api/v1/", include("entrepairs.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # The admin signs in through the one sign-in page (throttling, two-factor, audit trail): its
    # own login form would skip all three.
    path("admin/login/", admin_login_redirect, name="admin-login"),
    path("admin/", admin.site.urls),
]

# Pages keep Django's 403 and 404 views (templates/403.html, 404.html); the API answers its own
# JSON errors (core.api), a server error included.
handler500 = "entrepairs.core.views.errors.server_error"
