from django.urls import path

from .views import allocation as a
from .views import care as k
from .views import cases as c
from .views import reports as r
from .views import team as w
from .views import teams as t

app_name = "casework"
urlpatterns = [
    path("", t.home, name="home"),
    path("teams/<uuid:pk>/", t.team_detail, name="team"),
    path("teams/<uuid:pk>/members/<uuid:person_pk>/", t.member_profile, name="member"),
    path("teams/<uuid:pk>/members/<uuid:person_pk>/leave/", t.leave_add, name="leave_add"),
    path("teams/<uuid:pk>/cases/", c.case_list, name="cases"),
    path("teams/<uuid:pk>/cases/new/", c.case_new, name="case_new"),
    path("teams/<uuid:pk>/propose/", a.propose, name="propose"),
    path("cases/<uuid:pk>/", c.case_detail, name="case"),
    path("cases/<uuid:pk>/edit/", c.case_edit, name="case_edit"),
    path("cases/<uuid:pk>/placement/", c.placement_add, name="placement_add"),
    path("cases/<uuid:pk>/guardian/", c.case_assign, name="case_assign"),
    path("cases/<uuid:pk>/close/", c.case_close, name="case_close"),
    path("proposals/<uuid:pk>/", a.proposal_detail, name="proposal"),
    path("proposals/<uuid:pk>/confirm/", a.proposal_confirm, name="proposal_confirm"),
    path("proposals/<uuid:pk>/discard/", a.proposal_discard, name="proposal_discard"),
    path("reports/", r.reports_home, name="reports"),
    path("teams/<uuid:pk>/reports/", r.team_reports, name="team_reports"),
]

# decisions: safety checks and key decisions with mandatory expert advice (issue 12, 6 and 8)
from .views import decisions as d  # noqa: E402

urlpatterns += [
    path("cases/<uuid:pk>/safety-check/new/", d.safety_schedule, name="safety_schedule"),
    path("safety-checks/<uuid:pk>/", d.safety_check, name="safety_check"),
    path("cases/<uuid:pk>/decision/new/", d.decision_new, name="decision_new"),
    path("cases/<uuid:pk>/placement-change/", d.placement_change, name="placement_change"),
    path("decisions/<uuid:pk>/", d.decision_detail, name="decision"),
    path("decisions/<uuid:pk>/advice/", d.advice_ask, name="advice_ask"),
    path("decisions/<uuid:pk>/decide/", d.decision_decide, name="decision_decide"),
    path("advice/<uuid:pk>/", d.advice_give, name="advice_give"),
    path("expert/", d.expert_inbox, name="expert_inbox"),
    path("settings/decisions/", d.decision_settings, name="decision_settings"),
    # care: incidents and care plans (issue 12, points 7 and 9)
    path("teams/<uuid:pk>/incidents/", k.incident_list, name="incidents"),
    path("teams/<uuid:pk>/incidents/new/", k.incident_new, name="incident_new"),
    path("teams/<uuid:pk>/incident-trends/", k.incident_trends, name="incident_trends"),
    path("incidents/<uuid:pk>/", k.incident_detail, name="incident"),
    path("incidents/<uuid:pk>/analyse/", k.incident_analyse, name="incident_analyse"),
    path("incidents/<uuid:pk>/action/", k.incident_action_add, name="incident_action_add"),
    path("incidents/<uuid:pk>/concern/", k.incident_concern, name="incident_concern"),
    path("incidents/<uuid:pk>/close/", k.incident_close, name="incident_close"),
    path("incident-actions/<uuid:pk>/done/", k.incident_action_done, name="incident_action_done"),
    path("cases/<uuid:pk>/care-plan/", k.care_plan, name="care_plan"),
    path("care-plans/<uuid:pk>/", k.care_plan_version, name="care_plan_version"),
    path("care-plans/<uuid:pk>/submit/", k.care_plan_submit, name="care_plan_submit"),
    path("care-plans/<uuid:pk>/approve/", k.care_plan_approve, name="care_plan_approve"),
    path("care-plans/<uuid:pk>/return/", k.care_plan_return, name="care_plan_return"),
    # team: meetings, peer review, policies, audits (points 10-12)
    path("teams/<uuid:pk>/meetings/", w.meetings, name="meetings"),
    path("teams/<uuid:pk>/topics/", w.topic_add, name="topic_add"),
    path("teams/<uuid:pk>/trends/", w.trends, name="trends"),
    path("teams/<uuid:pk>/audits/", w.audits, name="audits"),
    path("meetings/<uuid:pk>/", w.meeting_detail, name="meeting"),
    path("meetings/<uuid:pk>/agenda/", w.meeting_refresh, name="meeting_refresh"),
    path("meetings/<uuid:pk>/minutes/", w.meeting_minutes, name="meeting_minutes_save"),
    path("meetings/<uuid:pk>/attendance/", w.meeting_attendance, name="meeting_attendance"),
    path("meetings/<uuid:pk>/actions/", w.meeting_action, name="meeting_action"),
    path("cases/<uuid:pk>/peer-review/", w.peer_review_new, name="peer_review_new"),
    path("peer-reviews/", w.peer_reviews, name="peer_reviews"),
    path("peer-reviews/<uuid:pk>/", w.peer_review_detail, name="peer_review"),
    path("peer-reviews/<uuid:pk>/answer/", w.peer_review_answer, name="peer_review_answer"),
    path("indicators/", w.indicators, name="indicators"),
    path("policies/", w.policies, name="policies"),
    path("policies/<uuid:pk>/", w.policy_detail, name="policy"),
    path("policies/<uuid:pk>/acknowledge/", w.policy_acknowledge, name="policy_acknowledge"),
    path("audits/<uuid:pk>/", w.audit_detail, name="audit"),
    path("audits/<uuid:pk>/findings/", w.audit_finding, name="audit_finding"),
    path("audits/<uuid:pk>/actions/", w.audit_action, name="audit_action"),
]

# -- leave cover and continuity (issue 12, points 4 and 5) ------------------------------------
from .views import leave as lv  # noqa: E402

urlpatterns += [
    path("leaves/<uuid:pk>/", lv.leave_detail, name="leave"),
    path("leaves/<uuid:pk>/plan/", lv.leave_plan, name="leave_plan"),
    path("leaves/<uuid:pk>/replacement/", lv.leave_replacement, name="leave_replacement"),
    path("leaves/<uuid:pk>/approve/", lv.leave_approve, name="leave_approve"),
    path("teams/<uuid:pk>/continuity/", lv.continuity, name="continuity"),
    path("cases/<uuid:pk>/contacts/", lv.contact_add, name="contact_add"),
    path("threshold/", lv.threshold, name="threshold"),
]
