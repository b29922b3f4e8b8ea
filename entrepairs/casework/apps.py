from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "entrepairs.casework"
    label = "casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        from .link_targets import register as register_link_targets

        register_link_targets()
        from entrepairs.core import audit

        from . import models as m
        from . import rules  # noqa: F401 - registers the permissions

        # The reasons a read of a child's file relied on (rules.case_access_reason...).
        audit.register_labels(
            "access_reason",
            {
                rules.REASON_CORE_TEAM: _("member of the child's core team"),
                rules.REASON_EXPERT: _("expert advice asked"),
                "audit": _("an audit"),
            },
        )
        for model in (m.MemberProfile, m.Leave, m.CaseworkSettings):
            audit.register(model)
        # A child's file is confidential to the core team: reads are audited through
        # record_access, and the trail (read by coordinators) names no child and shows no value.
        for circle in (m.AllocationProposal, m.ProposedMove, m.LeaveCover):
            audit.register(circle, circle=True)
        for sensitive in (m.Case, m.CaseEvent, m.CaseContact):
            audit.register(sensitive, sensitive=True, circle=True)
        # decisions: configuration tracked; checks, decisions and advice are confidential.
        for setting in (m.RiskFactor, m.DecisionType):
            audit.register(setting)
        for confidential in (m.SafetyCheck, m.Decision, m.AdviceRequest):
            audit.register(confidential, sensitive=True, circle=True)
        # Incidents and care plans (points 7 and 9): confidential, reads audited.
        for care_model in (m.Incident, m.IncidentAction, m.CarePlan, m.CarePlanDecision):
            audit.register(care_model, sensitive=True, circle=True)
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
        for team_confidential in team_sensitive:
            audit.register(team_confidential, sensitive=True, circle=True)
        from .audit_names import register as register_names

        register_names()
