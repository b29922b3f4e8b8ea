"""The JSON API, version 1: each bounded context registers its endpoints here."""

from rest_framework.routers import DefaultRouter

from entrepairs.core.api_views import NotificationViewSet
from entrepairs.organisations.api import MembershipViewSet, OrganisationViewSet, SiteViewSet, TeamViewSet
from entrepairs.people.api import PersonViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("sites", SiteViewSet, basename="site")
router.register("teams", TeamViewSet, basename="team")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("people", PersonViewSet, basename="person")
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = router.urls
