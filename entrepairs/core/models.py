"""Shared base models and the in-app notifications inbox."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .links import absolute_url


class UUIDModel(models.Model):
    """Ids in URLs and the API are random UUIDs, never guessable sequential integers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        """Called by django-auditlog: tag each entry with its tenant so each organisation reads its own trail."""
        org_id = (
            self.pk
            if self._meta.model_name == "organisation"
            else getattr(self, "organisation_id", None)
        )
        return {"organisation": str(org_id)} if org_id else {}


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> "NotificationQuerySet":
        """Still waiting for its reader: neither read nor done (an action completed elsewhere
        leaves nothing to do; it shows with the read ones, marked done)."""
        return self.filter(read_at__isnull=True, done_at__isnull=True)


class Notification(UUIDModel):
    """A message in a user's inbox; e-mail copies are sent by the task worker."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # The organisation the message concerns: a token scoped to one organisation reads only its
    # own (issue 10). Empty for a platform-wide message, which only a session reads.
    # Named by string: core imports no domain app.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    # The inbox's headline, which may name the person concerned ("Lina M."): never e-mailed
    # (DECISIONS.md "Confidentiality"). Empty: the subject is the headline.
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    # What happened (core.notifications.KINDS): the inbox gathers many of one kind.
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    # The texts as msgids and parameters ({"subject": {"id": ..., "params": {...}}, ...}), worded
    # in the reader's language when shown (core.notifications.shown). The columns above keep the
    # French wording: a fallback, and all an older notification has.
    texts = models.JSONField(_("texts"), default=dict, blank=True)
    # The record the notification is about ("casework.decision:<uuid>", core.notifications.
    # about_key): the key by which the service that does what it asks resolves it (issue 15: the
    # link alone does not say, many kinds link to a list page). Empty when it asks for nothing.
    about = models.CharField(_("about"), max_length=120, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # When what it asked was done, by its reader or anyone else (core.notifications.resolve):
    # the inbox shows it as done, with no call to act. Apart from read_at: the reader may not
    # have seen it yet, and learns that it was handled.
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "kind", "read_at"]),
            models.Index(fields=["kind", "about"], name="core_notif_kind_about"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject

    # The texts in the active language (core.notifications renders them: one home).
    @property
    def shown_subject(self) -> str:
        from .notification_texts import shown

        return shown(self, "subject")

    @property
    def shown_title(self) -> str:
        from .notification_texts import shown

        return shown(self, "title")

    @property
    def shown_body(self) -> str:
        from .notification_texts import shown

        return shown(self, "body")

    @property
    def headline(self) -> str:
        """The line the inbox shows: the title when there is one, else the subject."""
        return self.shown_title or self.shown_subject

    def email_text(self) -> tuple[str, str]:
        """The subject and text of this notification's e-mail, in the recipient's language (the
        platform's, French, unless they chose another): its body, then the link to follow
        (DECISIONS: a short subject and a link; the body never carries confidential text)."""
        from django.utils import translation

        from .notification_texts import language_of

        with translation.override(language_of(self.recipient)):
            subject, text = self.shown_subject, self.shown_body.strip()
        if self.link:
            text += "\n\n" + absolute_url(self.link)
        return f"[Entrepairs] {subject}", text + "\n"

    @property
    def asks_to_act(self) -> bool:
        """Whether it still asks its reader to act: of an actionable kind and not done."""
        from .kinds import KINDS

        kind = KINDS.get(self.kind)
        return kind is not None and kind.actionable and self.done_at is None

    def mark_read(self) -> None:
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at", "updated_at"])


class PeriodicTick(models.Model):
    """One row per recurring job per tick: the claim that makes each tick run once (core.scheduling)."""

    job = models.CharField(max_length=200)
    tick = models.DateTimeField()
    enqueued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "tick"], name="one_run_per_tick")]
        verbose_name = _("recurring job run")
        verbose_name_plural = _("recurring job runs")

    def __str__(self) -> str:
        return f"{self.job} @ {self.tick:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """Written by the periodic heartbeat task; /healthz reads the latest."""

    worker = models.CharField(max_length=100, primary_key=True)
    beat_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker} @ {self.beat_at:%H:%M:%S}"


class JobLease(models.Model):
    """The running job's sign of life, refreshed by its worker every few seconds (core.jobs).

    One row per job result while it runs; a job whose lease is older than
    JOB_HEARTBEAT_TIMEOUT lost its worker and is queued again or failed (core.jobs.sweep)."""

    result_id = models.UUIDField(primary_key=True)
    worker = models.CharField(max_length=100)
    attempt = models.PositiveIntegerField(default=1)
    beat_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("running job lease")
        verbose_name_plural = _("running job leases")

    def __str__(self) -> str:
        return f"{self.result_id} ({self.worker}) @ {self.beat_at:%H:%M:%S}"


class Delivery(models.Model):
    """A message a job sent, by a key naming what and to whom (core.jobs.once): a job run twice
    (a retry, a worker that died after sending) sends each message once."""

    key = models.CharField(max_length=64, primary_key=True)  # sha256 of the job's own key
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("message sent by a job")
        verbose_name_plural = _("messages sent by jobs")

    def __str__(self) -> str:
        return f"{self.key[:12]}… @ {self.sent_at:%Y-%m-%d %H:%M}"
