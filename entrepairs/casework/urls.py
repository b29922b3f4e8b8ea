from django.urls import path

from .views import allocation as a
from .views import cases as c
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
