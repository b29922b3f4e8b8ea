"""Withdrawing a situation asks first (issue 15 §9), on a page that names no content: the session
page's button opens the question (a GET form), the question's button withdraws (POST)."""

from django.conf import settings

from ..models import Situation


def test_the_author_is_asked_before_her_situation_is_withdrawn(accepted, client_for) -> None:
    address = f"/groups/situations/{accepted.situation.pk}/withdraw/"
    client = client_for(accepted.w.professional)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    session_page = client.get(f"/groups/sessions/{accepted.past.pk}/").content.decode()
    assert f'<form method="get" action="{address}"' in session_page

    question = client.get(address)
    html = question.content.decode()
    assert question.status_code == 200
    assert (
        "Retirer cette situation\u202f?" in html
        and f'<form method="post" action="{address}"' in html
    )
    assert accepted.situation.episode not in html  # the question shows no content
    assert Situation.objects.filter(pk=accepted.situation.pk).exists()  # nothing happened yet

    assert client.post(address).status_code == 302
    assert not Situation.objects.filter(pk=accepted.situation.pk).exists()


def test_a_member_who_may_not_withdraw_it_is_not_asked(accepted, client_for) -> None:
    address = f"/groups/situations/{accepted.situation.pk}/withdraw/"
    assert client_for(accepted.w.colleague).get(address).status_code in (403, 404)
    assert client_for(accepted.w.coordinator_b).get(address).status_code == 404
    assert Situation.objects.filter(pk=accepted.situation.pk).exists()
