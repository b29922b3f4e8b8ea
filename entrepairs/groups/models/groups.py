"""Groups: peer support, supervision, practice analysis (APP) and team regulation (seeds 000, 003, 004).

A group has members and facilitators, a charter accepted by each member, and a yearly series of
sessions. Situations and session notes are confidential: encrypted, audited on read, and visible
only to the group (see rules.py). Contracts, price grids and invoices live in the contracts app;
announcements and subscriptions in the mailing app.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel


class Kind(models.TextChoices):
    PEER_SUPPORT = "peer_support", _("Peer-support group")
    SUPERVISION = "supervision", _("Supervision group")
    PRACTICE_ANALYSIS = "practice_analysis", _("Practice-analysis group (APP)")
    TEAM_REGULATION = "team_regulation", _("Team-regulation group")


# Seed 003: "des groupes de 6 à 12 participants"; an installation may override per kind.
DEFAULT_SIZE_LIMITS = {kind.value: (6, 12) for kind in Kind}
# Seed 003: "de 6 à 24 par an".
SESSIONS_PER_YEAR = (6, 24)
# A programme year runs twelve months from its start month; September (the school and social-work
# year) unless the organisation or the group says otherwise.
DEFAULT_YEAR_START_MONTH = 9
MONTH_CHOICES = sorted(MONTHS.items())
# The standard rules of every charter (seed 003: "confidentialité, bienveillance, non jugement,
# droit à l'erreur").
STANDARD_RULES = [
    ("confidentiality", _("Confidentiality: what is said in the group stays in the group.")),
    ("benevolence", _("Benevolence: we speak and listen with goodwill.")),
    ("non_judgement", _("Non-judgement: we question practices, never persons.")),
    ("right_to_error", _("Right to error: everyone may say what went wrong.")),
]


class HolidayRegion(models.TextChoices):
    """Where the public holidays differ from the national calendar: the subdivisions of the
    `holidays` library's France, labelled the way a French coordinator names them (Alsace-Moselle
    keeps Good Friday and 26 December; overseas departments their abolition-of-slavery day).
    School-holiday zones (A, B, C, Corse) change no public holiday, so they are not regions here."""

    METROPOLITAN = "", _("Metropolitan France (national calendar)")
    MOSELLE = "57", _("Alsace-Moselle: Moselle")
    ALSACE = "6AE", _("Alsace-Moselle: Bas-Rhin and Haut-Rhin")
    GUADELOUPE = "971", _("Guadeloupe")
    MARTINIQUE = "972", _("Martinique")
    GUYANE = "973", _("French Guiana")
    REUNION = "974", _("Réunion")
    MAYOTTE = "976", _("Mayotte")


def size_limits(kind: str) -> tuple[int, int]:
    limits = getattr(settings, "GROUP_SIZE_LIMITS", {}) or {}
    low, high = limits.get(kind, DEFAULT_SIZE_LIMITS.get(kind, (6, 12)))
    return int(low), int(high)


class GroupSettings(UUIDModel):
    """Per-organisation settings of the groups module (kept here, not on Organisation)."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="group_settings"
    )
    absence_threshold = models.PositiveSmallIntegerField(
        _("absences before the line manager is told"), default=2
    )
    holiday_region = models.CharField(
        _("public holidays region"),
        max_length=10,
        blank=True,
        choices=HolidayRegion.choices,
        default=HolidayRegion.METROPOLITAN,
    )
    programme_year_start_month = models.PositiveSmallIntegerField(
        _("the programme year starts in"),
        choices=MONTH_CHOICES,
        default=DEFAULT_YEAR_START_MONTH,
        help_text=_("Groups count their 6 to 24 sessions a year from this month."),
    )

    class Meta:
        verbose_name = _("groups settings")
        verbose_name_plural = _("groups settings")

    def __str__(self) -> str:
        return f"{self.organisation}"

    @classmethod
    def for_organisation(cls, organisation_id: Any) -> GroupSettings:
        found = cls.objects.filter(organisation_id=organisation_id).first()
        return found or cls(organisation_id=organisation_id)


