from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "entrepairs.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from entrepairs.core import audit

        from .models import Person

        audit.register(Person, sensitive=True)
