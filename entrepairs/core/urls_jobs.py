from django.urls import path

from .views import jobs as views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<uuid:pk>/retry/", views.job_retry_view, name="retry"),
]
