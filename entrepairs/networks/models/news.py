"""What a network says to its members (news) and the groups it hosts."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel

from .network import Network


class NewsItem(UUIDModel):
    """A piece of news an organiser publishes for the network's members (issue 16 point 1)."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="news"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_on = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        "people.Person",
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-published_on", "-created_at"]
        verbose_name = _("network news")

    def __str__(self) -> str:
        return self.title


class HostedGroup(UUIDModel):
    """A group of the groups module hosted by a network: its members come from the network's
    member organisations. The link lives here (networks knows groups, groups knows no network);
    the group's own rules stay in the groups module."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="hosted_groups"
    )
    group = models.OneToOneField(
        "groups.Group",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["group__name"]
        verbose_name = _("hosted group")

    def __str__(self) -> str:
        return f"{self.group} — {self.network}"
