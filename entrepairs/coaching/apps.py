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
        from .link_targets import register as register_link_targets

        register_link_targets()
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
        # The trail names an offer or a request by its person, a pairing by its pair, a meeting
        # by its pairing (who coaches whom is known to the coordinators who read the trail; notes
        # and feedback stay out of it). The scheme is named by its organisation.
        names, find = audit.by_field(models.CoachingScheme, "organisation__name")
        audit.register_names(models.CoachingScheme, names, find=find)
        for model in (models.CoachOffer, models.CoachRequest):
            audit.register_names(model, audit.by_text(model, related=("person",)))
        pairings = audit.by_text(models.CoachPairing, related=("coach", "tutor"))
        audit.register_names(models.CoachPairing, pairings)
        audit.register_names(
            models.CoachingMeeting, audit.through(models.CoachingMeeting, "pairing", pairings)
        )
        from entrepairs.people.models import HALF_DAYS
        from entrepairs.people.models.person import half_day_label

        audit.register_labels(
            audit.field_vocabulary(models.CoachOffer, "availability"),
            lambda: {h: half_day_label(h) for h in HALF_DAYS},
        )
