"""Mounted under /groups/ (the addresses announcements had when they lived in groups; the
unsubscribe links already sent by e-mail keep working)."""

from django.urls import path

from .views import announcements

app_name = "mailing"
urlpatterns = [
    path("announcements/", announcements.announcement_list, name="announcements"),
    path("announcements/new/", announcements.announcement_create, name="announcement_create"),
    path("announcements/subscribe/", announcements.subscribe, name="subscribe"),
    path("unsubscribe/<str:token>/", announcements.unsubscribe, name="unsubscribe"),
    path("newsletter/subscribers/", announcements.subscribers, name="subscribers"),
    path("newsletter/<uuid:provider_pk>/", announcements.newsletter, name="newsletter"),
    path(
        "newsletter/confirm/<str:token>/",
        announcements.newsletter_confirm,
        name="newsletter_confirm",
    ),
]
