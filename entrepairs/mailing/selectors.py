"""Reads shared by the mailing pages, API and task."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for
from entrepairs.people.models import Person

from .models import Announcement, Subscription
from .rules import (
    announcement_visible_q,
    drafts_q,
    publisher_ids,
    subscribers_q,
    subscription_visible_q,
)


def announcements_visible_to(user: Any) -> QuerySet[Announcement]:
    """Published announcements and the drafts of the organisations the viewer publishes for."""
    return Announcement.objects.filter(announcement_visible_q(viewer_for(user)))


def published_announcements() -> QuerySet[Announcement]:
    return Announcement.objects.filter(published_at__isnull=False)


def drafts_for(user: Any) -> QuerySet[Announcement]:
    return Announcement.objects.filter(drafts_q(viewer_for(user)), published_at__isnull=True)


def publisher_choices(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=publisher_ids(viewer_for(user)))


def subscriptions_of(user: Any) -> QuerySet[Subscription]:
    """The viewer's own active subscriptions (their account's address)."""
    return Subscription.objects.filter(subscription_visible_q(getattr(user, "email", "")))


def active_subscribers(provider_id: Any) -> QuerySet[Subscription]:
    """Who receives a provider's announcements: confirmed (double opt-in), not unsubscribed."""
    return Subscription.objects.filter(
        provider_id=provider_id, unsubscribed_at__isnull=True, confirmed_at__isnull=False
    )


def subscribers_for(user: Any) -> QuerySet[Subscription]:
    """Every sign-up (waiting for its confirmation, active, or gone) of the newsletters the viewer
    owns, newest first."""
    return (
        Subscription.objects.filter(subscribers_q(viewer_for(user)))
        .select_related("provider")
        .order_by("provider__name", "-created_at", "id")
    )


def owns_a_newsletter(user: Any) -> bool:
    """Whether the viewer reads some organisation's subscriber list (the same rule as the list)."""
    return bool(Organisation.objects.filter(subscribers_q(viewer_for(user), field="pk")).exists())


def person_of(user: Any) -> Person | None:
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return None
    return Person.objects.filter(pk=viewer.person_id).first()
