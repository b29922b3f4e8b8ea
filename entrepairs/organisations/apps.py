from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "entrepairs.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from entrepairs.core import audit

        from .models import Membership, Organisation, RoleRequest, Site, Team

        for model in (Organisation, Site, Team, Membership, RoleRequest):
            audit.register(model)
        from .audit_names import register as register_names

        register_names()
