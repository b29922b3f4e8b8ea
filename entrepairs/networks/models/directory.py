"""A member's entry in their network's directory: for each contact detail, with whom they share
it (issue 16 point 2). Nothing is shared until the member chooses (every audience starts at
"nobody"); the member changes it at any time."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel

from .network import NetworkMember


class Audience(models.TextChoices):
    """Who sees a detail, from the narrowest circle to the widest: a wider circle includes the
    narrower one (what the network sees, the people of my groups see too)."""

    NOBODY = "nobody", _("Nobody")
    GROUP = "group", _("People who share a group with me")
    NETWORK = "network", _("The network's members")


# The details a member may share, in the order the pages show them: (key, label). The key names
# the profile's `<key>_audience` column and the value a directory entry shows.
DIRECTORY_FIELDS: list[tuple[str, Any]] = [
    ("email", _("E-mail")),
    ("phone", _("Phone")),
    ("organisation", _("Organisation")),
    ("profession", _("Profession")),
    ("region", _("Region")),
    ("languages", _("Languages")),
    ("experience", _("Years of experience")),
    ("presentation", _("Short presentation")),
]
FIELD_KEYS = [key for key, _label in DIRECTORY_FIELDS]
PRESENTATION_MAX = 1000


def _audience(label: Any) -> models.CharField:
    return models.CharField(label, max_length=10, choices=Audience.choices, default=Audience.NOBODY)


class DirectoryProfile(UUIDModel):
    """What one member shares in one network's directory, and with whom. No row: nothing is
    shared."""

    member = models.OneToOneField(
        NetworkMember,
        verbose_name=_("network member"),
        on_delete=models.CASCADE,
        related_name="directory_profile",
    )
    presentation = models.TextField(
        _("short presentation"), max_length=PRESENTATION_MAX, blank=True
    )
    email_audience = _audience(_("e-mail shared with"))
    phone_audience = _audience(_("phone shared with"))
    organisation_audience = _audience(_("organisation shared with"))
    profession_audience = _audience(_("profession shared with"))
    region_audience = _audience(_("region shared with"))
    languages_audience = _audience(_("languages shared with"))
    experience_audience = _audience(_("experience shared with"))
    presentation_audience = _audience(_("presentation shared with"))

    class Meta:
        verbose_name = _("directory profile")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{key}_audience__in": Audience.values}),
                name=f"directory_{key}_audience_valid",
            )
            for key in FIELD_KEYS
        ]

    def __str__(self) -> str:
        return str(self.member)

    def audiences(self) -> dict[str, str]:
        return {key: getattr(self, f"{key}_audience") for key in FIELD_KEYS}

    def clean(self) -> None:
        errors: dict[str, Any] = {
            key: _("Choose who sees it: nobody, the people of my groups or the network.")
            for key, value in self.audiences().items()
            if value not in Audience.values
        }
        if len(self.presentation) > PRESENTATION_MAX:
            errors["presentation"] = _("The presentation is at most %(max)d characters long.") % {
                "max": PRESENTATION_MAX
            }
        if errors:
            raise ValidationError(errors)
