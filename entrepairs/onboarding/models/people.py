"""Who holds the organisation-wide roles (HR, IT, a welcoming colleague) and the tutors' profiles."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.french import labelled
from entrepairs.core.models import UUIDModel

from .choices import CONTACT_ROLES, OwnerRole


class OrgContact(UUIDModel):
    """The person a role like HR or IT resolves to when a journey starts."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="onboarding_contacts",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=[(r.value, r.label) for r in CONTACT_ROLES]
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )

    class Meta:
        ordering = ["role", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role", "person"], name="onboarding_unique_contact"
            )
        ]
        verbose_name = _("onboarding contact")
        verbose_name_plural = _("onboarding contacts")

    def __str__(self) -> str:
        return labelled(OwnerRole(self.role).label, self.person)


class TutorProfile(UUIDModel):
    """Tutors are trained (seed 002: 'former les tuteurs') and have time allocated to tutoring."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="tutor_profile",
        verbose_name=_("tutor"),
    )
    trained = models.BooleanField(_("trained in tutoring"), default=False)
    trained_on = models.DateField(_("trained on"), null=True, blank=True)
    allocated_hours = models.PositiveSmallIntegerField(
        _("time allocated to tutoring (hours per week)"), default=4
    )

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("tutor profile")
        verbose_name_plural = _("tutor profiles")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def organisation_id(self) -> Any:
        return self.person.organisation_id
