from django.urls import path

from .views import organisations as views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<uuid:pk>/", views.organisation_detail, name="detail"),
    path("<uuid:pk>/settings/", views.organisation_settings, name="settings"),
    path("<uuid:pk>/teams/new/", views.team_create, name="team_create"),
    path("<uuid:pk>/teams/<uuid:team_pk>/", views.team_edit, name="team_edit"),
    path("<uuid:pk>/sites/new/", views.site_create, name="site_create"),
    path("<uuid:pk>/sites/<uuid:site_pk>/", views.site_edit, name="site_edit"),
    path("<uuid:pk>/teams/<uuid:team_pk>/delete/", views.team_delete, name="team_delete"),
    path("<uuid:pk>/members/external/", views.role_request_create, name="role_request_create"),
    path("role-requests/", views.role_requests, name="role_requests"),
    *(
        path(
            f"role-requests/<uuid:pk>/{answer}/",
            views.role_request_answer,
            {"answer": answer},
            name=f"role_request_{answer}",
        )
        for answer in ("accept", "decline", "withdraw")
    ),
    path(
        "<uuid:pk>/members/<uuid:membership_pk>/end/", views.membership_end, name="membership_end"
    ),
]
