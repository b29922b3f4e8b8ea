from django.urls import path

from .views import calendar as views_calendar
from .views import dashboard as views_dashboard
from .views import groups as views
from .views import sessions as views_sessions
from .views import settings as views_settings
from .views import signing as views_signing

app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("compose/", views_dashboard.compose, name="compose"),
    path("staff/", views_calendar.staff, name="staff"),
    path("settings/<uuid:org_pk>/", views_settings.group_settings, name="settings"),
    path("calendar/", views_calendar.calendar_feeds, name="calendar"),
    path("calendar/<uuid:pk>/revoke/", views_calendar.calendar_feed_revoke, name="calendar_revoke"),
    path("ics/<str:token>.ics", views_calendar.calendar_ics, name="ics"),
    path("<uuid:pk>/", views.group_detail, name="detail"),
    path("<uuid:pk>/edit/", views.group_edit, name="edit"),
    path("<uuid:pk>/co-ownership/", views.co_ownership_new, name="co_ownership_new"),
    path("co-ownership/", views.co_ownership_list, name="co_ownership"),
    path(
        "co-ownership/<uuid:pk>/<str:answer>/",
        views.co_ownership_decide,
        name="co_ownership_decide",
    ),
    path("<uuid:pk>/members/add/", views.member_add, name="member_add"),
    path(
        "<uuid:pk>/members/<uuid:member_pk>/approve/", views.member_approve, name="member_approve"
    ),
    path("<uuid:pk>/members/<uuid:member_pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "<uuid:pk>/members/<uuid:member_pk>/certificate.pdf",
        views_sessions.certificate_pdf,
        name="certificate",
    ),
    path(
        "<uuid:pk>/members/<uuid:member_pk>/completion.pdf",
        views_sessions.completion_pdf,
        name="completion",
    ),
    path("<uuid:pk>/charter/", views.charter, name="charter"),
    path("<uuid:pk>/charter/accept/", views.charter_accept, name="charter_accept"),
    path("<uuid:pk>/found/", views.group_found, name="found"),
    path("<uuid:pk>/plan/", views_sessions.plan, name="plan"),
    path("<uuid:pk>/sessions/new/", views_sessions.session_add, name="session_add"),
    path("sessions/<uuid:pk>/", views_sessions.session_detail, name="session"),
    path("sessions/<uuid:pk>/move/", views_sessions.session_move, name="session_move"),
    path("sessions/<uuid:pk>/cancel/", views_sessions.session_cancel, name="session_cancel"),
    path("sessions/<uuid:pk>/situations/new/", views_sessions.situation_new, name="situation_new"),
    path(
        "situations/<uuid:pk>/withdraw/",
        views_sessions.situation_withdraw,
        name="situation_withdraw",
    ),
    path("sessions/<uuid:pk>/record/", views_sessions.session_record, name="session_record"),
    path("sessions/<uuid:pk>/attendance/", views_sessions.attendance, name="attendance"),
    path("sessions/<uuid:pk>/sheet.pdf", views_sessions.attendance_sheet_pdf, name="sheet"),
    path("sessions/<uuid:pk>/sign/", views_signing.sign, name="sign"),
]
