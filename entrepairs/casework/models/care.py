"""Incidents and care plans (issue 12, points 7 and 9).

- An incident concerns one or several children of a core team: facts, immediate measures, an
  analysis (causes, lessons learned) and follow-up actions with owners and due dates; it may record
  an *information préoccupante* sent to the département's CRIP (date and recipient).
- A care plan is the French *projet pour l'enfant* (PPE): each version is drafted by the case's
  responsible guardian, submitted, then approved or returned with a comment by another member of
  the core team. A submitted, returned or approved version is read-only; a new version starts from
  the last one.
"""

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel

# How many members other than the author must approve a version (the core team decides, never
# the author alone: one colleague's approval, recorded with the date).
APPROVALS_REQUIRED = 1
# Review schedule, counted from the approval: 6 months for a child whose vulnerability is high,
# 12 months otherwise (fixed here, not an organisation setting).
REVIEW_MONTHS_HIGH = 6
REVIEW_MONTHS = 12
# The first plan of a case is due within 3 months of the case opening (French practice: the PPE
# is drawn up within three months of the start of the measure).
FIRST_PLAN_MONTHS = 3


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    import calendar

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class IncidentKind(models.TextChoices):
    RUNAWAY = "runaway", _("Running away or disappearance")
    VIOLENCE = "violence", _("Violence")
    ABUSE = "abuse", _("Suspected abuse or exploitation")
    SELF_HARM = "self_harm", _("Self-harm")
    HEALTH = "health", _("Health or accident")
    PLACEMENT = "placement", _("Breakdown of the placement")
    OTHER = "other", _("Other")


class Incident(UUIDModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="casework_incidents"
    )
    cases = models.ManyToManyField(
        "casework.Case", related_name="incidents", verbose_name=_("children concerned")
    )
    kind = models.CharField(_("type"), max_length=12, choices=IncidentKind.choices)
    occurred_on = models.DateField(_("date of the incident"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    facts = EncryptedTextField(_("facts (confidential)"))
    immediate_measures = EncryptedTextField(_("immediate measures (confidential)"), blank=True)
    causes = EncryptedTextField(_("causes (confidential)"), blank=True)
    lessons = EncryptedTextField(_("lessons learned (confidential)"), blank=True)
    analysed_on = models.DateField(_("analysed on"), null=True, blank=True)
    # An information préoccupante sent to the département's CRIP (French practice, DECISIONS).
    concern_sent_on = models.DateField(_("information préoccupante sent on"), null=True, blank=True)
    concern_recipient = models.CharField(_("sent to"), max_length=200, blank=True)
    reported_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        indexes = [models.Index(fields=["core_team", "occurred_on"])]
        verbose_name = _("incident")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {shown_date(self.occurred_on)}"


class IncidentAction(UUIDModel):
    """A follow-up action: an owner in the core team, a due date; marked done by its owner."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="actions")
    description = EncryptedTextField(_("action (confidential)"))
    # Someone removed from the organisation leaves their actions without an owner (shown as such).
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="casework_incident_actions",
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        indexes = [models.Index(fields=["incident", "done_on"])]
        verbose_name = _("follow-up action")

    def __str__(self) -> str:
        return f"{self.owner} — {shown_date(self.due_on)}"

    def is_overdue(self, today: date) -> bool:
        return self.done_on is None and self.due_on < today


class CarePlan(UUIDModel):
    """One version of a case's care plan (projet pour l'enfant)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for approval")
        RETURNED = "returned", _("Returned with comments")
        APPROVED = "approved", pgettext_lazy("care plan", "Approved")
        SUPERSEDED = "superseded", _("Replaced by a later version")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    core_team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="casework_care_plans"
    )
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="care_plans")
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    needs = EncryptedTextField(_("the child's needs (confidential)"), blank=True)
    objectives = EncryptedTextField(_("objectives (confidential)"), blank=True)
    actions = EncryptedTextField(_("actions and who carries them out (confidential)"), blank=True)
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    review_due_on = models.DateField(_("review due on"), null=True, blank=True)

    class Meta:
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="one_care_plan_version")
        ]
        indexes = [
            models.Index(fields=["core_team", "status"]),
            models.Index(fields=["core_team", "review_due_on"]),
        ]
        verbose_name = _("care plan")

    def __str__(self) -> str:
        return str(_("Care plan, version %(n)s")) % {"n": self.version}

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class CarePlanDecision(UUIDModel):
    """A core-team member's approval of a version, or its return with a comment."""

    class Verdict(models.TextChoices):
        APPROVE = "approve", pgettext_lazy("care plan", "Approved")
        RETURN = "return", _("Returned")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="decisions")
    verdict = models.CharField(_("decision"), max_length=8, choices=Verdict.choices)
    comment = EncryptedTextField(_("comment (confidential)"), blank=True)
    by = models.ForeignKey("people.Person", on_delete=models.SET_NULL, null=True, related_name="+")
    decided_on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "by"], name="one_decision_per_member")
        ]
        verbose_name = _("care plan decision")

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} — {shown_date(self.decided_on)}"
