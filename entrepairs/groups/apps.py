from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "entrepairs.groups"
    label = "groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        from entrepairs.core import audit

        from . import models

        # Situations and notes are confidential: reads are audited too (record_access).
        audit.register(models.Situation, sensitive=True)
        audit.register(models.SessionNote, sensitive=True)
        for model in (
            models.Group,
            models.GroupMember,
            models.Charter,
            models.Session,
            models.Attendance,
        ):
            audit.register(model)
