from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Staff and volunteer training: catalogue, sessions, requirements per role, completions.

    Used by mentoring (mentor screening) and, through `selectors.missing_requirements`, by any
    module that needs to know whether someone may hold a role. Training imports no module app;
    the modules import training."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "entrepairs.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from .link_targets import register as register_link_targets

        register_link_targets()
        from entrepairs.core import audit

        from . import models, rules  # noqa: F401 - registers the permission rules

        for model in (
            models.TrainingModule,
            models.TrainingCompletion,
            models.TrainingSession,
            models.RoleRequirement,
        ):
            audit.register(model)
        from .audit_names import register as register_names

        register_names()
