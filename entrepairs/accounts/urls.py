from django.urls import path

from .views import account as views

app_name = "accounts"
urlpatterns = [
    path("", views.account_settings, name="settings"),
    path("tokens/<uuid:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("confirm-address/", views.address_confirmation_send, name="address_confirmation_send"),
]
