"""An organisation's coaching scheme (weights, the flag delay), coaches' offers, tutors' requests."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel
from entrepairs.solvers.scoring import CRITERIA

from .pairings import CoachPairing

# The criteria that mean something between two tutors (no youth's preferences here).
COACHING_CRITERIA = tuple(c for c in CRITERIA if c != "preferences")
DEFAULT_FLAG_WEEKS = 4
MAX_CAPACITY = 10


def default_weights() -> dict[str, float]:
    return dict.fromkeys(COACHING_CRITERIA, 1.0)


class CoachingScheme(UUIDModel):
    """One per organisation, set by its coordinators: the engine's weights, and after how many
    weeks a new tutor still without a coach is flagged."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="coaching_scheme",
    )
    weights = models.JSONField(_("matching weights"), default=default_weights)
    flag_after_weeks = models.PositiveSmallIntegerField(
        _("flag after (weeks)"),
        default=DEFAULT_FLAG_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )

    class Meta:
        verbose_name = _("coaching scheme")

    def weight_map(self) -> dict[str, float]:
        stored = self.weights if isinstance(self.weights, dict) else {}
        return {c: float(stored.get(c, 1.0)) for c in COACHING_CRITERIA}


class CoachOfferQuerySet(models.QuerySet["CoachOffer"]):
    def with_load(self) -> "CoachOfferQuerySet":
        """Each offer's `load`: the pairings holding one of its places (proposed or active)."""
        return self.annotate(
            load=models.Count("pairings", filter=models.Q(pairings__state__in=CoachPairing.HOLDING))
        )

    def with_room(self) -> "CoachOfferQuerySet":
        """The offers with a free place (load below capacity): what the coordinator's picker and
        the matching engine offer; the proposal service refuses the others (one rule)."""
        counted = self if "load" in self.query.annotations else self.with_load()
        return counted.filter(models.Q(load__lt=models.F("capacity")))


class CoachOffer(UUIDModel):
    """An experienced tutor volunteering as a coach, in their organisation."""

    objects = CoachOfferQuerySet.as_manager()

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("coach"), on_delete=models.CASCADE, related_name="+"
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    profession = models.CharField(_("profession"), max_length=100, blank=True)
    availability = models.JSONField(_("availability (half-days)"), default=list, blank=True)
    active = models.BooleanField(_("open to new tutors"), default=True)

    class Meta:
        verbose_name = _("coach offer")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person"], name="unique_coach_offer")
        ]

    def __str__(self) -> str:
        return str(self.person)


class CoachRequest(UUIDModel):
    """A new tutor asking for a coach; flagged to the coordinators when still open after the
    scheme's number of weeks."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a coach")
        PAIRED = "paired", _("Paired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("new tutor"), on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateField(_("since"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    flagged_on = models.DateField(_("flagged on"), null=True, blank=True)

    class Meta:
        verbose_name = _("coach request")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person"],
                condition=models.Q(status="open"),
                name="one_open_coach_request",
            )
        ]

    def __str__(self) -> str:
        return str(self.person)
