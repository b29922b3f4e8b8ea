"""People: the professionals, volunteers, youths and families Entrepairs knows about.

A Person is not a User: a youth or a foster parent may have no account.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Concat, Lower
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.models import UUIDModel
from entrepairs.organisations.viewer import viewer_for

# The rules build their conditions from field names only (they import no model), so the
# queryset can offer them as `visible_to` / `manageable_by` to every app.
from entrepairs.people.rules import exportable_q, manageable_q, visible_q

_PHONE_CHARACTERS = frozenset("0123456789 .-/()+")


def validate_phone(value: str) -> None:
    """A phone number as people write it (« 06 12 34 56 78 », « +33 6 12… », « 03.20.… »): digits
    and their usual separators, 6 to 20 digits; anything else (a sentence, markup) is refused."""
    digits = sum(c.isdigit() for c in value)
    if set(value) - _PHONE_CHARACTERS or not 6 <= digits <= 20 or "+" in value[1:]:
        raise ValidationError(
            _("Enter a phone number: digits, spaces, dots or dashes (e.g. 06 12 34 56 78)."),
            code="invalid_phone",
        )


class Profession(models.TextChoices):
    TUTOR = "tutor", _("Guardianship tutor")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    EDUCATOR = "educator", _("Educator")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    NURSE = "nurse", _("Nurse")
    LEGAL_ADVISER = "legal_adviser", _("Legal adviser")
    MANAGER = "manager", _("Manager")
    COORDINATOR = "coordinator", _("Coordinator")
    FACILITATOR = "facilitator", _("Facilitator / supervisor")
    CASE_WORKER = "case_worker", _("Case worker")
    TEACHER = "teacher", _("Teacher")
    OTHER = "other", _("Other")


# The fields a coordinator edits, shared by the form and the API (import columns add `roles`).
EDITABLE_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "external_id",
    "profession",
    "years_experience",
    "languages",
    "region",
    "team",
    "line_manager",
    "availability",
    "is_active",
]

# Separates the fields of `Person.search_name`: Python's str.split() treats it as whitespace, so
# no searched word contains it and no match spans two fields.
SEARCH_SEPARATOR = "\x1f"

# The order of every people list (the id keeps pages stable when names are equal).
LIST_ORDER = ("last_name", "first_name", "id")

HALF_DAYS = [
    f"{d}-{p}" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") for p in ("am", "pm")
]
_DAY_NAMES = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}


def half_day_label(slot: str) -> str:
    """ "mon-am" → "Monday morning" (translated): the codes stay in files and the API only."""
    day, _sep, part = slot.partition("-")
    when = _("morning") if part == "am" else _("afternoon")
    return f"{_DAY_NAMES.get(day, day)} {when}"


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: Any) -> "PersonQuerySet":
        return self.filter(visible_q(viewer_for(user)))

    def manageable_by(self, user: Any) -> "PersonQuerySet":
        return self.filter(manageable_q(viewer_for(user)))

    def exportable_by(self, user: Any) -> "PersonQuerySet":
        return self.filter(exportable_q(viewer_for(user)))

    def search(
        self, *, q: str = "", organisation: Any = None, team: Any = None, profession: str = ""
    ) -> "PersonQuerySet":
        qs = self
        for word in q.split():
            qs = qs.filter(
                models.Q(first_name__icontains=word)
                | models.Q(last_name__icontains=word)
                | models.Q(email__icontains=word)
            )
        if organisation:
            qs = qs.filter(organisation=organisation)
        if team:
            qs = qs.filter(team=team)
        if profession:
            qs = qs.filter(profession=profession)
        return qs

    def for_list(self) -> "PersonQuerySet":
        # No joins: lists show related records by id (API) or read the few values they show
        # (people page); the confidential notes are never decrypted for a list.
        return self.defer("notes")


class Person(UUIDModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    profession = models.CharField(
        _("profession"), max_length=30, choices=Profession.choices, blank=True
    )
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )
    line_manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("line manager"),
    )
    availability = models.JSONField(_("availability (half-days)"), default=list, blank=True)
    notes = EncryptedTextField(_("confidential notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The person picker's search columns (people.picker.search), computed and stored by the
    # database from the fields above, so every write (forms, API, imports, bulk inserts) keeps
    # them: the names and profession lowercased once instead of four UPPER() per row searched.
    search_name = models.GeneratedField(
        expression=Lower(
            Concat(
                "first_name",
                models.Value(SEARCH_SEPARATOR),
                "last_name",
                models.Value(SEARCH_SEPARATOR),
                "profession",
                output_field=models.TextField(),
            )
        ),
        output_field=models.TextField(),
        db_persist=True,
    )
    search_email = models.GeneratedField(
        expression=Lower("email"),
        output_field=models.TextField(),
        db_persist=True,
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=~models.Q(email=""),
                name="unique_person_email",
            ),
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_person_external_id",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "last_name", "first_name"]),
            # Lists spanning organisations (a network's directory of 50,000) read a page in name
            # order from this index instead of sorting every member.
            models.Index(fields=["last_name", "first_name", "id"], name="person_name_order"),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    @property
    def has_account(self) -> bool:
        """Signed in at least once. An invited person who has not yet chosen a password shows as
        having no account, like a person whose address belongs to an account that is not linked:
        an invitation must not tell the two apart (issue 10)."""
        return self.user_id is not None and self.user.last_login is not None  # type: ignore[union-attr]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)

    @property
    def short_name(self) -> str:
        """First name and the last name's initial ("Lina M."): how a match is named."""
        initial = f" {self.last_name[:1]}." if self.last_name else ""
        return f"{self.first_name}{initial}"

    @property
    def availability_labels(self) -> list[str]:
        return [half_day_label(slot) for slot in self.availability or []]

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.email:
            self.email = self.email.strip().lower()
        if self.team is not None and self.team.organisation_id != self.organisation_id:
            errors["team"] = _("This team belongs to another organisation.")
        if self.line_manager is not None and (
            self.line_manager.organisation_id != self.organisation_id
        ):
            errors["line_manager"] = _("This line manager belongs to another organisation.")
        if self.line_manager_id and "line_manager" not in errors:
            if self.line_manager_id == self.pk:
                errors["line_manager"] = _("A person cannot be their own line manager.")
            elif self.pk and self.pk in self.manager_chain_ids():
                errors["line_manager"] = _("This would create a cycle in line management.")
        bad_slots = [slot for slot in self.availability or [] if slot not in HALF_DAYS]
        if bad_slots:
            errors["availability"] = _("Unknown half-days: %s") % ", ".join(map(str, bad_slots))
        if not isinstance(self.languages, list) or not all(
            isinstance(x, str) for x in self.languages
        ):
            errors["languages"] = _("Languages must be a list of language codes.")
        else:  # a language typed by its name ("Arabe") is stored by its code ("ar")
            from ..languages import language_code

            self.languages = list(dict.fromkeys(language_code(x) for x in self.languages))
        if errors:
            raise ValidationError(errors)

    @property
    def language_names(self) -> list[str]:
        """The languages spoken, named in the reader's language (« français, arabe »)."""
        from ..languages import language_labels

        return language_labels(self.languages)

    def manager_chain_ids(self) -> list:
        """Ids of the line managers above this person, stopping at a cycle."""
        seen: list = []
        manager_id = self.line_manager_id
        while manager_id and manager_id not in seen:
            seen.append(manager_id)
            manager_id = (
                Person.objects.filter(pk=manager_id)
                .values_list("line_manager_id", flat=True)
                .first()
            )
        return seen
