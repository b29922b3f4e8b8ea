from django.urls import path

from .views import catalogue, completions, requirements, sessions

app_name = "training"
urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("modules/<uuid:pk>/", catalogue.module_detail, name="module"),
    path("sessions/<uuid:pk>/", sessions.session_detail, name="session"),
    path("requirements/", requirements.requirements, name="requirements"),
    path("completions/", completions.compliance, name="compliance"),
]
