"""Programmes (with the trainings they require) and the information-sharing agreements with agencies."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as _noop

from entrepairs.core.french import in_words
from entrepairs.core.models import UUIDModel
from entrepairs.solvers.scoring import CRITERIA
from entrepairs.training.models import add_months  # noqa: F401 - services use it from here

from ..reason_labels import read_reason_label
from ..reasons import CLOSURE_KINDS, kind_of, outcome_of

CRITERION_LABELS = {
    "interests": _("Shared interests"),
    "language": _("Common language"),
    "distance": _("Distance / same region"),
    "availability": _("Common availability"),
    "preferences": _("Youth's preferences (gender, age)"),
    "experience_gap": _("Mentor's experience"),
}

# What a criterion that scored well says about a pair, for the sentence under a score.
CRITERION_STRENGTHS = {
    "interests": _("interests in common"),
    "language": _("a common language"),
    "distance": _("close to each other"),
    "availability": _("free at the same times"),
    "preferences": _("the youth's wishes met"),
    "experience_gap": _("an experienced mentor"),
}
# A criterion counts as a strength from this raw value (0 to 1) on.
STRONG_RAW = 0.5


def _common(a: Any, b: Any) -> int:
    return len(set(a or ()) & set(b or ()))


def _pair_strength(criterion: str, youth: Any, mentor: Any) -> str:
    """What a criterion that scored well says about this very pair, counted in words
    (« deux centres d’intérêt communs », « même région »): the engine's breakdown holds only the
    criterion and its share (solvers.scoring), the pair's records hold what they share."""
    yp, mp = youth.person, mentor.person
    if criterion == "distance" and yp.region and yp.region == mp.region:
        return gettext("the same region")
    if criterion == "interests":
        n = _common(youth.interests, mentor.interests)
        if n:
            return ngettext("one interest in common", "%(count)s interests in common", n) % {
                "count": in_words(n)
            }
    if criterion == "language":
        n = _common(yp.languages, mp.languages)
        if n:
            return ngettext("one common language", "%(count)s common languages", n) % {
                "count": in_words(n)
            }
    if criterion == "availability":
        n = _common(yp.availability, mp.availability)
        if n:
            return ngettext(
                "one half-day free in common", "%(count)s half-days free in common", n
            ) % {"count": in_words(n)}
    return str(CRITERION_STRENGTHS[criterion])


def score_sentence(breakdown: list[Any], youth: Any = None, mentor: Any = None) -> str:
    """A pair's score in one sentence (« Points forts : même région, deux centres d’intérêt
    communs. »): the weighted criteria that scored well, the largest share first, told with what
    the pair shares when its youth and mentor are given (outside test F15: the score was shown as
    a formula). One home for every page that shows a score (proposals, a match)."""
    strong = [
        _pair_strength(row[0], youth, mentor)
        if youth is not None and mentor is not None
        else str(CRITERION_STRENGTHS[row[0]])
        for row in sorted(breakdown, key=lambda row: -float(row[3]))
        if row[0] in CRITERION_STRENGTHS and float(row[1]) > 0 and float(row[2]) >= STRONG_RAW
    ]
    if not strong:
        return str(_("No criterion stands out for this pair."))
    sentence = ", ".join(strong)
    return str(_("Strong points: %(points)s.") % {"points": sentence})


def _weight(value: float) -> str:
    """A weight as a person writes it: "1", "0,5" (never "1.0")."""
    return str(int(value)) if value.is_integer() else number_format(round(value, 2))


def score_rows(breakdown: list[Any]) -> list[str]:
    """How the score is made, one sentence per criterion (« Centres d’intérêt communs : atteint
    à 40 %, poids 3 »), never the engine's formula (weight × value = points)."""
    return [
        gettext("%(criterion)s: %(percent)s%% met, weight %(weight)s")
        % {
            "criterion": CRITERION_LABELS.get(row[0], row[0]),
            "percent": round(float(row[2]) * 100),
            "weight": _weight(float(row[1])),
        }
        for row in breakdown
        if row[0] in CRITERION_LABELS
    ]


