from django.urls import path

from .views import home, pairings

app_name = "coaching"
urlpatterns = [
    path("", home.coaching_home, name="home"),
    path("offer/", home.offer_edit, name="offer"),
    path("ask/", home.coach_ask, name="ask"),
    path("requests/<uuid:pk>/propose/", home.pairing_propose, name="propose"),
    path("requests/<uuid:pk>/withdraw/", home.request_withdraw, name="withdraw"),
    path("organisations/<uuid:pk>/propose/", home.pairings_propose_all, name="propose-all"),
    path("organisations/<uuid:pk>/settings/", home.scheme_edit, name="scheme"),
    path("pairings/<uuid:pk>/", pairings.pairing_detail, name="pairing"),
    path("pairings/<uuid:pk>/confirm/", pairings.pairing_confirm, name="confirm"),
    path("pairings/<uuid:pk>/decline/", pairings.pairing_decline, name="decline"),
    path("pairings/<uuid:pk>/meetings/", pairings.meeting_log, name="meeting"),
    path("pairings/<uuid:pk>/end/", pairings.pairing_end, name="end"),
    path("pairings/<uuid:pk>/feedback/", pairings.pairing_feedback, name="feedback"),
]
