"""An event hosted by a network or an organisation, the people registered to it (or waiting for a
seat), and their feedback afterwards."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from entrepairs.core.crypto import EncryptedTextField
from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel


class Kind(models.TextChoices):
    TRAINING = "training", _("Training")
    MEETING = "meeting", _("Meeting")
    DINNER = "dinner", _("Dinner")
    WEBINAR = "webinar", _("Webinar")


class Event(UUIDModel):
    """A training, meeting, dinner or webinar (seed 000: the Veneto network's trainings, meetings
    and dinners). Hosted by exactly one network or one organisation; its organisers are the
    network's organisers or the organisation's coordinators (rules.py), never stored here."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    description = models.TextField(_("description"), blank=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    # Seats for experienced tutors invited to meet the newcomers (seed 000: the first training of
    # new tutors is where they meet experienced ones); not counted in `capacity`.
    experienced_seats = models.PositiveIntegerField(
        _("seats for experienced tutors"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    # A training event held as a session of the training catalogue: registering enrols in the
    # session, the attendance records the session's (training_events.py). Events import
    # training; training knows nothing of events.
    training_session = models.OneToOneField(
        "training.TrainingSession",
        verbose_name=_("training session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        constraints = [
            models.CheckConstraint(
                condition=(Q(network__isnull=False) & Q(organisation__isnull=True))
                | (Q(network__isnull=True) & Q(organisation__isnull=False)),
                name="event_one_host",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="event_starts_idx")]

    def __str__(self) -> str:
        return f"{self.title} — {shown_date(self.starts_at)}"

    @property
    def host(self) -> object:
        return self.network if self.network_id else self.organisation

    @property
    def host_organisation_id(self) -> object:
        """The organisation a notification about this event concerns (a network's founder)."""
        if self.organisation_id:
            return self.organisation_id
        return self.network.organisation_id if self.network else None


class Registration(UUIDModel):
    """A person's place at an event: registered, waiting for a seat (in the order they joined the
    list) or cancelled; after the event, whether they attended."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # When the person (last) registered or joined the waiting list: the list's order.
    joined_at = models.DateTimeField(_("joined at"))
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("registration")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["event", "status", "joined_at"], name="event_reg_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"


class Feedback(UUIDModel):
    """An attendee's short opinion after the event: a rating from 1 to 5 and a comment (read by
    the organisers only, encrypted at rest)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="feedback"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = EncryptedTextField(_("comment"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_feedback_per_person"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"


class ExperiencedTutorSeat(UUIDModel):
    """An experienced tutor (a coach open to new tutors) invited to an event to meet the new
    tutors, on the event's own list of seats for them (`Event.experienced_seats`)."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="experienced_tutors",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("experienced tutor"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    invited_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("experienced tutor's seat")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_experienced_seat")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"
