"""Requirements: which modules a role must have completed in an organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel
from entrepairs.organisations.models import Role

from .catalogue import TrainingModule


class RoleRequirement(UUIDModel):
    """Whoever holds `role` in the module's organisation must have a valid completion of it."""

    module = models.ForeignKey(
        TrainingModule,
        verbose_name=_("training module"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )

    class Recurrence(models.IntegerChoices):
        YEARLY = 12, _("Every year")
        TWO_YEARS = 24, _("Every two years")

    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    recurrence_months = models.PositiveSmallIntegerField(
        _("renewal"),
        choices=Recurrence.choices,
        null=True,
        blank=True,
        help_text=_("Empty: completed once."),
    )

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["module", "role"], name="unique_training_requirement")
        ]
        verbose_name = _("training requirement")

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.module}"
