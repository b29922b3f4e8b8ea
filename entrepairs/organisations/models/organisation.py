"""Organisations (tenants), their sites and teams, and the roles people hold in them."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.models import UUIDModel
from entrepairs.organisations import vat
from entrepairs.organisations.siret import normalise, validate_siret


class SiretFormField(forms.CharField):
    """A SIRET typed with spaces ("123 456 789 00012") loses them before it is checked."""

    def to_python(self, value: Any) -> str:
        return normalise(super().to_python(value))

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        # Room for the spaces people copy; the stored SIRET has 14 digits.
        attrs["maxlength"] = "20"
        attrs.setdefault("inputmode", "numeric")
        return attrs


class SiretField(models.CharField):
    """14 digits with their check keys (`organisations.siret`), spaces dropped: every channel
    that saves an organisation (settings page, API, import) validates it here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 14)
        kwargs.setdefault("validators", [validate_siret])
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return normalise(value) if isinstance(value, str) else value

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().formfield(**{"form_class": SiretFormField, **kwargs})


class VatNumberFormField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return vat.normalise(super().to_python(value))


class VatNumberField(models.CharField):
    """An EU VAT number (`organisations.vat`), spaces dropped, upper case: every channel that
    saves an organisation (settings page, API, import) validates it here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("validators", [vat.validate_vat_number])
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return vat.normalise(value) if isinstance(value, str) else value

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().formfield(**{"form_class": VatNumberFormField, **kwargs})


class NdaFormField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return vat.normalise_nda(super().to_python(value))


class NdaField(models.CharField):
    """The training declaration number: 11 digits, spaces dropped (`organisations.vat`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("validators", [vat.validate_nda])
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return vat.normalise_nda(value) if isinstance(value, str) else value

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().formfield(**{"form_class": NdaFormField, **kwargs})


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    FACILITATOR = "facilitator", _("Facilitator")
    PROFESSIONAL = "professional", _("Professional")
    MANAGER = "manager", _("Manager")
    TUTOR = "tutor", _("Tutor / referent")
    NEWCOMER = "newcomer", _("Newcomer")
    MENTOR = "mentor", _("Mentor")
    YOUTH = "youth", _("Youth / mentee")
    CASE_WORKER = "case_worker", _("Case worker")
    GUARDIAN = "guardian", _("Guardian / foster parent")
    EXPERT = "expert", _("Expert")
    NETWORK_ORGANISER = "network_organiser", _("Network organiser")


# Roles that may manage the organisation's people, teams and sites.
MANAGING_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR})
# The people served (a youth, a foster parent or guardian): never a participant of a group of
# professionals (PRODUCT.md: groups support the professionals who help them).
SERVED_ROLES = frozenset({Role.YOUTH, Role.GUARDIAN})
# Roles whose members handle sensitive data: the organisation may require two-factor for them.
SENSITIVE_ROLES = frozenset(
    {Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR, Role.MANAGER, Role.CASE_WORKER, Role.EXPERT}
)


class Organisation(UUIDModel):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        AGENCY = "agency", _("Child-welfare agency")
        PUBLIC = "public", _("Public service")
        PROVIDER = "provider", _("Training / supervision provider")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    require_mfa_roles = models.JSONField(
        _("roles that must use two-factor authentication"), default=list, blank=True
    )
    # Read by entrepairs.accounts.sessions: empty means the platform default for roles that
    # handle children's data (settings.SESSION_IDLE_MINUTES).
    session_idle_minutes = models.PositiveSmallIntegerField(
        _("sign out after inactivity (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(480)],
        help_text=_(
            "Applies to everyone holding a role here. Empty: 30 minutes for roles that handle "
            "children's data. The strictest of a person's organisations applies."
        ),
    )

    # Legal identity, printed on quotes, training agreements and invoices (contracts app); an
    # invoice is refused while the seller's SIRET, address or VAT position is missing.
    address = models.TextField(_("postal address"), blank=True)
    siret = SiretField(_("SIRET"), blank=True)
    vat_number = VatNumberField(_("VAT number"), blank=True)
    vat_exempt_training = models.BooleanField(
        _("exempt from VAT (vocational training, art. 261-4-4° a of the CGI)"), default=False
    )
    training_declaration_number = NdaField(_("training declaration number (NDA)"), blank=True)
    certification = models.CharField(
        _("certification mention"),
        max_length=200,
        blank=True,
        help_text=_("For example: Qualiopi certification for training actions."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        unknown = set(self.require_mfa_roles) - set(Role.values)
        if unknown:
            raise ValidationError(
                {"require_mfa_roles": _("Unknown roles: %s") % ", ".join(sorted(unknown))}
            )


class Site(UUIDModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_site_name")
        ]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.name


class Team(UUIDModel):
    """A regional team (about 15 people) contains core teams (6 to 8) that share casework."""

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional team")
        CORE = "core", _("Core team")
        SERVICE = "service", _("Service")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORE)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    site = models.ForeignKey(
        Site, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("site")
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.parent is not None:
            if self.parent.organisation_id != self.organisation_id:
                errors["parent"] = _("A team can only be part of a team of the same organisation.")
            elif self.pk and self.pk in self.ancestor_ids():
                errors["parent"] = _("A team cannot be nested inside itself.")
        if self.site is not None and self.site.organisation_id != self.organisation_id:
            errors["site"] = _("This site belongs to another organisation.")
        if errors:
            raise ValidationError(errors)

    def ancestor_ids(self) -> list:
        """Ids up the chain of parents, stopping at a cycle (one query per level; chains are short)."""
        seen: list = []
        parent_id = self.parent_id
        while parent_id and parent_id not in seen:
            seen.append(parent_id)
            parent_id = (
                Team.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
            )
        return seen


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(is_active=True)


class Membership(UUIDModel):
    """A role held by a person in an organisation; one person may hold roles in several."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="unique_membership"
            )
        ]
        # rules.served_q asks "who holds a served role" on every staff picker search: read from
        # this index instead of every membership of the platform.
        indexes = [models.Index(fields=["role", "person"], name="membership_role_person_idx")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} @ {self.organisation}"


class RoleRequest(UUIDModel):
    """An organisation asks to give a role to someone whose home is another organisation.

    Nothing of the other side is visible to the requester before acceptance: they see the
    address they typed and the status. `person` is found from that address when the request is
    made and shown only to that person and to the coordinators of their home organisation, who
    alone may accept (see services.role_request_*; security review, issue 10)."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("role request", "Waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("role request", "Accepted")
        DECLINED = "declined", pgettext_lazy("role request", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("role request", "Withdrawn")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="role_requests",
        verbose_name=_("organisation asking"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    email = models.EmailField(_("e-mail address"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_requests",
        verbose_name=_("person asked"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")

    def __str__(self) -> str:
        return f"{self.get_role_display()} @ {self.organisation} → {self.email}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
