"""How a core team works together (issue 12, points 10 to 12): its meetings (agenda, minutes,
actions, attendance), peer review of case work against the organisation's indicators, policies
each member acknowledges, and audits of a random sample of cases."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.french import labelled
from entrepairs.core.models import UUIDModel

# -- meetings ---------------------------------------------------------------------------------


class Meeting(UUIDModel):
    """A core-team meeting. Its agenda is built from what is waiting (`casework.agenda`) and kept
    as it stood when last refreshed (the record of what the team discussed)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="casework_meetings"
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    # The agenda as JSON (list of items); encrypted: items may name children of the team.
    agenda = EncryptedTextField(_("agenda"), blank=True)
    agenda_built_at = models.DateTimeField(null=True, blank=True)
    minutes = EncryptedTextField(_("minutes (confidential)"), blank=True)
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["core_team", "held_on"])]
        verbose_name = _("core-team meeting")

    def __str__(self) -> str:
        return f"{self.core_team} — {shown_date(self.held_on)}"


class TeamTopic(UUIDModel):
    """A "team dynamics" point a member puts on the next meeting's agenda."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="casework_topics"
    )
    title = models.CharField(_("title"), max_length=200)
    note = EncryptedTextField(_("note (confidential)"), blank=True)
    added_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    discussed_in = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="topics"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("team dynamics topic")

    def __str__(self) -> str:
        return self.title


class MeetingAction(UUIDModel):
    """An action decided in a meeting, with its owner and due date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    # A person removed (their data erased) leaves the action without an owner.
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("meeting action")

    def __str__(self) -> str:
        return self.title


class Attendance(UUIDModel):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_member")
        ]
        verbose_name = _("attendance")

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"


# -- peer review ------------------------------------------------------------------------------


class ReviewIndicator(UUIDModel):
    """One indicator of the organisation's framework (peer review and audits)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("indicator"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="one_indicator_name_per_organisation"
            )
        ]
        verbose_name = _("indicator")

    def __str__(self) -> str:
        return self.name


class Rating(models.IntegerChoices):
    TO_IMPROVE = 1, pgettext_lazy("rating", "To improve")
    PARTLY = 2, pgettext_lazy("rating", "Partly met")
    MET = 3, pgettext_lazy("rating", "Met")
    EXEMPLARY = 4, pgettext_lazy("rating", "Exemplary")


class PeerReview(UUIDModel):
    """A member's review of a colleague's work on one case of their core team. Seen by the
    reviewer and the reviewed person only; the team and management see trends, never this."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="casework_peer_reviews"
    )
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="peer_reviews")
    reviewer = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="casework_reviews_given"
    )
    reviewee = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="casework_reviews_received"
    )
    feedback = EncryptedTextField(_("feedback (confidential)"))
    answer = EncryptedTextField(_("answer (confidential)"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reviewed_on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]
        indexes = [models.Index(fields=["core_team", "reviewed_on"])]
        verbose_name = _("peer review")

    def __str__(self) -> str:
        return f"{self.reviewee} — {shown_date(self.reviewed_on)}"


class PeerRating(UUIDModel):
    review = models.ForeignKey(PeerReview, on_delete=models.CASCADE, related_name="ratings")
    indicator = models.ForeignKey(ReviewIndicator, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)
    comment = EncryptedTextField(_("comment (confidential)"), blank=True)

    class Meta:
        ordering = ["indicator__position", "indicator__name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "indicator"], name="one_rating_per_indicator")
        ]
        verbose_name = _("peer rating")

    def __str__(self) -> str:
        return labelled(self.indicator, self.rating)


# -- policies ---------------------------------------------------------------------------------


class Policy(UUIDModel):
    """A policy rolled out to one core team, or to every core team of the organisation
    (`core_team` empty), that each member acknowledges."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="casework_policies",
        verbose_name=_("core team"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    effective_on = models.DateField(_("effective date"))
    published_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-effective_on", "title"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def __str__(self) -> str:
        return self.title


class PolicyAcknowledgement(UUIDModel):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="acknowledgements")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["policy", "person"], name="one_acknowledgement")
        ]
        verbose_name = _("policy acknowledgement")

    def __str__(self) -> str:
        return f"{self.person} — {self.policy}"


# -- audits -----------------------------------------------------------------------------------


class Audit(UUIDModel):
    """An audit of a core team's case work: a random sample of its active cases (size and seed
    recorded, so the draw can be repeated), read by the named auditors between the two dates
    (access for a reason, computed in `rules.case_visible_q`)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="casework_audits"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    sample_size = models.PositiveSmallIntegerField(
        _("sample size"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    seed = models.BigIntegerField(_("seed of the draw"))
    auditors = models.ManyToManyField("people.Person", related_name="casework_audits")
    sampled_cases = models.ManyToManyField("casework.Case", related_name="audits")
    opened_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        verbose_name = _("audit")

    def __str__(self) -> str:
        return self.title


class AuditFinding(UUIDModel):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(ReviewIndicator, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)
    note = EncryptedTextField(_("finding (confidential)"), blank=True)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "case", "indicator"], name="one_finding_per_case_indicator"
            )
        ]
        verbose_name = _("audit finding")

    def __str__(self) -> str:
        return labelled(self.indicator, self.rating)


class AuditAction(UUIDModel):
    """What the core team does about the audit's findings."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    # A person removed (their data erased) leaves the action without an owner.
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("audit action")

    def __str__(self) -> str:
        return self.title
