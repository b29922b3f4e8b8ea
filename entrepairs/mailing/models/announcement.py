"""A provider's announcements of open workshops and the opt-in subscriptions to them (seed 003:
"Recevez notre newsletter"). One mailing component for groups now and networks later
(DECISIONS.md), moved out of groups (issue 11) with its tables renamed and content types relabelled."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel


class Announcement(UUIDModel):
    """An open workshop announced by a facilitator to subscribers (opt-in)."""

    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="group_announcements",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    event_date = models.DateField(_("date of the workshop"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title


def make_token() -> str:
    return secrets.token_urlsafe(24)


SUBSCRIPTION_STATES = {
    "waiting": _("Waiting for confirmation"),
    "active": _("Subscribed"),
    "left": _("Unsubscribed"),
}


class Subscription(UUIDModel):
    """Opt-in subscription to a provider's announcements (its newsletter) or to a network's
    mailing list: one component for both (DECISIONS.md), exactly one of `provider` and
    `mailing_list` set; `token` is the one-click unsubscribe. Active = confirmed and not
    unsubscribed."""

    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="group_subscriptions",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
    )
    mailing_list = models.ForeignKey(
        "mailing.MailingList",
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("mailing list"),
        null=True,
        blank=True,
    )
    email = models.EmailField(_("e-mail"))
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=make_token, editable=False)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # Double opt-in: a public sign-up receives nothing until its address confirms by the link
    # e-mailed to it (services.subscribe_public); a signed-in person's own address is confirmed.
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # The language the address is written to: the one its owner used to subscribe (the page's or
    # their account's); empty for older rows, which get the platform's.
    language = models.CharField(_("language"), max_length=8, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "email"], name="unique_subscription"),
            models.UniqueConstraint(
                fields=["mailing_list", "email"], name="unique_list_subscription"
            ),
            models.CheckConstraint(
                condition=Q(provider__isnull=False, mailing_list__isnull=True)
                | Q(provider__isnull=True, mailing_list__isnull=False),
                name="subscription_to_one_newsletter_or_list",
            ),
        ]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"{self.email} → {self.target}"

    @property
    def target(self) -> Any:
        """What the address subscribed to: the organisation's newsletter or the list."""
        return self.mailing_list if self.mailing_list_id else self.provider

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def state(self) -> str:
        """waiting (for the address to confirm), active, or left."""
        if self.unsubscribed_at is not None:
            return "left"
        return "active" if self.confirmed_at is not None else "waiting"

    def get_state_display(self) -> str:
        return str(SUBSCRIPTION_STATES[self.state])
