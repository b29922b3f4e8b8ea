"""A network, its member organisations (each with its own coordinator's consent) and its members
(people of the member organisations)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.models import UUIDModel


class Level(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    TRANSNATIONAL = "transnational", _("Transnational")


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", pgettext_lazy("membership", "Accepted")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class Direction(models.TextChoices):
    """Who started it: the network invited, or the organisation (the person) asked to join."""

    INVITATION = "invitation", _("Invitation")
    REQUEST = "request", _("Request")


class Network(UUIDModel):
    """A network of peers at regional, national or transnational level (seed 000), founded by an
    organisation and run by its organisers."""

    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("founding organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    open_to_requests = models.BooleanField(
        _("open to requests"),
        default=False,
        help_text=_(
            "Coordinators of other organisations see its name and may ask to join; "
            "otherwise only its members know it exists."
        ),
    )
    organisers = models.ManyToManyField(
        "people.Person", verbose_name=_("organisers"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")

    def __str__(self) -> str:
        return self.name


class NetworkOrganisation(UUIDModel):
    """An organisation's place in a network: invited or asked, accepted, declined or left."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="links"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    direction = models.CharField(_("started by"), max_length=10, choices=Direction.choices)
    decided_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="unique_network_organisation"
            )
        ]
        verbose_name = _("member organisation")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.network}"


class NetworkMember(UUIDModel):
    """A person of a member organisation in a network: invited or asked, accepted, declined or
    left."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    direction = models.CharField(_("started by"), max_length=10, choices=Direction.choices)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "person"], name="unique_network_member")
        ]
        verbose_name = _("network member")

    def __str__(self) -> str:
        return f"{self.person} — {self.network}"
