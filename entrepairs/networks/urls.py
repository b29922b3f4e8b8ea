from django.urls import path

from .views import directory, networks

app_name = "networks"
urlpatterns = [
    path("", networks.network_list, name="list"),
    path("<uuid:pk>/", networks.network_detail, name="detail"),
    path("<uuid:pk>/request/", networks.request_to_join, name="request"),
    path("<uuid:pk>/directory/", directory.directory, name="directory"),
    path("<uuid:pk>/directory/me/", directory.my_profile, name="directory_me"),
    path("<uuid:pk>/directory/export/", directory.directory_export, name="directory_export"),
    path(
        "organisations/<uuid:pk>/<str:action>/",
        networks.link_action,
        name="link_action",
    ),
    path("news/<uuid:pk>/edit/", networks.news_edit, name="news_edit"),
    path("news/<uuid:pk>/delete/", networks.news_delete, name="news_delete"),
    path("members/<uuid:pk>/<str:action>/", networks.member_action, name="member_action"),
]
