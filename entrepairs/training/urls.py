from django.urls import path

from .views import catalogue, completions, mine, requirements, sessions

app_name = "training"
urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("modules/<uuid:pk>/", catalogue.module_detail, name="module"),
    path("sessions/<uuid:pk>/", sessions.session_detail, name="session"),
    path("requirements/", requirements.requirements, name="requirements"),
    path("completions/", completions.compliance, name="compliance"),
    path("completions/<uuid:pk>/certificate/", mine.certificate, name="certificate"),
    path("mine/", mine.mine, name="mine"),
    path("team/", completions.team, name="team"),
    path("sessions/<uuid:pk>/enrol/", mine.enrol, name="enrol"),
]
