"""Issue 15 §7: every model the audit trail records is named by a function of its app
(core.audit.register_names), so the trail never falls back on a model's __str__ (« … @ … ») or
a hexadecimal reference for a record that can be named. The models below still read their
stored name: the list only shrinks (a new audited model needs its namer)."""

from auditlog.registry import auditlog

from entrepairs.core.audit import RECORD_NAMES

# Debt, issue 15 §7: audited models still named by their stored __str__ (to be given a namer).
STILL_STORED_NAME = {
    "casework.AdviceRequest",
    "casework.CarePlanDecision",
    "casework.Incident",
    "casework.IncidentAction",
    "casework.AllocationProposal",
    "casework.Attendance",
    "casework.AuditAction",
    "casework.CaseworkSettings",
    "casework.DecisionType",
    "casework.Leave",
    "casework.Meeting",
    "casework.MeetingAction",
    "casework.MemberProfile",
    "casework.PeerRating",
    "casework.Policy",
    "casework.PolicyAcknowledgement",
    "casework.ReviewIndicator",
    "casework.RiskFactor",
    "casework.TeamTopic",
    "contracts.Contract",
    "contracts.InvoiceLine",
    "contracts.PriceGrid",
    "groups.Attendance",
    "groups.Charter",
    "groups.Group",
    "groups.GroupMember",
    "groups.Session",
    "groups.SessionNote",
    "groups.Situation",
    "mentoring.CheckIn",
    "mentoring.Closure",
    "mentoring.Consent",
    "mentoring.ContactLog",
    "mentoring.Mentor",
    "mentoring.Programme",
    "mentoring.ProgressNote",
    "mentoring.SafeguardingReview",
    "mentoring.ScreeningStep",
    "mentoring.SharingAgreement",
    "mentoring.SituationChange",
    "mentoring.Transfer",
    "mentoring.Youth",
    "networks.Network",
    "networks.NetworkMember",
    "networks.NetworkOrganisation",
    "onboarding.ClosingReview",
    "onboarding.Competency",
    "onboarding.CompetencyObservation",
    "onboarding.FeedbackEntry",
    "onboarding.Introduction",
    "onboarding.Journey",
    "onboarding.JourneyTask",
    "onboarding.KitCheck",
    "onboarding.KitItem",
    "onboarding.OrgContact",
    "onboarding.Reminder",
    "onboarding.ShadowingSession",
    "onboarding.Support",
    "onboarding.Template",
    "onboarding.TemplateReminder",
    "onboarding.TemplateTask",
    "onboarding.TemplateVersion",
    "onboarding.TutorProfile",
    "organisations.Organisation",
    "organisations.RoleRequest",
    "organisations.Site",
    "organisations.Team",
    "people.Person",
    "people.Placement",
    "training.RoleRequirement",
    "training.TrainingCompletion",
    "training.TrainingModule",
    "training.TrainingSession",
}


def test_every_audited_model_has_a_namer() -> None:
    missing = {
        m._meta.label
        for m in auditlog.get_models()
        if m not in RECORD_NAMES and m._meta.label not in STILL_STORED_NAME
    }
    assert not missing, f"audited models without a namer (core.audit.register_names): {missing}"


def test_the_debt_list_only_lists_models_still_without_a_namer() -> None:
    named = {m._meta.label for m in RECORD_NAMES}
    audited = {m._meta.label for m in auditlog.get_models()}
    assert not (STILL_STORED_NAME & named), STILL_STORED_NAME & named
    assert audited >= STILL_STORED_NAME, STILL_STORED_NAME - audited
