"""Onboarding templates, one per function, versioned: a journey keeps the version it started with."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from entrepairs.core.models import UUIDModel

from .choices import (
    DAY_MAX,
    DAY_MIN,
    ChecklistTopic,
    CompetencyKind,
    KitKind,
    OwnerRole,
    Phase,
    SupportKind,
    TutoringType,
)

# Stored as data in the language of the person who creates the template (see template_create).
DEFAULT_SCALE = [
    gettext_noop("Discovering"),
    gettext_noop("With help"),
    gettext_noop("Autonomous"),
    gettext_noop("Can pass it on"),
]
day_validators = [MinValueValidator(DAY_MIN), MaxValueValidator(DAY_MAX)]


class Template(UUIDModel):
    """The institutional project for one function (educator, night watch, social worker...)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="onboarding_templates",
        verbose_name=_("organisation"),
    )
    function = models.CharField(_("function"), max_length=120)
    tutoring_type = models.CharField(
        _("tutoring type"),
        max_length=20,
        choices=TutoringType.choices,
        default=TutoringType.INTEGRATION,
    )
    project_manager = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project manager"),
    )

    class Meta:
        ordering = ["function"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "function", "tutoring_type"],
                name="onboarding_unique_template_function",
            )
        ]
        verbose_name = _("onboarding template")
        verbose_name_plural = _("onboarding templates")

    def __str__(self) -> str:
        return self.function

    def latest_published(self) -> "TemplateVersion | None":
        return self.versions.exclude(published_at=None).order_by("-number").first()

    def draft(self) -> "TemplateVersion | None":
        return self.versions.filter(published_at=None).order_by("-number").first()


class TemplateVersion(UUIDModel):
    """A frozen copy once published: editing a template means editing a new draft version."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    objectives = models.TextField(_("institutional frame: expectations and objectives"), blank=True)
    organisational_frame = models.TextField(
        _("organisational frame: who does what, when, with which responsibility"), blank=True
    )
    didactic_frame = models.TextField(_("didactic frame: what is learned, how"), blank=True)
    scale = models.JSONField(
        _("levels of the competency grid"),
        default=list,
        help_text=_("From lowest to highest, one per line."),
    )
    tutor_hours_per_week = models.PositiveSmallIntegerField(
        _("tutor time per week (hours)"), default=2
    )

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="onboarding_unique_version")
        ]
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

    @property
    def organisation_id(self) -> Any:  # for audit tagging and organisation rules
        return self.template.organisation_id

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        if not isinstance(self.scale, list) or len(self.scale) < 2:
            raise ValidationError({"scale": _("The grid's scale needs at least two levels.")})
        if not all(isinstance(level, str) and level.strip() for level in self.scale):
            raise ValidationError({"scale": _("Each level needs a name.")})

    def level_label(self, level: int) -> str:
        return self.scale[level - 1] if 1 <= level <= len(self.scale) else str(level)


class VersionPart(UUIDModel):
    """A line of a template version: only a draft version can be changed (see services)."""

    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="+")
    # Fields copied when a version is cloned into a new draft.
    copy_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @property
    def organisation_id(self) -> Any:
        return self.version.template.organisation_id


class TemplateTask(VersionPart):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="tasks")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_role = models.CharField(_("owned by"), max_length=20, choices=OwnerRole.choices)
    start_day = models.SmallIntegerField(
        _("can start on day"),
        validators=day_validators,
        help_text=_("Relative to day one: -14 is two weeks before, 0 is day one."),
    )
    due_day = models.SmallIntegerField(
        _("due on day"),
        validators=day_validators,
        help_text=_("Relative to day one (J-14 to J+90)."),
    )
    mandatory = models.BooleanField(_("mandatory"), default=True)
    topic = models.CharField(
        _("day-one checklist"), max_length=20, choices=ChecklistTopic.choices, blank=True
    )
    copy_fields = (
        "phase",
        "title",
        "description",
        "owner_role",
        "start_day",
        "due_day",
        "mandatory",
        "topic",
    )

    class Meta:
        ordering = ["due_day", "title"]
        verbose_name = _("template task")
        verbose_name_plural = _("template tasks")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (
            self.start_day is not None
            and self.due_day is not None
            and self.due_day < self.start_day
        ):
            raise ValidationError(
                {"due_day": _("A task cannot be due before the day it can start.")}
            )


class KitItem(VersionPart):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="kit_items")
    kind = models.CharField(_("kind"), max_length=20, choices=KitKind.choices)
    label = models.CharField(_("item"), max_length=200)
    provider_role = models.CharField(_("provided by"), max_length=20, choices=OwnerRole.choices)
    copy_fields = ("kind", "label", "provider_role")

    class Meta:
        ordering = ["kind", "label"]
        verbose_name = _("welcome kit item")
        verbose_name_plural = _("welcome kit items")

    def __str__(self) -> str:
        return self.label


class Competency(VersionPart):
    version = models.ForeignKey(
        TemplateVersion, on_delete=models.CASCADE, related_name="competencies"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CompetencyKind.choices)
    name = models.CharField(_("competency"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    copy_fields = ("kind", "name", "description")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self) -> str:
        return self.name


class Support(VersionPart):
    """A learning support of the didactic frame: a document, procedure, video or link."""

    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField(_("kind"), max_length=20, choices=SupportKind.choices)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address (URL)"), blank=True)
    description = models.TextField(_("description"), blank=True)
    copy_fields = ("kind", "title", "url", "description")

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("learning support")
        verbose_name_plural = _("learning supports")

    def __str__(self) -> str:
        return self.title


class TemplateReminder(VersionPart):
    """Sequences what is told when: 'recall the fire procedure at J+10'."""

    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="reminders")
    day = models.SmallIntegerField(_("on day"), validators=day_validators)
    message = models.CharField(_("reminder"), max_length=300)
    recipient_role = models.CharField(
        _("for"), max_length=20, choices=OwnerRole.choices, default=OwnerRole.TUTOR
    )
    copy_fields = ("day", "message", "recipient_role")

    class Meta:
        ordering = ["day"]
        verbose_name = _("timed reminder")
        verbose_name_plural = _("timed reminders")

    def __str__(self) -> str:
        return self.message


VERSION_PARTS: list[type[VersionPart]] = [
    TemplateTask,
    KitItem,
    Competency,
    Support,
    TemplateReminder,
]
