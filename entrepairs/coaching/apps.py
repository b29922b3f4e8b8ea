from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    """Coach pairing (issue 16 point 5): experienced tutors volunteer as coaches, new tutors ask
    for one, the matching engine proposes pairs with reasons, both confirm, meetings are logged,
    a pairing ends with feedback from both; tutors waiting too long are flagged."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "entrepairs.coaching"
    label = "coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        from entrepairs.core import audit
        from entrepairs.events.training_events import register_experienced_tutor_source

        from . import models, notification_kinds, pickers, rules  # noqa: F401 - registers them
        from .selectors import experienced_tutor_ids

        # The first training of new tutors invites experienced tutors: coaches open to new ones.
        register_experienced_tutor_source(experienced_tutor_ids)

        for model in (
            models.CoachingScheme,
            models.CoachOffer,
            models.CoachRequest,
            models.CoachPairing,
            models.CoachingMeeting,
        ):
            audit.register(model)
        # The trail names a record by its organisation's name only (people are the entry's actor
        # or subject already; notes and feedback stay out of it).
        for model, field in (
            (models.CoachingScheme, "organisation__name"),
            (models.CoachOffer, "organisation__name"),
            (models.CoachRequest, "organisation__name"),
            (models.CoachPairing, "organisation__name"),
            (models.CoachingMeeting, "pairing__organisation__name"),
        ):
            names, find = audit.by_field(model, field)
            audit.register_names(model, names, find=find)
