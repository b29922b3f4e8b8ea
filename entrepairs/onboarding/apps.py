from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "entrepairs.onboarding"
    label = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self) -> None:
        from .link_targets import register as register_link_targets

        register_link_targets()
        from entrepairs.core import audit

        from . import models as m

        for model in (
            m.Template,
            m.TemplateVersion,
            m.TemplateTask,
            m.KitItem,
            m.Competency,
            m.Support,
            m.TemplateReminder,
            m.OrgContact,
            m.TutorProfile,
            m.Journey,
            m.JourneyTask,
            m.KitCheck,
            m.Introduction,
            m.Reminder,
        ):
            audit.register(model)
        # Evaluations are confidential: reads are audited through record_access.
        for sensitive in (
            m.CompetencyObservation,
            m.ShadowingSession,
            m.FeedbackEntry,
            m.ClosingReview,
        ):
            audit.register(sensitive, sensitive=True)
        from .audit_names import register as register_names

        register_names()
