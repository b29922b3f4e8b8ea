"""The networks' mailing lists, mounted under /networks/lists/ (issue 16 point 3)."""

from django.urls import path

from .views import lists

app_name = "mailing_lists"
urlpatterns = [
    path("network/<uuid:network_pk>/", lists.network_lists, name="network"),
    path("<uuid:pk>/", lists.list_detail, name="detail"),
    path("<uuid:pk>/subscription/", lists.list_subscription, name="subscription"),
    path("<uuid:pk>/post/", lists.list_post, name="post"),
    path("messages/<uuid:pk>/", lists.list_message, name="message"),
]
