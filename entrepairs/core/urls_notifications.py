from django.urls import path

from .views import notifications as views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="list"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("<uuid:pk>/read/", views.mark_read, name="read"),
    path("<uuid:pk>/", views.open_notification, name="open"),
]
