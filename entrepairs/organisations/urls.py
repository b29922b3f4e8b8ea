from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<uuid:pk>/", views.organisation_detail, name="detail"),
    path("<uuid:pk>/settings/", views.organisation_settings, name="settings"),
    path("<uuid:pk>/teams/new/", views.team_create, name="team_create"),
    path("<uuid:pk>/teams/<uuid:team_pk>/", views.team_edit, name="team_edit"),
    path("<uuid:pk>/sites/new/", views.site_create, name="site_create"),
    path("<uuid:pk>/sites/<uuid:site_pk>/", views.site_edit, name="site_edit"),
    path("<uuid:pk>/members/external/", views.external_member_add, name="external_member_add"),
    path(
        "<uuid:pk>/members/<uuid:membership_pk>/end/", views.membership_end, name="membership_end"
    ),
]
