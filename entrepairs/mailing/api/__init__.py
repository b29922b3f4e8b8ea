"""Announcements and subscriptions in the JSON API, at the addresses they had under groups."""

from typing import Any

from .views import AnnouncementViewSet, SubscriptionViewSet, api_paths

__all__ = ["api_paths", "register"]


def register(router: Any) -> None:
    """Register before groups: `groups/<id>/` would otherwise read these prefixes as a group id."""
    router.register("groups/announcements", AnnouncementViewSet, basename="groups-announcement")
    router.register("groups/subscriptions", SubscriptionViewSet, basename="groups-subscription")
