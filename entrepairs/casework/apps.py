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

        for model in (m.MemberProfile, m.Leave, m.AllocationProposal, m.ProposedMove):
            audit.register(model)
        # A child's file is confidential: reads are audited through record_access.
        for sensitive in (m.Case, m.Placement, m.CaseEvent):
            audit.register(sensitive, sensitive=True)
        # Incidents and care plans (points 7 and 9): confidential, reads audited.
        for care_model in (m.Incident, m.IncidentAction, m.CarePlan, m.CarePlanDecision):
            audit.register(care_model, sensitive=True)
