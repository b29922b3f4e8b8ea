"""Services for announcements and subscriptions (seed 003: "Recevez notre newsletter"): opt-in,
one-click unsubscribe, publication e-mailed by the worker."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.services import service

from .models import Announcement, Subscription
from .selectors import active_subscribers


@service
@transaction.atomic
def subscribe(*, provider: Any, email: str, person: Any = None) -> Subscription:
    """Opt-in: only the person themselves subscribes their address."""
    email = email.strip().lower()
    sub, created = Subscription.objects.get_or_create(
        provider=provider, email=email, defaults={"person": person}
    )
    if not created and sub.unsubscribed_at is not None:
        sub.unsubscribed_at = None
        sub.save(update_fields=["unsubscribed_at", "updated_at"])
    return sub


@service
def unsubscribe(*, token: str) -> Subscription | None:
    sub = Subscription.objects.filter(token=token).first()
    if sub is not None and sub.unsubscribed_at is None:
        sub.unsubscribed_at = timezone.now()
        sub.save(update_fields=["unsubscribed_at", "updated_at"])
    return sub


@service
@transaction.atomic
def announcement_publish(*, announcement: Announcement) -> int:
    """Publish and e-mail the subscribers (by the worker, each with its unsubscribe link)."""
    from .tasks import send_announcement

    if announcement.published_at is not None:
        raise ValidationError(_("This announcement is already published."))
    announcement.published_at = timezone.now()
    announcement.save(update_fields=["published_at", "updated_at"])
    count = active_subscribers(announcement.provider_id).count()
    pk = str(announcement.pk)
    transaction.on_commit(lambda: send_announcement.enqueue(pk))
    return count


@service
@transaction.atomic
def announcement_save(*, announcement: Announcement, author: Any = None) -> Announcement:
    """An announcement of a provider's upcoming workshop; published separately (and only once)."""
    if author is not None and announcement.author_id is None:
        announcement.author = author
    announcement.full_clean()
    announcement.save()
    return announcement


@service
@transaction.atomic
def announcement_delete(*, announcement: Announcement) -> None:
    announcement.delete()
