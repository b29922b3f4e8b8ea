"""Services for announcements and subscriptions (seed 003: "Recevez notre newsletter"): opt-in,
one-click unsubscribe, publication e-mailed by the worker."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.permissions import check
from entrepairs.core.services import SYSTEM, service

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


def _require_publisher(by: Any, announcement: Announcement) -> None:
    """`by` (a user, or SYSTEM for trusted code) writes for the announcement's organisation, and
    for the one it was saved under (an edit cannot move it to another organisation's name)."""
    if by is SYSTEM:
        return
    stored = (
        Announcement.objects.filter(pk=announcement.pk)
        .values_list("provider_id", flat=True)
        .first()
    )
    providers = {p for p in (announcement.provider_id, stored) if p is not None}
    for provider_id in providers:
        if by is None or not check(
            by, "mailing.change_announcement", Announcement(provider_id=provider_id)
        ):
            raise PermissionDenied(
                _(
                    "Only the coordinators and facilitators of an organisation write its announcements."
                )
            )


@service
@transaction.atomic
def announcement_publish(*, announcement: Announcement, by: Any) -> int:
    """Publish and e-mail the subscribers (by the worker, each with its unsubscribe link)."""
    from .tasks import send_announcement

    _require_publisher(by, announcement)
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
def announcement_save(*, announcement: Announcement, by: Any, author: Any = None) -> Announcement:
    """An announcement of a provider's upcoming workshop; published separately (and only once)."""
    _require_publisher(by, announcement)
    if author is not None and announcement.author_id is None:
        announcement.author = author
    announcement.full_clean()
    announcement.save()
    return announcement


@service
@transaction.atomic
def announcement_delete(*, announcement: Announcement, by: Any) -> None:
    _require_publisher(by, announcement)
    announcement.delete()
