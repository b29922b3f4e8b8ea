"""Matching runs and their proposals, matches and their follow-up."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel
from entrepairs.core.notification_texts import Message, lines, msg
from entrepairs.solvers.pairs import CONSTRAINT_TEXT

from .mentors import Mode


class MatchingRun(UUIDModel):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(
        "mentoring.Programme", on_delete=models.CASCADE, related_name="runs"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=100, blank=True)
    started_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("matching run")

    def __str__(self) -> str:
        return f"{self.programme} — {shown_date(self.created_at, with_time=True)}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def step_label(self) -> str:
        """The step under way in words (matching.execute stores a code such as "loading
        youths" or "solving (individual)"); nothing once the run is finished (issue 15: the
        page said « Terminé — done »)."""
        if self.is_finished or not self.step:
            return ""
        labels = {
            "loading youths": _("loading the youths"),
            "loading mentors": _("loading the mentors"),
            "building the problem": _("building the problem"),
            "storing proposals": _("storing the proposals"),
        }
        if self.step.startswith("solving"):
            return str(_("solving"))
        return str(labels.get(self.step, ""))


class Proposal(UUIDModel):
    class Status(models.TextChoices):
        # « une proposition acceptée »: the French adjective agrees (outside test F13).
        PROPOSED = "proposed", pgettext_lazy("proposal", "Proposed")
        ACCEPTED = "accepted", pgettext_lazy("proposal", "Accepted")
        REJECTED = "rejected", pgettext_lazy("proposal", "Rejected")

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="proposals")
    youth = models.ForeignKey("mentoring.Youth", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("mentoring.Mentor", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    breakdown = models.JSONField(default=list)  # [[criterion, weight, raw, contribution], ...]
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    pinned = models.BooleanField(_("pinned"), default=False)
    mode = models.CharField(max_length=12, choices=Mode.choices, default=Mode.INDIVIDUAL)

    class Meta:
        ordering = ["-score", "id"]
        indexes = [models.Index(fields=["run", "status"])]
        verbose_name = _("proposal")

    def __str__(self) -> str:
        return f"{self.youth_id} ↔ {self.mentor_id}"


class Unmatched(UUIDModel):
    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="unmatched")
    youth = models.ForeignKey(
        "mentoring.Youth", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    mentor = models.ForeignKey(
        "mentoring.Mentor", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=30)
    message = models.CharField(max_length=300)  # the solver's own sentence, in English (API)

    class Meta:
        ordering = ["reason", "id"]

    def explanation(self) -> str:
        """Why this person was left unmatched, in the reader's language: the solver's reason
        code (and, when it names one, the hard constraint most often broken) told in words."""
        side = "youth" if self.youth_id else "mentor"
        sentence = str(UNMATCHED_REASONS.get((side, self.reason), _("No match was found.")))
        constraint = next(
            (key for key, text in CONSTRAINT_TEXT.items() if text in self.message), ""
        )
        if self.reason == "no_feasible_partner" and constraint in CONSTRAINT_LABELS:
            return str(
                _("%(sentence)s Most often: %(constraint)s.")
                % {"sentence": sentence, "constraint": CONSTRAINT_LABELS[constraint]}
            )
        return sentence


# The solver's reasons for leaving a person unmatched (solvers/pairs.py, `Unmatched.reason`), by
# side: the youth is the seeker, the mentor the provider.
UNMATCHED_REASONS = {
    ("youth", "no_feasible_partner"): _("No mentor meets the programme's requirements."),
    ("youth", "capacity"): _("Every compatible mentor already has as many youths as they can."),
    ("youth", "objective"): _(
        "Pairing with a free compatible mentor would lower the overall quality of the matches."
    ),
    ("mentor", "no_capacity"): _("This mentor can take no youth at present."),
    ("mentor", "no_feasible_partner"): _("No waiting youth meets the programme's requirements."),
    ("mentor", "capacity"): _("Every compatible youth is matched with someone else."),
    ("mentor", "objective"): _("Another set of matches suits the youths better."),
}
# The hard constraints the solver names (solvers/pairs.py, CONSTRAINT_TEXT), in words.
CONSTRAINT_LABELS = {
    "same_person": _("a person cannot be paired with themselves"),
    "excluded_pairs": _("the pair is excluded"),
    "previous_pairs": _("they were paired before"),
    "line_manager": _("they share a line manager (or one manages the other)"),
    "team": _("they are in the same team"),
    "required_language": _("a required language is not spoken"),
    "common_language": _("they have no common language"),
    "safeguarding": _("the mentor has not been cleared (safeguarding)"),
    "region": _("they are in different regions"),
    "allowed_pairs": _("the pair is not in the allowed list"),
}


class MatchQuerySet(models.QuerySet["Match"]):
    def open(self) -> "MatchQuerySet":
        return self.filter(status__in=Match.OPEN)


class Match(UUIDModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed (not yet introduced)")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        COMPLETED = "completed", _("Completed")
        ENDED_EARLY = "ended_early", _("Ended early")
        CLOSED = "closed", _("Closed before starting")

    OPEN = (Status.PROPOSED, Status.ACTIVE, Status.PAUSED)

    programme = models.ForeignKey(
        "mentoring.Programme", on_delete=models.CASCADE, related_name="matches"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    mode = models.CharField(_("kind"), max_length=12, choices=Mode.choices, default=Mode.INDIVIDUAL)
    mentors = models.ManyToManyField("mentoring.Mentor", related_name="matches")
    youths = models.ManyToManyField("mentoring.Youth", related_name="matches")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    score = models.FloatField(null=True, blank=True)
    breakdown = models.JSONField(default=list, blank=True)
    introduced_on = models.DateField(_("introduced on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    closure_reason = models.CharField(_("closure reason"), max_length=50, blank=True)
    closure_conversation_on = models.DateField(_("closure conversation on"), null=True, blank=True)
    closure_conversation = EncryptedTextField(_("closure conversation notes"), blank=True)
    last_contact_on = models.DateField(null=True, blank=True)
    # Set by retention.match_shared_data_purge once the agreement's days after the end are over.
    shared_data_purged_on = models.DateField(_("shared data erased on"), null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["programme", "status"])]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return str(_("Match %(id)s") % {"id": str(self.pk)[:8]})

    # Set by the pages on the matches they list: the name for their viewer (rules.match_name_for).
    shown_name: str

    def name_with(self, youths: Any) -> str:
        """The match named by its people ("Jumelage Lina M. – Paul R."), with the youths the
        viewer may see (`rules.match_name_for`): another agency's youth of a group match is
        never named. Reads prefetched `mentors__person`."""
        return self.name_message(youths).render()

    def name_message(self, youths: Any) -> Message:
        """`name_with` kept as words to translate when read (a notification's title)."""
        mentors = ", ".join(row.person.short_name for row in self.mentors.all())
        named = ", ".join(y.person.short_name for y in youths)
        if not named and not mentors:
            return lines(str(self))
        return msg("Match %(youths)s – %(mentors)s", youths=named or "…", mentors=mentors or "…")

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def _locked(self) -> "Match":
        return Match.objects.select_for_update(of=("self",)).get(pk=self.pk)

    def log(
        self, kind: str, *, by: Any = None, note: str = "", data: dict | None = None
    ) -> "MatchEvent":
        return MatchEvent.objects.create(match=self, kind=kind, by=by, note=note, data=data or {})

    @transaction.atomic
    def pause(self, *, reason: str, kind: str = "", by: Any = None) -> None:
        """Pause an active match (lifecycle.match_pause has read the reason: never a sanction)."""
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the pause.")})
        locked = self._locked()
        if locked.status != self.Status.ACTIVE:
            raise ValidationError(_("Only an active match can be paused."))
        self.status = self.Status.PAUSED
        self.save(update_fields=["status", "updated_at"])
        self.log("paused", by=by, note=reason, data={"kind": kind} if kind else None)

    @transaction.atomic
    def resume(self, *, by: Any = None) -> None:
        if self._locked().status != self.Status.PAUSED:
            raise ValidationError(_("Only a paused match can be resumed."))
        self.status = self.Status.ACTIVE
        self.save(update_fields=["status", "updated_at"])
        self.log("resumed", by=by)

    @transaction.atomic
    def close(
        self,
        *,
        reason: str,
        conversation_on: date | None,
        conversation: str,
        note: str = "",
        by: Any = None,
    ) -> None:
        """Close with a reason from the programme's list after a closure conversation.

        Seed 001: « le mentorat ne doit jamais être retiré pour sanctionner ou punir le jeune »: the
        texts were read before (lifecycle); completed and ended early are distinct outcomes.
        """
        errors: dict[str, Any] = {}
        entry = self.programme.reason(reason) if reason else None
        if not reason:
            errors["reason"] = _("Choose a closure reason from the programme's list.")
        elif entry is None:
            errors["reason"] = _("This is not one of the programme's closure reasons.")
        if conversation_on is None:
            errors["conversation_on"] = _(
                "Closing a match requires a closure conversation: give its date."
            )
        if not (conversation or "").strip():
            errors["conversation"] = _("Summarise the closure conversation.")
        if errors:
            raise ValidationError(errors)
        locked = self._locked()
        if locked.status not in (self.Status.ACTIVE, self.Status.PAUSED):
            raise ValidationError(_("Only an active or paused match can be closed."))
        assert entry is not None
        self.status = (
            self.Status.COMPLETED
            if self.programme.reason_outcome(reason) == "completed"
            else self.Status.ENDED_EARLY
        )
        self.closure_reason = reason
        self.closure_conversation_on = conversation_on
        self.closure_conversation = conversation
        self.ended_on = timezone.localdate()
        self.save()
        self.checkins.filter(done_on__isnull=True).delete()
        self.log("closed", by=by, note=note, data={"reason": reason, "outcome": self.status})

    @transaction.atomic
    def reopen(self, *, note: str = "", by: Any = None) -> None:
        if self._locked().status not in (self.Status.COMPLETED, self.Status.ENDED_EARLY):
            raise ValidationError(_("Only a closed match can be reopened."))
        previous = self.status
        self.status = self.Status.ACTIVE
        self.ended_on = None
        self.closure_reason = ""
        self.shared_data_purged_on = None  # a later end starts a new retention period
        self.save(
            update_fields=[
                "status",
                "ended_on",
                "closure_reason",
                "shared_data_purged_on",
                "updated_at",
            ]
        )
        self.log("reopened", by=by, note=note, data={"previous": previous})
        self.schedule_checkins(timezone.localdate())

    def schedule_checkins(self, start: date) -> None:
        """The next check-in (monthly by default) with each party: mentor, youth, guardian."""
        due = start + timedelta(days=self.programme.checkin_interval_days)
        parties = [CheckIn.Party.MENTOR, CheckIn.Party.YOUTH]
        if any(y.guardian_id for y in self.youths.all()):
            parties.append(CheckIn.Party.GUARDIAN)
        # a party with an open check-in keeps it: reopening never duplicates (issue 14)
        open_ = set(self.checkins.filter(done_on__isnull=True).values_list("party", flat=True))
        CheckIn.objects.bulk_create(
            CheckIn(match=self, party=p, due_on=due) for p in parties if p not in open_
        )


# What the match's history says of each event, in the reader's language (an unknown kind is shown
# as recorded).
EVENT_LABELS = {
    "proposed": _("Match proposed"),
    "youth_added": _("Youth added"),
    "mentor_added": _("Mentor added"),
    "introduced": _("Introduction"),
    "situation_placement": _("Change of placement"),
    "situation_situation": _("Change of situation"),
    "situation_adoption": _("Adoption"),
    "adoption_end_wished": _("After an adoption, the wish to end the mentoring"),
    "transferred": _("Move to another agency"),
    "handover_accepted": _("File handed over to the new agency"),
    "closure_proposed": _("Closure proposed"),
    "closure_withdrawn": _("Closure proposal withdrawn"),
    "safeguarding_review_opened": _("Safeguarding review opened"),
    "safeguarding_followed_up": _("Safeguarding review followed up"),
    "paused": _("Paused"),
    "resumed": _("Resumed"),
    "closed": _("Closed"),
    "reopened": _("Reopened"),
}


class MatchEvent(UUIDModel):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.kind

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))


