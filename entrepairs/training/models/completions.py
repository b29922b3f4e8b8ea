"""Completions: a person completed a module on a day; a renewal is a newer completion."""

from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.dates import shown_date
from entrepairs.core.models import UUIDModel

from .catalogue import TrainingModule


class TrainingCompletion(UUIDModel):
    """A person completed a module on a day (at a session, or recorded by hand)."""

    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="completions")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="training_completions"
    )
    session = models.ForeignKey(
        "training.TrainingSession",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completions",
    )
    completed_on = models.DateField(_("completed on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    # The day the expiry alert went out (the person and their coordinators): sent once.
    alerted_on = models.DateField(_("expiry alert sent on"), null=True, blank=True)

    class Meta:
        ordering = ["-completed_on"]
        indexes = [models.Index(fields=["person", "module", "completed_on"])]
        verbose_name = _("training completion")

    def __str__(self) -> str:
        return f"{self.module} — {shown_date(self.completed_on)}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.expires_on is None:
            self.expires_on = self.module.expiry_for(self.completed_on)
        super().save(*args, **kwargs)

    def valid_on(self, day: date) -> bool:
        return self.completed_on <= day and (self.expires_on is None or self.expires_on >= day)