DEFAULT_CLOSURE_REASONS = [
    {"code": "completed", "label": _noop("Match completed"), "kind": "goals_reached"},
    {"code": "youth_wish", "label": _noop("Youth's wish"), "kind": "youth_wish"},
    {"code": "mentor_moving", "label": _noop("Mentor moving"), "kind": "mentor_leaves"},
    {
        "code": "mentor_unavailable",
        "label": _noop("Mentor no longer available"),
        "kind": "mentor_leaves",
    },
    {"code": "youth_moves", "label": _noop("Youth moving away"), "kind": "youth_moves"},
    {
        "code": "youth_left_care",
        "label": _noop("Youth came of age or left care"),
        "kind": "youth_of_age",
    },
    {
        "code": "adoptive_family_wish",
        "label": _noop("The adoptive family's wish"),
        "kind": "family_wish",
    },
    {"code": "safety_concern", "label": _noop("Safety concern"), "kind": "safeguarding"},
]
DEFAULT_LABELS = {r["label"] for r in DEFAULT_CLOSURE_REASONS}
DEFAULT_ADOPTION_NOTE = _noop(
    "The mentor stays a constant, positive person in the youth's life: the match continues "
    "after adoption unless the youth wishes otherwise."
)
OUTCOMES = ("completed", "ended_early")
# Shared facts stay at most ten years after a match ends (a typo such as 100000 is refused).
MAX_REMOVAL_DAYS = 3650
REMOVAL_DAYS_MESSAGE = _("At most 3650 days (ten years) after the end of the match.")


def default_weights() -> dict[str, float]:
    return dict.fromkeys(CRITERIA, 1.0)


def default_closure_reasons() -> list[dict[str, str]]:
    return [dict(r) for r in DEFAULT_CLOSURE_REASONS]


