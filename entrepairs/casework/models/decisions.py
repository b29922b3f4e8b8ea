"""Safety checks with a structured risk assessment, and key decisions gated by mandatory expert
advice (issue 12 points 6 and 8).

The organisation configures its risk and protective factors (`RiskFactor`, with weights) and its
decision types (`DecisionType`, each naming the expert roles whose advice is mandatory). French
defaults are created on first use (`services.decision_defaults_ensure`). The risk level is one
pure function, `risk_level`."""

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low risk")
    MEDIUM = "medium", _("Medium risk")
    HIGH = "high", _("High risk")


# A factor of this weight (an acute danger: violence, exploitation) makes the risk high whatever
# the protective factors: protection does not offset an immediate danger.
CRITICAL_WEIGHT = 5
MEDIUM_FROM, HIGH_FROM = 3, 6


def risk_level(risk_weights: Iterable[int], protective_weights: Iterable[int]) -> tuple[int, str]:
    """(score, level) of an assessment: the score is the sum of the weights of the risk factors
    present minus those of the protective factors present; medium from 3, high from 6, and high
    whenever a critical risk factor (weight 5) is present."""
    risks = list(risk_weights)
    score = sum(risks) - sum(protective_weights)
    if any(w >= CRITICAL_WEIGHT for w in risks) or score >= HIGH_FROM:
        return score, RiskLevel.HIGH.value
    if score >= MEDIUM_FROM:
        return score, RiskLevel.MEDIUM.value
    return score, RiskLevel.LOW.value


class ExpertRole(models.TextChoices):
    """The expertise whose advice a decision type may require (seed 000: "a psychologist, legal
    adviser or other expert"). An expert is a person holding the organisation's expert role; their
    profession says which expertise they bring (rules.expertise_of)."""

    PSYCHOLOGIST = "psychologist", _("Psychologist")
    LEGAL_ADVISER = "legal_adviser", _("Legal adviser")
    OTHER = "other", _("Other expert")


class RiskFactor(UUIDModel):
    class Kind(models.TextChoices):
        RISK = "risk", _("Risk factor")
        PROTECTIVE = "protective", _("Protective factor")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight (1 to 5)"), default=1)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["kind", "-weight", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "label"], name="casework_riskfactor_unique_label"
            )
        ]
        verbose_name = _("risk or protective factor")

    def __str__(self) -> str:
        return self.label


class DecisionType(UUIDModel):
    class Trigger(models.TextChoices):
        NONE = "", _("Prepared by hand only")
        INSECURITY = "insecurity", _("Signs of insecurity in a safety check")
        PLACEMENT = (
            "placement_development",
            _("Change of placement because of development concerns"),
        )

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    required_advice = models.JSONField(_("mandatory advice"), default=list, blank=True)
    trigger = models.CharField(
        _("opened automatically on"), max_length=25, choices=Trigger.choices, blank=True
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="casework_decisiontype_unique_name"
            )
        ]
        verbose_name = _("decision type")

    def __str__(self) -> str:
        return self.name

    @property
    def is_gated(self) -> bool:
        return bool(self.required_advice)

    def required_labels(self) -> list[str]:
        return [str(ExpertRole(r).label) for r in self.required_advice]


class Decision(UUIDModel):
    """A key decision about a child, prepared by a member of the case's core team, decided by the
    core team, on the advice of the experts its type requires."""

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Being prepared")
        DECIDED = "decided", _("Decided")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="decisions")
    decision_type = models.ForeignKey(
        DecisionType, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("type")
    )
    title = models.CharField(_("question to decide"), max_length=200)
    options = EncryptedTextField(_("options (confidential)"), blank=True)
    arguments = EncryptedTextField(_("arguments (confidential)"), blank=True)
    child_view = EncryptedTextField(_("the child's view (confidential)"), blank=True)
    trigger = models.CharField(
        _("opened on"), max_length=25, choices=DecisionType.Trigger.choices, blank=True
    )
    safety_check = models.ForeignKey(
        "casework.SafetyCheck",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    proposed_placement = models.CharField(_("proposed placement"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREPARED
    )
    prepared_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    outcome = EncryptedTextField(_("decision (confidential)"), blank=True)
    # When decided: the advice the type required then, and the roles whose advice was on file.
    required_advice = models.JSONField(default=list, blank=True)
    advised_roles = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["case", "status"])]
        verbose_name = _("key decision")

    def __str__(self) -> str:
        return self.title

    @property
    def is_decided(self) -> bool:
        return self.status == self.Status.DECIDED


class AdviceRequest(UUIDModel):
    """A decision submitted to one expert: they see that decision only, and record their advice."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="advice_requests")
    expert = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="casework_advice_requests"
    )
    role = models.CharField(_("expertise"), max_length=15, choices=ExpertRole.choices)
    question = EncryptedTextField(_("question to the expert (confidential)"), blank=True)
    requested_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    advice = EncryptedTextField(_("advice (confidential)"), blank=True)
    advised_at = models.DateTimeField(_("advised at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "expert"], name="casework_advice_one_per_expert"
            )
        ]
        verbose_name = _("advice request")

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.expert}"

    @property
    def is_given(self) -> bool:
        return self.advised_at is not None


class SafetyCheck(UUIDModel):
    """A safety check of a child, due on a date; once done, its structured assessment (the
    factors found, with their weights as they were), score and risk level."""

    class Timeliness(models.TextChoices):
        ON_TIME = "on_time", _("Done on time")
        LATE = "late", _("Done late")
        OVERDUE = "overdue", _("Overdue")
        # « un contrôle planifié »: the French adjective agrees with the check (outside test F13).
        PLANNED = "planned", pgettext_lazy("safety check", "Planned")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(
        "casework.Case", on_delete=models.CASCADE, related_name="safety_checks"
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    scheduled_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # [{"id", "label", "kind", "weight"}] of the factors found: the weights of the day stay.
    assessment = models.JSONField(default=list, blank=True)
    score = models.SmallIntegerField(_("score"), null=True, blank=True)
    risk = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices, blank=True)
    insecurity_signs = models.BooleanField(_("signs of insecurity"), default=False)
    notes = EncryptedTextField(_("results (confidential)"), blank=True)
    ip_sent_on = models.DateField(_("information préoccupante sent on"), null=True, blank=True)
    ip_recipient = models.CharField(_("sent to (CRIP)"), max_length=200, blank=True)
    overdue_notified_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-due_on", "-created_at"]
        indexes = [models.Index(fields=["case", "done_on"]), models.Index(fields=["due_on"])]
        verbose_name = _("safety check")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} — {shown_date(self.due_on)}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def timeliness(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if self.done_on is not None:
            return (
                self.Timeliness.ON_TIME if self.done_on <= self.due_on else self.Timeliness.LATE
            ).value
        return (self.Timeliness.OVERDUE if self.due_on < today else self.Timeliness.PLANNED).value

    def get_timeliness_display(self) -> str:
        return str(self.Timeliness(self.timeliness()).label)
