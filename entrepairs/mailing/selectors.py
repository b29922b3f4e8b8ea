"""Reads shared by the mailing pages, API and task."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for

from .models import Announcement, ListMessage, MailingList, Subscription
from .rules import (
    announcement_visible_q,
    drafts_q,
    list_message_visible_q,
    list_visible_q,
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
    """The viewer's own active subscriptions to newsletters (their account's address)."""
    return Subscription.objects.filter(
        subscription_visible_q(getattr(user, "email", "")), provider__isnull=False
    )


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


# Network mailing lists (issue 16 point 3).


def lists_for(user: Any) -> QuerySet[MailingList]:
    """The lists of the networks the viewer sees, with their network and active subscribers'
    number."""
    return (
        MailingList.objects.filter(list_visible_q(viewer_for(user)))
        .select_related("network")
        .annotate(
            subscribers_count=Count(
                "subscriptions",
                filter=Q(
                    subscriptions__confirmed_at__isnull=False,
                    subscriptions__unsubscribed_at__isnull=True,
                ),
            )
        )
        .order_by("network__name", "name", "id")
    )


def get_list_for(user: Any, pk: Any) -> MailingList:
    return get_visible_or_404(lists_for(user), pk=pk)


def list_messages_for(user: Any) -> QuerySet[ListMessage]:
    """The archive: messages of the lists whose network the viewer sees, newest first."""
    return (
        ListMessage.objects.filter(list_message_visible_q(viewer_for(user)))
        .select_related("mailing_list__network", "author")
        .order_by("-created_at", "id")
    )


def get_list_message_for(user: Any, pk: Any) -> ListMessage:
    return get_visible_or_404(list_messages_for(user), pk=pk)


def own_list_subscriptions(user: Any) -> dict[Any, Subscription]:
    """The viewer's active subscriptions to lists with their account's address, by list id."""
    subs = Subscription.objects.filter(
        subscription_visible_q(getattr(user, "email", "")), mailing_list__isnull=False
    )
    return {s.mailing_list_id: s for s in subs}


def list_recipients(mailing_list_id: Any) -> QuerySet[Subscription]:
    """Who receives a list's messages: confirmed (double opt-in), not unsubscribed."""
    return Subscription.objects.filter(
        mailing_list_id=mailing_list_id, unsubscribed_at__isnull=True, confirmed_at__isnull=False
    )