class CheckIn(UUIDModel):
    class Party(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        YOUTH = "youth", _("Youth")
        GUARDIAN = "guardian", _("Foster parent / guardian")

    class Via(models.TextChoices):
        ACCOUNT = "account", _("by the party, signed in")
        LINK = "link", _("by the party, through the link sent to them")
        ON_BEHALF = "on_behalf", _("on the party's behalf, as they told it")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="checkins")
    party = models.CharField(_("with"), max_length=10, choices=Party.choices)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("how is the relationship going (1–5)"), null=True, blank=True
    )
    meets_regularly = models.BooleanField(_("meeting regularly"), null=True, blank=True)
    note = EncryptedTextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # How the answers came in: the party themselves (their account or the signed link e-mailed to
    # them), or staff writing down what the party told them (issue 14: each party's own view).
    recorded_via = models.CharField(
        _("recorded through"), max_length=10, choices=Via.choices, blank=True
    )
    told_by = models.CharField(_("as told by"), max_length=100, blank=True)
    link_sent_at = models.DateTimeField(_("link sent at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "party"]
        indexes = [models.Index(fields=["match", "done_on"])]
        # One open check-in per party, whatever races the scheduler (issue 14: reopening a
        # match duplicated them); schedule_checkins skips a party that has one.
        constraints = [
            models.UniqueConstraint(
                fields=["match", "party"],
                condition=models.Q(done_on__isnull=True),
                name="one_open_checkin_per_party",
            )
        ]
        verbose_name = _("check-in")

    def __str__(self) -> str:
        return f"{self.get_party_display()} — {shown_date(self.due_on)}"


class ContactLog(UUIDModel):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        OUTING = "outing", _("Outing")
        CALL = "call", _("Call")
        MESSAGE = "message", _("Message")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    arranged_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentoring_contacts_arranged",
        verbose_name=_("arranged with (foster parent / guardian)"),
    )
    place = models.CharField(_("where / what"), max_length=200, blank=True)
    note = EncryptedTextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        verbose_name = _("contact")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {shown_date(self.happened_on)}"


class ProgressNote(UUIDModel):
    """A note on the youth's progress: it goes into the youth's file (seed 001: « notez tous les
    progrès dans le dossier du jeune »). In a group match a note is about one youth (read by that
    youth's agency) or about the group (`youth` empty): one record, read by the programme's staff
    and by the agencies it is explicitly `shared_with` — never copied into every youth's file."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="progress_notes")
    youth = models.ForeignKey(
        "mentoring.Youth",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="progress_notes",
    )
    shared_with = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("shared with the agencies"),
    )
    text = EncryptedTextField(_("progress"))
    author = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("progress note")

    def __str__(self) -> str:
        return shown_date(self.created_at)


class MatchAlert(UUIDModel):
    class Kind(models.TextChoices):
        NO_CONTACT = "no_contact", _("No contact for too long")
        CHECKIN_OVERDUE = "checkin_overdue", _("Check-in overdue")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "kind"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_alert_per_kind",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
