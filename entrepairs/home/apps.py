from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The signed-in person's landing page, which gathers what the domain apps have for them."""

    name = "entrepairs.home"
    label = "home"
    verbose_name = _("Home")
