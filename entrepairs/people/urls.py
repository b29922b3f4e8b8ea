from django.urls import path

from .views import import_export, pick
from .views import people as views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("import/", import_export.person_import, name="import"),
    path("import/<uuid:pk>/", import_export.import_run, name="import_run"),
    path("import/blank.csv", import_export.person_import_blank, name="import_blank"),
    path("export/", import_export.person_export, name="export"),
    path("new/", views.person_create, name="create"),
    path("<uuid:pk>/", views.person_detail, name="detail"),
    path("<uuid:pk>/edit/", views.person_edit, name="edit"),
    path("<uuid:pk>/delete/", views.person_delete, name="delete"),
    path("<uuid:pk>/invite/", views.person_invite, name="invite"),
    path("pick/<str:source>/", pick.pick, name="pick"),
]
