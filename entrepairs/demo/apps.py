from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and benchmark data: `manage.py load_demo`. No models of its own."""

    name = "entrepairs.demo"
    label = "demo"
    verbose_name = _("Demo data")
