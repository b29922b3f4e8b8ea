"""Announcements and subscriptions in the JSON API, at the addresses they had under groups."""

from typing import Any

from .views import (
    AnnouncementViewSet,
    ListMessageViewSet,
    MailingListViewSet,
    SubscriptionViewSet,
    api_paths,
)

__all__ = ["api_paths", "register"]


def register(router: Any) -> None:
    """Register before groups: `groups/<id>/` would otherwise read these prefixes as a group id."""
    router.register("groups/announcements", AnnouncementViewSet, basename="groups-announcement")
    router.register("groups/subscriptions", SubscriptionViewSet, basename="groups-subscription")
    # A network's mailing lists (issue 16 point 3), beside the networks' own endpoints.
    router.register("networks/lists", MailingListViewSet, basename="mailing-list")
    router.register("networks/list-messages", ListMessageViewSet, basename="list-message")
