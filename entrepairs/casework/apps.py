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
        # Team work (points 10-12): confidential text encrypted, reads of reviews audited.
        team_models: list[type] = [
            m.Policy,
            m.PolicyAcknowledgement,
            m.ReviewIndicator,
            m.MeetingAction,
            m.AuditAction,
            m.Attendance,
            m.PeerRating,
        ]
        for team_model in team_models:
            audit.register(team_model)
        team_sensitive: list[type] = [m.Meeting, m.TeamTopic, m.PeerReview, m.Audit, m.AuditFinding]
        for confidential in team_sensitive:
            audit.register(confidential, sensitive=True)
