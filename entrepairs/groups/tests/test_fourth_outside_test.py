"""What a fourth outside test found in groups (issue 13), each rule in the one domain function
every channel calls, checked through the API and the page.

- A group for questions hard to raise at work never gathers two direct colleagues of one core
  team, whatever the path: adding a member, marking the group, confirming a composition.
"""

from rest_framework.test import APIClient

from .. import services
from ..models import Group, GroupMember

COLLEAGUES = "Colin Collegue and Paula Pro are direct colleagues of the core team Noyau Lille 1."


def _session_api(who):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_login(who.user, backend="django.contrib.auth.backends.ModelBackend")
    return api


def _hard_group(gw) -> Group:  # type: ignore[no-untyped-def]
    return services.group_create(
        organisation=gw.w.org_a,
        name="Questions difficiles",
        kind="supervision",
        facilitators=[gw.w.facilitator],
        created_by=gw.w.coordinator,
        hard_questions=True,
    )


def test_it_refuses_a_second_direct_colleague_in_a_hard_questions_group_through_the_api(
    gw,
) -> None:
    group = _hard_group(gw)
    api = _session_api(gw.w.facilitator)
    first = api.post(
        "/api/v1/groups/members/",
        {"group": str(group.pk), "person": str(gw.w.professional.pk)},
        format="json",
    )
    assert first.status_code == 201, first.content
    second = api.post(
        "/api/v1/groups/members/",
        {"group": str(group.pk), "person": str(gw.w.colleague.pk)},
        format="json",
    )
    assert second.status_code == 400, second.content
    assert COLLEAGUES in str(second.json()["error"]["fields"]["person"])
    assert not group.members.filter(person=gw.w.colleague).exists()


def test_it_refuses_a_second_direct_colleague_on_the_page(gw, client_for) -> None:
    group = _hard_group(gw)
    services.member_add(group=group, person=gw.w.professional, by=gw.w.facilitator)
    page = client_for(gw.w.facilitator).post(
        f"/groups/{group.pk}/members/add/", {"person": str(gw.w.colleague.pk)}
    )
    assert page.status_code == 200
    assert COLLEAGUES in str(page.context["form"].errors)
    assert not group.members.filter(person=gw.w.colleague).exists()


def test_it_refuses_marking_a_group_of_direct_colleagues_hard_questions(gw, client_for) -> None:
    group = gw.group  # Paula Pro and Colin Collegue sit in it, both of the core team
    answer = _session_api(gw.w.coordinator).patch(
        f"/api/v1/groups/{group.pk}/", {"hard_questions": True}, format="json"
    )
    assert answer.status_code == 400, answer.content
    assert COLLEAGUES in str(answer.json()["error"]["fields"]["hard_questions"])
    group.refresh_from_db()
    assert not group.hard_questions
    page = client_for(gw.w.coordinator).post(
        f"/groups/{group.pk}/edit/",
        {
            "name": group.name,
            "description": group.description,
            "hard_questions": "on",
            "facilitators": [str(gw.w.facilitator.pk)],
        },
    )
    assert page.status_code == 200
    assert COLLEAGUES in str(page.context["form"].errors)
    group.refresh_from_db()
    assert not group.hard_questions


def test_a_group_without_colleagues_may_be_marked_hard_questions(gw) -> None:
    group = _hard_group(gw)
    services.member_add(group=group, person=gw.w.professional, by=gw.w.facilitator)
    services.member_add(group=group, person=gw.others[1], by=gw.w.facilitator)  # no core team
    assert group.members.filter(status=GroupMember.Status.ACTIVE).count() == 2


# --- French in the API's messages and on the session page ---------------------------------------


