"""The JSON API, version 1: each bounded context registers its endpoints here."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from entrepairs.accounts.api.account import SignOutEverywhereView
from entrepairs.casework import api as casework_api
from entrepairs.coaching import api as coaching_api
from entrepairs.contracts import api as contracts_api
from entrepairs.core.api import not_found
from entrepairs.core.api.jobs import JobViewSet
from entrepairs.core.api.notifications import NotificationViewSet
from entrepairs.events import api as events_api
from entrepairs.groups import api as groups_api
from entrepairs.home.api import HomeView
from entrepairs.mailing import api as mailing_api
from entrepairs.mentoring.api import views as mentoring_api
from entrepairs.networks import api as networks_api
from entrepairs.onboarding import api as onboarding_api
from entrepairs.organisations.api.organisations import (
    MembershipViewSet,
    OrganisationViewSet,
    RoleRequestViewSet,
    SiteViewSet,
    TeamViewSet,
)
from entrepairs.people.api.import_export import ImportRunView, PersonExportView, PersonImportView
from entrepairs.people.api.people import PersonViewSet
from entrepairs.people.api.pick import PersonPickView
from entrepairs.training.api import views as training_api

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("sites", SiteViewSet, basename="site")
router.register("teams", TeamViewSet, basename="team")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("role-requests", RoleRequestViewSet, basename="role-request")
router.register("people", PersonViewSet, basename="person")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("jobs", JobViewSet, basename="job")

# Each module registers its own endpoints; `api_paths` are plain paths (actions, files) of a module.
# contracts and mailing live under groups/ and come first, before groups' `groups/<id>/`.
MODULES = (
    contracts_api,
    mailing_api,
    groups_api,
    mentoring_api,
    onboarding_api,
    training_api,
    networks_api,
    events_api,
    coaching_api,
    casework_api,
)
for module in MODULES:
    module.register(router)

# Plain paths first, so they are never read as a person's id by the router.
urlpatterns = [
    path(
        "account/sign-out-everywhere/",
        SignOutEverywhereView.as_view(),
        name="sign-out-everywhere",
    ),
    path("home/", HomeView.as_view(), name="home-blocks"),
    path("people/import/", PersonImportView.as_view(), name="person-import"),
    path("people/imports/<uuid:pk>/", ImportRunView.as_view(), name="person-import-run"),
    path("people/export/", PersonExportView.as_view(), name="person-export"),
    path("people/pick/<str:source>/", PersonPickView.as_view(), name="person-pick"),
    *(p for module in MODULES for p in getattr(module, "api_paths", [])),
    *router.urls,
    # Last: any other address under the API is a JSON 404, as the schema documents.
    re_path(r"", not_found, name="api-not-found"),
]
