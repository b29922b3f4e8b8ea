"""A network's mailing lists and the messages sent to them (issue 16 point 3). Subscriptions are
the one `Subscription` of the newsletter (DECISIONS.md: one subscription component with double
opt-in and one-click unsubscribe, used by the groups' newsletter and the networks' lists)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel


class MailingList(UUIDModel):
    """A list of a network, created by its organisers; its members opt in."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="mailing_lists",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    open_to_member_posts = models.BooleanField(
        _("members may post"),
        default=False,
        help_text=_("Otherwise only the network's organisers send messages to the list."),
    )
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")

    def __str__(self) -> str:
        return self.name


class ListMessage(UUIDModel):
    """A message sent to a list: the author's own text, e-mailed by the worker in rate-limited
    batches (`total` recipients when it was queued; `sent` and `skipped` grow as batches run)."""

    mailing_list = models.ForeignKey(
        MailingList,
        verbose_name=_("mailing list"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    total = models.PositiveIntegerField(_("recipients"), default=0)
    sent = models.PositiveIntegerField(_("sent"), default=0)
    # Unsubscribed between queueing and their batch: not sent, counted so progress ends.
    skipped = models.PositiveIntegerField(default=0)
    batches = models.PositiveIntegerField(default=0)
    batches_done = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("list message")
        verbose_name_plural = _("list messages")

    def __str__(self) -> str:
        return self.subject

    @property
    def done(self) -> bool:
        return self.batches_done >= self.batches

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * (self.sent + self.skipped) / self.total)
