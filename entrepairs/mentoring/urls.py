from django.urls import path
from django.views.generic import RedirectView

from .views import checkin_link as views_checkin_link
from .views import matches as views_matches
from .views import matching as views_matching
from .views import people as views_people
from .views import programmes as views_programmes

app_name = "mentoring"
urlpatterns = [
    path("", views_programmes.home, name="home"),
    path("programmes/new/", views_programmes.programme_edit, name="programme_new"),
    path("programmes/<uuid:pk>/", views_programmes.programme_detail, name="programme"),
    path("programmes/<uuid:pk>/edit/", views_programmes.programme_edit, name="programme_edit"),
    path("programmes/<uuid:pk>/apply/", views_programmes.apply, name="apply"),
    path("programmes/<uuid:pk>/reports/", views_programmes.reports, name="reports"),
    path("programmes/<uuid:pk>/mentors/", views_people.mentor_list, name="mentors"),
    path("programmes/<uuid:pk>/matching/", views_matching.matching, name="matching"),
    path("mentors/<uuid:pk>/", views_people.mentor_detail, name="mentor"),
    path("youths/", views_people.youth_list, name="youths"),
    path("youths/new/", views_people.youth_create, name="youth_new"),
    path("youths/<uuid:pk>/", views_people.youth_detail, name="youth"),
    path("transfers/", views_people.transfer_list, name="transfers"),
    path("transfers/<uuid:pk>/", views_people.transfer_detail, name="transfer"),
    path("runs/<uuid:pk>/", views_matching.run_detail, name="run"),
    path("runs/<uuid:pk>/progress/", views_matching.run_progress, name="run_progress"),
    path(
        "proposals/<uuid:pk>/<str:action>/", views_matching.proposal_action, name="proposal_action"
    ),
    path("matches/", views_matches.match_list, name="matches"),
    path("matches/<uuid:pk>/", views_matches.match_detail, name="match"),
    path("checkin/<str:token>/", views_checkin_link.checkin_link, name="checkin_link"),
    path("agreements/", views_programmes.agreements, name="agreements"),
    path("agreements/new/", views_programmes.agreement_edit, name="agreement_new"),
    path("agreements/<uuid:pk>/", views_programmes.agreement_edit, name="agreement_edit"),
    # Staff training moved to the training app; old links land there.
    path(
        "training/",
        RedirectView.as_view(pattern_name="training:compliance", permanent=True),
        name="training",
    ),
]
