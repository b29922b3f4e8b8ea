from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "entrepairs.casework"
    label = "casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        from entrepairs.core import audit

        from . import models as m
        from . import rules  # noqa: F401 - registers the permissions

        for model in (
            m.MemberProfile,
            m.Leave,
            m.AllocationProposal,
            m.ProposedMove,
            m.LeaveCover,
            m.CaseworkSettings,
        ):
            audit.register(model)
        # A child's file is confidential: reads are audited through record_access.
        for sensitive in (m.Case, m.Placement, m.CaseEvent, m.CaseContact):
            audit.register(sensitive, sensitive=True)