class Programme(UUIDModel):
    class Kind(models.TextChoices):
        YOUTH = "youth", _("Youth mentoring")
        PROFESSIONAL = "professional", _("Professional mentoring")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="mentoring_programmes",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.YOUTH)
    description = models.TextField(_("description"), blank=True)
    match_length_months = models.PositiveSmallIntegerField(
        _("intended match length (months)"), default=24
    )
    required_trainings = models.ManyToManyField(
        "training.TrainingModule",
        blank=True,
        related_name="programmes",
        verbose_name=_("required trainings"),
    )
    references_required = models.PositiveSmallIntegerField(_("references required"), default=2)
    background_check_validity_months = models.PositiveSmallIntegerField(
        _("background check valid for (months)"), default=36
    )
    youth_consent_age = models.PositiveSmallIntegerField(
        _("age from which the youth's own consent is required"), default=12
    )
    weights = models.JSONField(_("matching weights"), default=default_weights)
    require_common_language = models.BooleanField(_("require a common language"), default=True)
    require_same_region = models.BooleanField(_("require the same region"), default=False)
    closure_reasons = models.JSONField(_("closure reasons"), default=default_closure_reasons)
    checkin_interval_days = models.PositiveSmallIntegerField(
        _("days between check-ins"), default=30
    )
    alert_after_days_without_contact = models.PositiveSmallIntegerField(
        _("alert after days without contact"), default=45
    )
    adoption_note = models.TextField(
        _("note for adoptive parents"), blank=True, default=DEFAULT_ADOPTION_NOTE
    )
    is_open = models.BooleanField(_("open to applications"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mentoring programme")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        weights = self.weights if isinstance(self.weights, dict) else None
        if weights is None:
            errors["weights"] = _("Weights must map criteria to numbers.")
        else:
            unknown = set(weights) - set(CRITERIA)
            bad = [k for k, v in weights.items() if not isinstance(v, int | float) or v < 0]
            if unknown:
                errors["weights"] = _("Unknown criteria: %s") % ", ".join(sorted(unknown))
            elif bad:
                errors["weights"] = _("Weights must be numbers of 0 or more: %s") % ", ".join(bad)
        reasons = self.closure_reasons
        if not isinstance(reasons, list) or not reasons:
            errors["closure_reasons"] = _("At least one closure reason is needed.")
        else:
            codes = set()
            for r in reasons:
                if not isinstance(r, dict) or not r.get("code") or not r.get("label"):
                    errors["closure_reasons"] = _("Each reason needs a code, a label and a kind.")
                    break
                if kind_of(r) not in CLOSURE_KINDS:
                    errors["closure_reasons"] = _(
                        "Unknown kind of reason: %(kind)s (one of: %(kinds)s)."
                    ) % {"kind": kind_of(r), "kinds": ", ".join(CLOSURE_KINDS)}
                    break
                reading = read_reason_label(r["code"], r["label"], kind_of(r))
                if reading.is_sanction:
                    errors["closure_reasons"] = reading.explanation()
                    break
                if r["code"] in codes:
                    errors["closure_reasons"] = _("Duplicate reason code: %s") % r["code"]
                    break
                codes.add(r["code"])
        if errors:
            raise ValidationError(errors)

    def weight_map(self) -> dict[str, float]:
        return {c: float((self.weights or {}).get(c, 0.0)) for c in CRITERIA}

    def weight_rows(self) -> list[tuple[str, float]]:
        """Each matching criterion's label and weight, for the programme page."""
        return [(str(CRITERION_LABELS[c]), w) for c, w in self.weight_map().items()]

    def reason(self, code: str) -> dict[str, str] | None:
        return next((r for r in self.closure_reasons if r.get("code") == code), None)

    def reason_outcome(self, code: str) -> str | None:
        entry = self.reason(code)
        return outcome_of(entry) if entry else None

    def reason_kind(self, code: str) -> str | None:
        entry = self.reason(code)
        return kind_of(entry) if entry else None

    def reason_label(self, code: str) -> str:
        """The reason's label; the product's default labels are shown in the reader's language."""
        entry = self.reason(code) or {}
        label = str(entry.get("label", ""))
        return gettext(label) if label in DEFAULT_LABELS else label

    def adoption_note_text(self) -> str:
        """The note for adoptive parents; the product's default in the reader's language."""
        note = self.adoption_note.strip()
        return gettext(note) if note == DEFAULT_ADOPTION_NOTE else note

    def reason_rows(self) -> list[tuple[str, str]]:
        """Each reason's label and the label of its kind, for the programme page."""
        return [
            (self.reason_label(r["code"]), str(CLOSURE_KINDS[kind_of(r)][0]))
            for r in self.closure_reasons
        ]

    def reason_choices(self) -> list[tuple[str, str]]:
        return [(r["code"], self.reason_label(r["code"])) for r in self.closure_reasons]


# Facts about a youth that an agreement may allow a mentor to see; never the case file.
SHAREABLE_FIELDS: dict[str, Any] = {
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "age": _("Age"),
    "birth_date": _("Date of birth"),
    "gender": _("Gender"),
    "interests": _("Interests"),
    "languages": _("Languages"),
    "region": _("Region"),
    "school_level": _("School level"),
    "guardian_name": _("Foster parent's / guardian's name"),
    "guardian_phone": _("Foster parent's / guardian's phone (for meetings)"),
    "case_worker_name": _("Case worker's name"),
    "case_worker_phone": _("Case worker's phone"),
    "situation_updates": _("Placement and situation updates (summaries)"),
}


class SharingAgreement(UUIDModel):
    """What a mentor may know of an agency's youths: each fact listed with its purpose (seed 001:
    « comprendre les limites des informations pouvant et devant être partagées »)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("mentoring organisation"),
    )
    agency = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="mentoring_agreements",
        verbose_name=_("agency"),
    )
    fields = models.JSONField(_("facts shared"), default=list)
    purposes = models.JSONField(_("purpose of each fact"), default=dict)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    # The check-in ratings the programme gathers (youth, guardian, mentor) reach the agency only
    # if the mentoring organisation says so (issue 14); a mentor never reads another's rating.
    checkin_ratings_shared = models.BooleanField(
        _("the agency reads the check-in ratings"), default=False
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: until one party ends it.")
    )
    # What happens at the end of a match (issue 14): the shared facts leave the mentor's view
    # this many days after the match ends (rules.youth_for_mentor); 0: the day it ends.
    removed_days_after_end = models.PositiveSmallIntegerField(
        _("shared facts removed from the mentor's view after the match ends (days)"),
        default=30,
        help_text=_("0: on the day the match ends."),
        validators=[MaxValueValidator(MAX_REMOVAL_DAYS, message=REMOVAL_DAYS_MESSAGE)],
    )
    # A widening waits for the other party (services.agreement_save): the whole proposed version.
    proposed_by_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    proposed_fields = models.JSONField(_("facts proposed"), default=list, blank=True)
    proposed_purposes = models.JSONField(_("purposes proposed"), default=dict, blank=True)
    proposed_valid_until = models.DateField(_("validity proposed"), null=True, blank=True)
    proposed_removed_days_after_end = models.PositiveSmallIntegerField(
        _("removal after the end proposed (days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_REMOVAL_DAYS, message=REMOVAL_DAYS_MESSAGE)],
    )
    carried_over_from = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried over from agency"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "agency"], name="unique_agreement")
        ]
        verbose_name = _("information-sharing agreement")

    def __str__(self) -> str:
        return f"{self.organisation} ↔ {self.agency}"

    @property
    def has_proposal(self) -> bool:
        return self.proposed_by_organisation_id is not None

    @staticmethod
    def _rows(fields: list[str], purposes: dict[str, str]) -> list[tuple[str, str]]:
        return [(str(SHAREABLE_FIELDS.get(f, f)), purposes.get(f, "")) for f in fields]

    def field_rows(self) -> list[tuple[str, str]]:
        """Each fact shared, by its label, with its purpose (never the field's code)."""
        return self._rows(self.fields, self.purposes)

    def proposed_field_rows(self) -> list[tuple[str, str]]:
        return self._rows(self.proposed_fields, self.proposed_purposes)

    def in_force(self, day: date) -> bool:
        """An agreement past its end date shares nothing (the mentor's view reads this)."""
        return self.valid_until is None or day <= self.valid_until

    def shares_after_end(self, ended_on: date | None, day: date) -> bool:
        """Whether a mentor still sees the shared facts on `day` of a match that ended on
        `ended_on` (None: the match has not ended)."""
        if ended_on is None:
            return True
        from datetime import timedelta

        return day <= ended_on + timedelta(days=self.removed_days_after_end)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        names = self.fields if isinstance(self.fields, list) else None
        if names is None or not all(isinstance(n, str) for n in names):
            errors["fields"] = _("The facts shared must be a list of field names.")
        else:
            unknown = [n for n in names if n not in SHAREABLE_FIELDS]
            if unknown:
                errors["fields"] = _(
                    "These fields do not exist or may never be shared: %(names)s. Allowed: %(allowed)s."
                ) % {"names": ", ".join(unknown), "allowed": ", ".join(SHAREABLE_FIELDS)}
            purposes = self.purposes if isinstance(self.purposes, dict) else {}
            missing = [n for n in names if not str(purposes.get(n, "")).strip()]
            if not unknown and missing:
                errors["purposes"] = _("Every shared fact needs a purpose: %s.") % ", ".join(
                    missing
                )
            extra = set(purposes) - set(names)
            if not unknown and extra:
                self.purposes = {k: v for k, v in purposes.items() if k in names}
        if self.agency_id and self.agency_id == self.organisation_id:
            errors["agency"] = _("An agreement is made with another organisation.")
        if errors:
            raise ValidationError(errors)
