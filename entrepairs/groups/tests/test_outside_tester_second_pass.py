"""What a black-box tester of issue 13 found on its second pass, each fixed as a class and checked
through the page and the API: ISO values in browser date inputs, founding without a session,
situations of unbounded length, the situation check on an unseen group, the charter named as the
reason, unknown ids in plain words, who sits in two groups, counts in the singular and times
written the French way."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from django.utils import timezone, translation

from entrepairs.core.french import clock

from .. import services
from ..convocations import when_text
from ..models import Group, Session, Situation
from .test_compose_split import _body, _pool

API = "/api/v1/groups"
LONG = "Le jeune refuse la visite. " * 400  # 10,800 characters


@pytest.fixture
def french(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        yield


def test_the_move_page_gives_the_browser_an_iso_day_in_french(gw, client_for, french) -> None:
    page = client_for(gw.w.facilitator).get(
        f"/groups/sessions/{gw.future.pk}/move/", HTTP_ACCEPT_LANGUAGE="fr"
    )
    html = page.content.decode()
    day = timezone.localtime(gw.future.starts_at).date()
    assert f'value="{day.isoformat()}"' in html
    assert f'value="{day:%d/%m/%Y}"' not in html
    assert 'type="time"' in html


def test_a_group_is_not_founded_without_a_session(gw, client_for, api_for) -> None:
    Session.objects.filter(group=gw.group).delete()
    answer = api_for(gw.w.facilitator).post(f"{API}/{gw.group.pk}/found/")
    assert answer.status_code == 400, answer.content
    assert "founding session" in str(answer.json())
    page = client_for(gw.w.facilitator).post(
        f"/groups/{gw.group.pk}/found/", {"confirmed": "1"}, follow=True
    )
    assert "Plan the founding session first" in page.content.decode()
    gw.group.refresh_from_db()
    assert gw.group.status == Group.Status.DRAFT


def test_founding_below_the_size_counts_in_the_singular(gw) -> None:
    from django.core.exceptions import ValidationError

    for member in gw.members[1:]:
        services.member_remove(member=member)
    with pytest.raises(ValidationError) as refused, translation.override("fr"):
        services.group_found(group=gw.group, by=gw.w.facilitator)
    said = " ".join(refused.value.messages)
    assert "compte 1 participant·e\u00a0:" in said and "participant·e·s" not in said.split(":")[0]


def test_the_situation_check_refuses_a_text_too_long_before_reading_it(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    answer = api.post(
        f"{API}/situations/check/", {"group": str(gw.group.pk), "text": LONG}, format="json"
    )
    assert answer.status_code == 400 and "text" in answer.json()["error"]["fields"]
    fine = api.post(
        f"{API}/situations/check/", {"group": str(gw.group.pk), "text": LONG[:9000]}, format="json"
    )
    assert fine.status_code == 200


def test_a_situation_too_long_is_refused_in_the_service_the_api_and_the_page(
    accepted, api_for, client_for
) -> None:
    from django.core.exceptions import ValidationError

    gw = accepted
    member = gw.members[0]
    before = Situation.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.situation_save(
            session=gw.future, author=member, title="T", episode=LONG, question="Q ?"
        )
    assert "episode" in refused.value.message_dict
    assert "10,000" in refused.value.message_dict["episode"][0]
    answer = api_for(gw.w.professional).post(
        f"{API}/situations/",
        {"session": str(gw.future.pk), "title": "T", "episode": "E", "question": LONG},
        format="json",
    )
    assert answer.status_code == 400 and "question" in answer.json()["error"]["fields"]
    page = client_for(gw.w.professional).post(
        f"/groups/sessions/{gw.future.pk}/situations/new/",
        {"title": "T", "episode": LONG, "question": "Q ?"},
    )
    assert page.status_code == 200 and page.context["form"].errors["episode"]
    assert 'maxlength="10000"' in page.content.decode()
    assert Situation.objects.count() == before


def test_the_situation_check_on_a_group_one_does_not_see_is_unknown(gw, api_for) -> None:
    answer = api_for(gw.w.coordinator_b).post(
        f"{API}/situations/check/", {"group": str(gw.other_group.pk), "text": "x"}, format="json"
    )
    assert answer.status_code == 404
    # Positive control: the same caller checks a text of the group their organisation co-owns.
    seen = api_for(gw.w.coordinator_b).post(
        f"{API}/situations/check/", {"group": str(gw.group.pk), "text": "x"}, format="json"
    )
    assert seen.status_code == 200


def test_a_situation_before_the_charter_says_to_accept_it(gw, api_for, client_for) -> None:
    answer = api_for(gw.w.professional).post(
        f"{API}/situations/",
        {"session": str(gw.future.pk), "title": "T", "episode": "E", "question": "Q ?"},
        format="json",
    )
    assert answer.status_code == 403
    said = str(answer.json())
    assert "charter" in said and f"/groups/{gw.group.pk}/charter/" in said
    page = client_for(gw.w.professional).get(f"/groups/sessions/{gw.future.pk}/situations/new/")
    assert page.status_code == 302 and page["Location"] == f"/groups/{gw.group.pk}/charter/"
    assert not Situation.objects.filter(session=gw.future).exists()


def test_an_unknown_person_is_named_in_plain_words_without_its_id(gw, api_for, french) -> None:
    stranger = uuid.uuid4()
    answer = api_for(gw.w.facilitator).post(
        f"{API}/members/", {"group": str(gw.group.pk), "person": str(stranger)}, format="json"
    )
    assert answer.status_code == 400
    said = " ".join(answer.json()["error"]["fields"]["person"])
    assert "inconnu·e ou hors de vos organisations" in said
    assert str(stranger) not in said and "pk" not in said.lower()


def test_compose_names_who_is_in_two_groups(world, api_for) -> None:
    pool = _pool(world, teams=12, per_team=1)
    twice = pool[0]
    body = _body(world, pool, [pool[:6], [twice, *pool[6:11]]])
    api = api_for(world.coordinator)
    # Check reports it as blocking (compose.check, one function), confirm refuses it under `groups`.
    answer = api.post(f"{API}/compose/check/", body, format="json")
    assert answer.status_code == 200 and answer.json()["blocking"] is True
    assert any(
        str(twice) in c["detail"] and not c["satisfied"] for c in answer.json()["constraints"]
    )
    refused = api.post(f"{API}/compose/confirm/", body, format="json")
    assert refused.status_code == 400
    assert str(twice) in " ".join(refused.json()["error"]["fields"]["groups"])


def test_times_in_french_sentences_read_14_h_00(gw) -> None:
    moment = timezone.make_aware(datetime(2027, 3, 2, 14, 0))
    with translation.override("fr"):
        assert clock(moment) == "14\u00a0h\u00a000"
        assert "14\u00a0h\u00a000" in when_text(gw.future) or "\u00a0h\u00a0" in when_text(
            gw.future
        )
    with translation.override("en"):
        assert clock(moment) == "14:00"
