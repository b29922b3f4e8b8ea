from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "entrepairs.groups"
    label = "groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        from .link_targets import register as register_link_targets

        register_link_targets()
        from entrepairs.core import audit
        from entrepairs.people.signals import line_manager_changed

        from . import chart_changes, models

        # A new line manager may seat the hierarchy in a group: warn and tell the coordinators.
        line_manager_changed.connect(
            chart_changes.on_line_manager_changed, dispatch_uid="groups:hierarchy-warnings"
        )

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
        from .audit_names import register as register_names

        register_names()
