from django.urls import path

from .views import events, training

app_name = "events"
urlpatterns = [
    path("", events.event_list, name="list"),
    path("new/", events.event_create, name="create"),
    path("calendar/", events.calendar_address, name="calendar"),
    path("ics/<str:token>.ics", events.calendar_ics, name="ics"),
    path("<uuid:pk>/", events.event_detail, name="detail"),
    path("<uuid:pk>/edit/", events.event_edit, name="edit"),
    path("<uuid:pk>/register/", events.event_register, name="register"),
    path("<uuid:pk>/cancel/", events.event_cancel, name="cancel"),
    path("<uuid:pk>/attendance/", events.event_attendance, name="attendance"),
    path("<uuid:pk>/invitation.ics", events.event_invitation, name="invitation"),
    path(
        "<uuid:pk>/training-session/",
        training.organiser_pick,
        {"pick": "link_session"},
        name="link_session",
    ),
    path(
        "<uuid:pk>/experienced-tutors/",
        training.organiser_pick,
        {"pick": "invite_experienced"},
        name="invite_experienced",
    ),
    path(
        "<uuid:pk>/experienced-tutors/decline/",
        training.decline_experienced,
        name="decline_experienced",
    ),
]