def test_an_unknown_id_is_named_by_the_field_in_the_readers_language(gw) -> None:
    answer = _session_api(gw.w.facilitator).post(
        "/api/v1/groups/members/",
        {"group": "00000000-0000-0000-0000-000000000000", "person": str(gw.w.professional.pk)},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert answer.status_code == 400
    said = " ".join(answer.json()["error"]["fields"]["group"])
    assert "Groupe\xa0: inconnu·e ou hors de vos organisations." in said


def test_bounds_and_date_hints_are_written_the_french_way(db) -> None:
    from decimal import Decimal

    from django.utils import translation
    from rest_framework import serializers

    class Sample(serializers.Serializer):
        hours = serializers.DecimalField(max_digits=4, decimal_places=2, min_value=Decimal("0.5"))
        text = serializers.CharField(max_length=10000)
        when = serializers.DateTimeField()

    with translation.override("fr"):
        bad = Sample(data={"hours": "0.1", "text": "x" * 10001, "when": "demain"})
        assert not bad.is_valid()
        errors = {k: str(v[0]) for k, v in bad.errors.items()}
        good = Sample(data={"hours": "1", "text": "x", "when": "08/12/2026 10:00"})
        assert good.is_valid(), good.errors
    assert "0,5" in errors["hours"] and "0.5" not in errors["hours"]
    assert "10\u202f000" in errors["text"]
    assert "08/12/2026 10:00" in errors["when"] and "YYYY" not in errors["when"]


def test_the_session_page_puts_a_no_break_space_before_colons(accepted, client_for) -> None:
    from django.conf import settings

    client = client_for(accepted.w.professional)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(f"/groups/sessions/{accepted.past.pk}/").content.decode()
    assert "Question\u00a0:" in page and "Question:" not in page


def test_the_charter_changed_only_for_who_accepted_an_earlier_version(accepted, client_for) -> None:
    from django.conf import settings

    services.charter_update(group=accepted.group, own_rules="Nouvelle règle")
    newcomer = accepted.w.worker_b  # of organisation B, a co-owner: never accepted any version
    services.member_add(group=accepted.group, person=newcomer, by=accepted.w.facilitator)
    for who, changed in ((newcomer, False), (accepted.w.professional, True)):
        client = client_for(who)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        page = client.get(f"/groups/sessions/{accepted.future.pk}/").content.decode()
        assert ("La charte a changé" in page) is changed, who


def test_a_candidate_listed_twice_is_said_so(gw) -> None:
    pk = str(gw.w.professional.pk)
    answer = _session_api(gw.w.coordinator).post(
        "/api/v1/groups/compose/",
        {"kind": "supervision", "candidates": [pk, pk, str(gw.w.colleague.pk)]},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert "Listed more than once: Paula Pro." in str(answer.json()["error"]["fields"])


# --- the minimum of sessions a year is shown wherever the year changes --------------------------


def test_a_new_programme_year_under_the_minimum_is_warned_in_the_api_and_on_the_page(
    gw, client_for
) -> None:
    answer = _session_api(gw.w.facilitator).put(
        f"/api/v1/groups/{gw.group.pk}/programme-year/", {"start_month": 2}, format="json"
    )
    assert answer.status_code == 200, answer.content
    warnings = answer.json()["warnings"]
    assert warnings and "a group has 6 to 24 sessions a year" in warnings[0]
    page = client_for(gw.w.facilitator).post(
        f"/groups/{gw.group.pk}/plan/",
        {"action": "programme_year", "y-start_month": "3"},
        follow=True,
    )
    assert page.status_code == 200
    shown = [str(m) for m in page.context["messages"]]
    assert any("a group has 6 to 24 sessions a year" in m for m in shown), shown


# --- smaller: the charter's length, the closed signing window ----------------------------------


def test_the_charter_is_capped_like_other_texts_in_the_api_and_on_the_page(gw, client_for) -> None:
    long = "x" * 20000
    answer = _session_api(gw.w.facilitator).put(
        f"/api/v1/groups/{gw.group.pk}/charter/", {"own_rules": long}, format="json"
    )
    assert answer.status_code == 400, answer.content
    assert "own_rules" in answer.json()["error"]["fields"]
    page = client_for(gw.w.facilitator).post(f"/groups/{gw.group.pk}/charter/", {"own_rules": long})
    assert page.status_code == 200 and page.context["form"].errors["own_rules"]
    gw.group.charter.refresh_from_db()
    assert gw.group.charter.own_rules != long and gw.group.charter.version == 1


def test_the_signing_page_says_the_window_closed(gw, client_for) -> None:
    page = client_for(gw.w.professional).get(f"/groups/sessions/{gw.past.pk}/sign/")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'id="signing-closed"' in body and 'id="sign-form"' not in body
