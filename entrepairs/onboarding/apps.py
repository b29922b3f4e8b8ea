from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "entrepairs.onboarding"
    label = "onboarding"
    verbose_name = _("Onboarding")
