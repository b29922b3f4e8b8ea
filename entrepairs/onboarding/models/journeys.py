"""A newcomer's journey through the four phases, with its tasks, kit, introductions and reminders."""

import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel

from .choices import ChecklistTopic, JourneyStatus, KitKind, OwnerRole, Phase


def today() -> datetime.date:
    return timezone.localdate()


class JourneyQuerySet(models.QuerySet["Journey"]):
    def visible_to(self, user: Any) -> "JourneyQuerySet":
        from entrepairs.organisations.viewer import viewer_for

        from ..rules import journey_visible_q

        return self.filter(journey_visible_q(viewer_for(user)))

    def active(self) -> "JourneyQuerySet":
        return self.filter(status=JourneyStatus.ACTIVE)

    def for_list(self) -> "JourneyQuerySet":
        return self.select_related(
            "newcomer", "tutor", "referent", "version__template", "organisation"
        )


class Journey(UUIDModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="onboarding_journeys",
        verbose_name=_("organisation"),
    )
    # Erasing a person erases their journey (GDPR); the template version outlives journeys.
    newcomer = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="onboarding_journeys",
        verbose_name=_("newcomer"),
    )
    version = models.ForeignKey(
        "onboarding.TemplateVersion",
        on_delete=models.RESTRICT,
        related_name="journeys",
        verbose_name=_("template"),
    )
    coordinator = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project manager"),
    )
    tutor = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="onboarding_tutored",
        verbose_name=_("tutor"),
    )
    referent = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referent"),
    )
    colleague = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("welcoming colleague"),
    )
    start_date = models.DateField(_("day one"))
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=JourneyStatus.choices, default=JourneyStatus.ACTIVE
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    first_lunch_on = models.DateField(
        _("first lunch or break with colleagues"), null=True, blank=True
    )
    first_lunch_place = models.CharField(_("where"), max_length=200, blank=True)

    objects = JourneyQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["newcomer"],
                condition=models.Q(status="active"),
                name="onboarding_one_active_journey",
            )
        ]
        indexes = [models.Index(fields=["organisation", "status", "phase"])]
        verbose_name = _("onboarding journey")
        verbose_name_plural = _("onboarding journeys")

    def __str__(self) -> str:
        return f"{self.newcomer} — {self.version.template}"

    @property
    def is_active(self) -> bool:
        return self.status == JourneyStatus.ACTIVE

    def day_number(self, on: datetime.date | None = None) -> int:
        """J+n: 0 is day one."""
        return ((on or today()) - self.start_date).days

    def date_of(self, day: int) -> datetime.date:
        return self.start_date + datetime.timedelta(days=day)

    def holder_of(self, role: str) -> Any:
        """The person a journey role resolves to (None when nobody holds it yet)."""
        holders: dict[str, Any] = {
            OwnerRole.TUTOR: self.tutor,
            OwnerRole.REFERENT: self.referent or self.tutor,
            OwnerRole.NEWCOMER: self.newcomer,
            OwnerRole.MANAGER: self.newcomer.line_manager,
            OwnerRole.COORDINATOR: self.coordinator,
            OwnerRole.COLLEAGUE: self.colleague,
        }
        return holders.get(role)


class JourneyTaskQuerySet(models.QuerySet["JourneyTask"]):
    def open(self) -> "JourneyTaskQuerySet":
        return self.filter(done_at__isnull=True)

    def late(self, on: datetime.date | None = None) -> "JourneyTaskQuerySet":
        return self.open().filter(due_date__lt=on or today())


class JourneyTask(UUIDModel):
    """A task of a journey, owned by a person resolved from the template's role, or unassigned."""

    class Kind(models.TextChoices):
        TASK = "task", _("Task")
        NAME_TUTOR = "name_tutor", _("Name the tutor / referent")

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TASK)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_role = models.CharField(_("owned by"), max_length=20, choices=OwnerRole.choices)
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="onboarding_tasks",
        verbose_name=_("owner"),
    )
    start_date = models.DateField(_("can start on"))
    due_date = models.DateField(_("due on"))
    mandatory = models.BooleanField(_("mandatory"), default=True)
    topic = models.CharField(
        _("day-one checklist"), max_length=20, choices=ChecklistTopic.choices, blank=True
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    objects = JourneyTaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "title"]
        indexes = [
            models.Index(fields=["owner", "done_at"]),
            models.Index(fields=["done_at", "due_date"]),
        ]
        verbose_name = _("journey task")
        verbose_name_plural = _("journey tasks")

    def __str__(self) -> str:
        return self.title

    @property
    def organisation_id(self) -> Any:
        return self.journey.organisation_id

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_late(self) -> bool:
        return self.done_at is None and self.due_date < today()


class KitCheck(UUIDModel):
    """A welcome kit item for this newcomer: who provides it and whether it is ready by day one."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="kit_checks")
    kind = models.CharField(_("kind"), max_length=20, choices=KitKind.choices)
    label = models.CharField(_("item"), max_length=200)
    provider_role = models.CharField(_("provided by"), max_length=20, choices=OwnerRole.choices)
    provider = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The id of the signed link e-mailed to a provider without an account; cleared when the link
    # is used, so each link ticks the item once (onboarding/kit_links.py).
    link_nonce = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["kind", "label"]
        verbose_name = _("welcome kit check")
        verbose_name_plural = _("welcome kit checks")

    def __str__(self) -> str:
        return self.label

    @property
    def organisation_id(self) -> Any:
        return self.journey.organisation_id

    @property
    def is_ready(self) -> bool:
        return self.ready_at is not None


class Introduction(UUIDModel):
    """A stop on the introductions tour: someone the newcomer should meet."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="introductions")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    why = models.CharField(_("role"), max_length=120, blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["journey", "person"], name="onboarding_unique_introduction"
            )
        ]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def __str__(self) -> str:
        return str(self.person)


class Reminder(UUIDModel):
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="reminders")
    due_date = models.DateField(_("on"))
    message = models.CharField(_("reminder"), max_length=300)
    recipient_role = models.CharField(_("for"), max_length=20, choices=OwnerRole.choices)
    recipient = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["due_date"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return self.message
