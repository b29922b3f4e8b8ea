"""Youths in a programme: intake, consents, readiness, services, placement changes, transfers."""

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel

from .mentors import Mode


class YouthQuerySet(models.QuerySet["Youth"]):
    """What a viewer may see is read through selectors.youths_visible_to (rules stay above models)."""


class Youth(UUIDModel):
    """A youth in care (a Person of role youth, often without an account) enrolled in a programme.

    `agency` is the child-welfare agency in charge today; its case workers see the youth. The
    youth's placement and family live in the child's one placement history (people.placements,
    shared with casework); `guardian` is who holds the guardian role for the match (meetings,
    check-ins): it follows the current placement's family (lifecycle.follow_placement).
    """

    class Readiness(models.TextChoices):
        NOT_ASSESSED = "not_assessed", _("Not assessed")
        READY = "ready", _("Ready")
        NOT_YET = "not_yet", _("Not ready yet")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a mentor")
        MATCHED = "matched", _("Matched")
        LEFT = "left", _("Left the programme")

    programme = models.ForeignKey(
        "mentoring.Programme", on_delete=models.CASCADE, related_name="youths"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="mentee_records"
    )
    agency = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="mentoring_youths",
        verbose_name=_("agency"),
    )
    # Audit entries are tagged with the agency (each organisation reads its own trail).
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    case_worker = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentoring_caseload",
        verbose_name=_("case worker"),
    )
    guardian = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentoring_wards",
        verbose_name=_("foster parent / guardian"),
    )
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=30, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    school_level = models.CharField(_("school level"), max_length=100, blank=True)
    preferred_genders = models.JSONField(_("preferred mentor gender"), default=list, blank=True)
    mode = models.CharField(
        _("mentoring wished"), max_length=12, choices=Mode.choices, default=Mode.INDIVIDUAL
    )
    readiness = models.CharField(
        _("readiness"), max_length=14, choices=Readiness.choices, default=Readiness.NOT_ASSESSED
    )
    readiness_note = EncryptedTextField(_("readiness assessment"), blank=True)
    readiness_assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    enrolled_on = models.DateField(_("enrolled on"), default=timezone.localdate)

    objects = YouthQuerySet.as_manager()

    class Meta:
        ordering = ["-enrolled_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="unique_youth_person")
        ]
        indexes = [
            models.Index(fields=["programme", "status"]),
            models.Index(fields=["agency", "status"]),
        ]
        verbose_name = _("youth")
        verbose_name_plural = _("youths")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def interest_names(self) -> list[str]:
        """The interests in the reader's language (mentoring.interests)."""
        from ..interests import interest_labels

        return interest_labels(self.interests)

    def age_on(self, day: date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def required_consents(self, today: date) -> set[str]:
        """The youth's own consent from the programme's age; a guardian or the placing service."""
        parties = {"guardian_or_service"}
        if self.age_on(today) >= self.programme.youth_consent_age:
            parties.add(Consent.Party.YOUTH)
        return parties

    def consent_gaps(self, consents: list["Consent"], today: date) -> list[str]:
        given = {c.party for c in consents if c.withdrawn_on is None}
        gaps = []
        if (
            Consent.Party.YOUTH in self.required_consents(today)
            and Consent.Party.YOUTH not in given
        ):
            gaps.append(str(_("the youth's consent")))
        if not given & {Consent.Party.GUARDIAN, Consent.Party.PLACING_SERVICE}:
            gaps.append(str(_("the guardian's or the placing service's consent")))
        return gaps


class Consent(UUIDModel):
    class Party(models.TextChoices):
        YOUTH = "youth", _("The youth")
        GUARDIAN = "guardian", _("Guardian / parent")
        PLACING_SERVICE = "placing_service", _("Placing service")

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="consents")
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    given_by = models.CharField(_("given by (name)"), max_length=200)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["given_on"]
        verbose_name = _("consent")

    def __str__(self) -> str:
        return f"{self.get_party_display()} — {shown_date(self.given_on)}"


class YouthService(UUIDModel):
    """The list of services offered to the youth; mentoring is written there (seed 001)."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("service"), max_length=200)
    provider = models.CharField(_("provided by"), max_length=200, blank=True)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["since"]
        verbose_name = _("service")

    def __str__(self) -> str:
        return self.name


class SituationChange(UUIDModel):
    """A placement or situation change recorded by the case worker; the mentor is told the
    shareable summary only if the agreement allows situation updates."""

    class Kind(models.TextChoices):
        PLACEMENT = "placement", _("Change of placement")
        SITUATION = "situation", _("Change of situation")
        ADOPTION = "adoption", _("Adoption")

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="situation_changes")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    summary_for_mentor = models.CharField(
        _("what the mentor may be told"), max_length=300, blank=True
    )
    note = EncryptedTextField(_("confidential note (youth's file)"), blank=True)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        verbose_name = _("situation change")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {shown_date(self.happened_on)}"


class Transfer(UUIDModel):
    """The youth moved to another agency. The move is a fact recorded at once and the match
    continues; the handover of the youth's file waits for a coordinator of the receiving agency
    (DECISIONS, Confidentiality: transfers). Until then the sending agency keeps the file and the
    receiving agency sees only what it needs to decide (`selectors.transfer_summary`)."""

    class Handover(models.TextChoices):
        PENDING = "pending", _("Waiting for the receiving agency")
        ACCEPTED = "accepted", pgettext_lazy("handover", "Accepted")
        REFUSED = "refused", _("Refused")

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="transfers")
    # Kept when an agency is removed from the platform (the history stays readable).
    from_agency = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    to_agency = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    transferred_on = models.DateField(_("date"), default=timezone.localdate)
    agreement_snapshot = models.JSONField(_("agreement at the time"), default=dict)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handover = models.CharField(
        _("handover of the file"),
        max_length=10,
        choices=Handover.choices,
        default=Handover.PENDING,
    )
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusing"), max_length=300, blank=True)

    @property
    def is_pending(self) -> bool:
        return self.handover == self.Handover.PENDING

    class Meta:
        ordering = ["-transferred_on", "-created_at"]
        verbose_name = _("agency transfer")

    def __str__(self) -> str:
        return f"{self.from_agency} → {self.to_agency}"
