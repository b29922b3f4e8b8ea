from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "entrepairs.mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        from .link_targets import register as register_link_targets

        register_link_targets()
        from entrepairs.core import audit

        from . import models, rules  # noqa: F401 - registers the permission rules
        from .training import connect

        connect()
        # The guardian role follows the child's current family, whoever records the move.
        from entrepairs.people.placements import placement_changed

        from .family import follow_placement

        placement_changed.connect(follow_placement, dispatch_uid="mentoring:follow_placement")

        for model in (
            models.Mentor,
            models.ScreeningStep,
            models.Youth,
            models.SituationChange,
            models.Match,
            models.CheckIn,
            models.ContactLog,
            models.ProgressNote,
            models.Consent,
            models.Transfer,
            models.Closure,
            models.SafeguardingReview,
        ):
            audit.register(model, sensitive=True)
        for plain in (
            models.Programme,
            models.SharingAgreement,
        ):
            audit.register(plain)
        from .audit_labels import register

        register()