class Closure(UUIDModel):
    """A period when an organisation is closed: no session is planned in it."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="closures"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self) -> str:
        return f"{self.label} {shown_date(self.starts_on)}–{shown_date(self.ends_on)}"

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end is before the start.")})


class GroupQuerySet(models.QuerySet["Group"]):
    def for_list(self) -> GroupQuerySet:
        return (
            self.select_related("organisation")
            .prefetch_related("facilitators", "organisations")
            .annotate(
                member_count=models.Count(
                    "members", filter=models.Q(members__status="active"), distinct=True
                ),
                next_session=models.Min(
                    "sessions__starts_at",
                    filter=models.Q(
                        sessions__starts_at__gte=timezone.now(), sessions__status="planned"
                    ),
                ),
            )
        )


class Group(UUIDModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being formed")
        FOUNDED = "founded", _("Founded — membership closed")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,  # removing a tenant removes its groups (admin-only operation)
        related_name="groups",
        verbose_name=_("organisation"),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        related_name="spanned_groups",
        blank=True,
        verbose_name=_("organisations it gathers"),
        help_text=_("An inter-organisation group gathers professionals of several organisations."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("purpose"), blank=True)
    facilitators = models.ManyToManyField(
        "people.Person", related_name="facilitated_groups", verbose_name=_("facilitators")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    hard_questions = models.BooleanField(
        _("for questions hard to raise at work"),
        default=False,
        help_text=_("No line manager and no two direct colleagues of one core team together."),
    )
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # None: the organisation's programme year (its groups settings).
    programme_year_start_month = models.PositiveSmallIntegerField(
        _("the programme year starts in"), choices=MONTH_CHOICES, null=True, blank=True
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name

    @property
    def size_limits(self) -> tuple[int, int]:
        return size_limits(self.kind)

    @property
    def membership_closed(self) -> bool:
        return self.status != self.Status.DRAFT

    def organisation_ids(self) -> set[Any]:
        return {self.organisation_id, *(o.pk for o in self.organisations.all())}

    def facilitator_ids(self) -> set[Any]:
        return {p.pk for p in self.facilitators.all()}

    def active_members(self) -> models.QuerySet[GroupMember]:
        return self.members.filter(status=GroupMember.Status.ACTIVE)


class Charter(UUIDModel):
    """The group's rules: the standard ones plus its own. Changing it asks everyone to accept again."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="charter")
    own_rules = models.TextField(_("the group's own rules"), blank=True)
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(_("last changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("charter")
        verbose_name_plural = _("charters")

    def __str__(self) -> str:
        return f"{self.group} v{self.version}"

    @property
    def standard_rules(self) -> list[tuple[str, Any]]:
        return STANDARD_RULES


class GroupMember(UUIDModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Member")
        PENDING = "pending", _("Waiting for the facilitator's approval")
        LEFT = "left", _("Left")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="group_memberships"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    charter_accepted_at = models.DateTimeField(_("charter accepted"), null=True, blank=True)
    charter_version = models.PositiveIntegerField(null=True, blank=True)
    approved_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="unique_group_member")
        ]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self) -> str:
        return f"{self.person} @ {self.group}"

    @property
    def has_accepted_charter(self) -> bool:
        return self.charter_accepted_at is not None


class CoOwnershipRequest(UUIDModel):
    """A group asks another organisation to co-own it (inter-organisation group, seed 003). Until a
    coordinator of that organisation accepts, the organisation is not one of the group's and none
    of its people can be enrolled (issue 10: cross-organisation consent)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the other organisation")
        ACCEPTED = "accepted", pgettext_lazy("request", "Accepted")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="co_ownership_requests")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "organisation"],
                condition=models.Q(status="pending"),
                name="unique_pending_co_ownership",
            )
        ]
        verbose_name = _("co-ownership request")
        verbose_name_plural = _("co-ownership requests")

    def __str__(self) -> str:
        return f"{self.group} → {self.organisation}"


class Technique(UUIDModel):
    """Catalogue of techniques (seed 003: change of position, peer sub-groups, analogy...).
    Rows without an organisation are the shared catalogue; an organisation may add its own."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_techniques",
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="unique_technique_slug")
        ]
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")

    def __str__(self) -> str:
        return self.name


class SessionQuerySet(models.QuerySet["Session"]):
    def upcoming(self) -> SessionQuerySet:
        return self.filter(starts_at__gte=timezone.now(), status=Session.Status.PLANNED)


