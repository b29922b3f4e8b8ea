from django.urls import path

from . import views_audit as views

app_name = "audit"
urlpatterns = [path("", views.audit_list, name="list")]