class Session(UUIDModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    # Rank in the group's programme year by date (None when cancelled): planning.renumber keeps it.
    number = models.PositiveSmallIntegerField(
        _("number in the programme year"), null=True, blank=True, default=1
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    is_founding = models.BooleanField(_("founding session"), default=False)
    site = models.ForeignKey(
        "organisations.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("site"),
    )
    room = models.CharField(_("room"), max_length=120, blank=True)
    offsite_address = models.CharField(_("off-site address"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    moved_from = models.DateTimeField(_("initially planned at"), null=True, blank=True)
    # Why the facilitator keeps it on a public holiday or a closure day (empty on other days).
    holiday_reason = models.CharField(
        _("reason for a public holiday or closure day"), max_length=300, blank=True
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    # The round table: member ids in speaking order (names are shown only to the group).
    speaking_order = models.JSONField(_("round table order"), default=list, blank=True)
    techniques = models.ManyToManyField(Technique, blank=True, verbose_name=_("techniques used"))
    theory_input = models.TextField(_("theoretical input (model, reference)"), blank=True)

    objects = SessionQuerySet.as_manager()
    # Set by services.session_move: False when a save changed nothing and nobody was told.
    members_told: bool = True

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["group", "starts_at"])]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        # The reader's short date and time (core.dates), never a format of its own.
        from entrepairs.core.dates import shown_date

        return f"{self.group} — {shown_date(self.starts_at, with_time=True)}"

    @property
    def place(self) -> str:
        if self.offsite_address:
            return self.offsite_address
        parts = [str(self.site) if self.site_id else "", self.room]
        return ", ".join(p for p in parts if p)

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    def clean(self) -> None:
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session ends after it starts.")})

    @transaction.atomic
    def record_attendance(self, *, marks: dict[Any, str], by: Any) -> list[Attendance]:
        """Record present/excused/absent for members (seed 004: members commit to all sessions).

        The session row is locked so two facilitators saving at once are serialised: each one's
        marks are kept, nobody gets a duplicate row, the later mark for the same member wins.
        """
        Session.objects.select_for_update(of=("self",)).get(pk=self.pk)
        if self.status == self.Status.CANCELLED:
            raise ValidationError(_("This session was cancelled."))
        if self.starts_at > timezone.now():
            raise ValidationError(_("Attendance is recorded once the session has started."))
        members = {
            m.pk: m
            for m in GroupMember.objects.filter(group_id=self.group_id, pk__in=list(marks)).exclude(
                status=GroupMember.Status.LEFT
            )
        }
        unknown = [str(k) for k in marks if k not in members]
        if unknown:
            raise ValidationError(_("Attendance can only be recorded for members of this group."))
        for value in marks.values():
            if value not in Attendance.Status.values:
                raise ValidationError(_("Unknown attendance status: %s") % value)
        rows = []
        for member_id, value in marks.items():
            row, _created = Attendance.objects.update_or_create(
                session=self, member_id=member_id, defaults={"status": value, "recorded_by": by}
            )
            rows.append(row)
        if self.status == self.Status.PLANNED:
            self.status = self.Status.HELD
            self.save(update_fields=["status", "updated_at"])
        return rows


# A situation is told in a few paragraphs; the identifying-data check reads every character
# (outside test: 105,000 characters took 107 s), so longer texts are refused before it runs, on
# every channel (services.check_situation_lengths).
SITUATION_TEXT_MAX = 10_000
SITUATION_TITLE_MAX = 200


class Situation(UUIDModel):
    """A situation from a member's practice: an episode and the question it raises (seed 004).
    Confidential: encrypted at rest, visible only to the group, every read audited."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="situations")
    author = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="situations")
    title = EncryptedTextField(_("title"))
    episode = EncryptedTextField(_("the episode"))
    question = EncryptedTextField(_("the question it raises for you"))
    worked_on = models.BooleanField(_("worked on in the session"), default=False)
    technique = models.ForeignKey(
        Technique, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("technique")
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("situation")
        verbose_name_plural = _("situations")

    def __str__(self) -> str:
        return str(_("Situation"))  # never the title: __str__ reaches logs and admin lists


class SessionNote(UUIDModel):
    """The facilitator's notes on a session. Confidential like situations."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(_("notes"))
    shared_with_members = models.BooleanField(
        _("shared with the members"),
        default=False,
        help_text=_("Otherwise only the group's facilitators read them."),
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("session note")
        verbose_name_plural = _("session notes")

    def __str__(self) -> str:
        return str(_("Session note"))


class Attendance(UUIDModel):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="unique_attendance")
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.member} — {self.get_status_display()}"


class CalendarFeed(UUIDModel):
    """A personal iCalendar URL: a member's sessions, or a line manager's staff sessions.
    The secret is shown once and stored hashed; revoking it kills the URL."""

    class Scope(models.TextChoices):
        MEMBER = "member", _("My sessions")
        MANAGER = "manager", _("My staff's sessions")

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="group_calendar_feeds"
    )
    scope = models.CharField(max_length=10, choices=Scope.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.person} ({self.scope})"
