"""Fifth outside test of the groups' rules: a group for questions hard to raise at work keeps the
hierarchy out whatever its kind; the programme year, not the series, holds 6 to 24 sessions; one
function checks a proposed composition for both check and confirm."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from entrepairs.people.models import Person

from .. import hierarchy, planning, services
from ..models import Group


def _regulation(world: Any, *, hard_questions: bool) -> Group:
    return services.group_create(
        organisation=world.org_a,
        name="Régulation Noyau",
        kind="team_regulation",
        facilitators=[world.facilitator],
        created_by=world.coordinator,
        hard_questions=hard_questions,
    )


# --- 1. hard questions keep the hierarchy out, whatever the kind ------------------------------


def test_the_flag_takes_the_hierarchy_out_of_a_kind_that_allows_it(world) -> None:
    assert hierarchy.allows_hierarchy("team_regulation", hard_questions=False)
    assert not hierarchy.allows_hierarchy("team_regulation", hard_questions=True)
    group = _regulation(world, hard_questions=True)
    services.member_add(group=group, person=world.professional, by=world.coordinator)
    with pytest.raises(ValidationError) as refused:
        services.member_add(group=group, person=world.manager, by=world.coordinator)
    assert "Marc Manager is the line manager (N+1) of Paula Pro." in str(refused.value)
    assert group.members.count() == 1


def test_the_flag_refuses_a_manager_as_facilitator_of_such_a_group(world) -> None:
    group = _regulation(world, hard_questions=True)
    services.member_add(group=group, person=world.professional, by=world.coordinator)
    from entrepairs.organisations.models import Membership, Role

    Membership.objects.create(person=world.manager, organisation=world.org_a, role=Role.FACILITATOR)
    with pytest.raises(ValidationError) as refused:
        services.group_update(
            group=group,
            name=group.name,
            description="",
            hard_questions=True,
            facilitators=[world.manager],
            by=None,
        )
    assert "Marc Manager" in refused.value.message_dict["facilitators"][0]


def test_marking_a_group_with_its_manager_in_it_is_refused_naming_both(world) -> None:
    group = _regulation(world, hard_questions=False)
    services.member_add(group=group, person=world.professional, by=world.coordinator)
    services.member_add(group=group, person=world.manager, by=world.coordinator)
    with pytest.raises(ValidationError) as refused:
        services.group_update(
            group=group,
            name=group.name,
            description="",
            hard_questions=True,
            facilitators=[world.facilitator],
            by=None,
        )
    assert refused.value.message_dict["hard_questions"][0].startswith(
        "Marc Manager is the line manager (N+1) of Paula Pro."
    )
    group.refresh_from_db()
    assert group.hard_questions is False


def test_the_api_and_the_breach_list_follow_the_flag(world, api_for) -> None:
    api = api_for(world.coordinator)
    created = api.post(
        "/api/v1/groups/",
        {
            "organisation": str(world.org_a.pk),
            "name": "Régulation API",
            "kind": "team_regulation",
            "hard_questions": True,
            "facilitators": [str(world.facilitator.pk)],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    group = Group.objects.get(pk=created.json()["id"])
    services.member_add(group=group, person=world.professional, by=world.coordinator)
    check = api.post(
        "/api/v1/groups/compose/check/",
        {
            "kind": "team_regulation",
            "hard_questions": True,
            "groups": [[str(world.professional.pk), str(world.manager.pk)]],
        },
        format="json",
    )
    assert check.json()["blocking"] is True
    assert any(
        "Marc Manager is the line manager (N+1)" in c["detail"] for c in check.json()["constraints"]
    )
    # A breach that predates the flag (written around the services) is listed.
    group.members.create(person=world.manager, status="active")
    assert [b.link.superior for b in hierarchy.breaches([group])] == [world.manager.pk]


def test_members_see_the_flag_and_what_it_means(world, client_for) -> None:
    group = _regulation(world, hard_questions=True)
    services.member_add(group=group, person=world.professional, by=world.coordinator)
    page = client_for(world.professional).get(f"/groups/{group.pk}/").content.decode()
    assert 'id="hard-questions"' in page
    assert "Neither a line manager (N+1 or above) nor two direct colleagues" in page
    charter = client_for(world.professional).get(f"/groups/{group.pk}/charter/").content.decode()
    assert 'id="hierarchy-allowed"' not in charter
    assert "questions hard to raise at work" in charter
    assert Person.objects.filter(pk=world.manager.pk).exists()


# --- 2. the programme year, not the series, holds 6 to 24 -------------------------------------


def _plan_body(gw: Any, start: Any, until: Any) -> dict[str, Any]:
    return {
        "start": start.isoformat(),
        "until": until.isoformat(),
        "frequency": "weekly",
        "interval_weeks": 1,
        "weekday": start.weekday(),
        "site": str(gw.site.pk),
        "room": "Salle B",
    }


def test_a_short_series_completes_a_year_of_single_sessions(gw, api_for) -> None:
    from datetime import timedelta

    from .test_programme_year import _fill, _next_year

    year = _next_year(gw.group)
    _fill(gw.group, year, 3, gw.site)  # three single sessions from the year's first Monday
    start = year.start + timedelta(days=150)
    api = api_for(gw.w.facilitator)
    url = f"/api/v1/groups/{gw.group.pk}/plan/"
    planned = api.post(url, _plan_body(gw, start, start + timedelta(days=15)), format="json")
    assert planned.status_code == 201, planned.json()
    assert len(planned.json()) == 3
    assert planning.year_counts(gw.group)[year] == 6
    assert not any(year.label in w for w in planned.json()[0]["warnings"])
    # Another short series in a year of its own: planned, the year named in the warnings.
    later = year.end + timedelta(days=40)
    short = api.post(url, _plan_body(gw, later, later + timedelta(days=8)), format="json")
    assert short.status_code == 201, short.json()
    assert any("has 2 sessions" in w for w in short.json()[0]["warnings"])


def test_a_series_of_no_session_says_so_in_french(gw, api_for) -> None:
    from datetime import timedelta

    from django.conf import settings

    from .test_programme_year import _next_year

    year = _next_year(gw.group)
    api = api_for(gw.w.facilitator)
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    start = year.start + timedelta(days=(1 - year.start.weekday()) % 7)  # a Tuesday
    body = {**_plan_body(gw, start, start + timedelta(days=1)), "weekday": 4}  # no Friday
    refused = api.post(
        f"/api/v1/groups/{gw.group.pk}/plan/", body, format="json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert refused.status_code == 400
    assert "Cette récurrence ne donne aucune séance" in str(refused.json()), refused.json()


# --- 3. one function checks a proposed composition --------------------------------------------


def _compose_body(world: Any, groups: list[list[Any]]) -> dict[str, Any]:
    return {
        "kind": "supervision",
        "hard_questions": False,
        "organisation": str(world.org_a.pk),
        "name": "Supervision composée",
        "facilitators": [str(world.facilitator.pk)],
        "groups": [[str(p.pk) for p in g] for g in groups],
    }


def _staff(world: Any, n: int) -> list[Person]:
    return [
        Person.objects.create(
            organisation=world.org_a,
            first_name=f"Membre{k}",
            last_name="Pool",
            profession=["nurse", "educator"][k % 2],
        )
        for k in range(n)
    ]


def test_check_and_confirm_agree_on_a_facilitator_among_the_members(world, api_for) -> None:
    pool = _staff(world, 6)
    api = api_for(world.coordinator)
    body = _compose_body(world, [[*pool, world.facilitator]])
    checked = api.post("/api/v1/groups/compose/check/", body, format="json")
    assert checked.status_code == 200 and checked.json()["blocking"] is True
    sentence = (
        "Group 1: Fanny Facilitatrice is named facilitator of the groups and cannot also be "
        "one of its participants."
    )
    assert sentence in [c["detail"] for c in checked.json()["constraints"]]
    refused = api.post("/api/v1/groups/compose/confirm/", body, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {"groups": [sentence]}
    assert not Group.objects.filter(name__startswith="Supervision composée").exists()


def test_a_duplicate_in_one_group_is_named_as_such(world, api_for) -> None:
    pool = _staff(world, 7)
    api = api_for(world.coordinator)
    twice = _compose_body(world, [[*pool[:6], pool[0]]])
    checked = api.post("/api/v1/groups/compose/check/", twice, format="json").json()
    details = [c["detail"] for c in checked["constraints"] if not c["satisfied"]]
    assert details == ["Group 1 lists Membre0 Pool more than once."], details
    across = _compose_body(world, [pool[:6], [pool[0], pool[6]]])
    refused = api.post("/api/v1/groups/compose/confirm/", across, format="json")
    assert refused.status_code == 400
    assert (
        "Membre0 Pool is placed in groups 1 and 2: a person sits in one group."
        in refused.json()["error"]["fields"]["groups"]
    )


# --- 4. smaller --------------------------------------------------------------------------------


def test_the_group_page_says_its_size_in_plain_french(gw, client_for) -> None:
    from django.conf import settings

    client = client_for(gw.w.facilitator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(f"/groups/{gw.group.pk}/").content.decode()
    assert "6 participant·e·s (de 6 à 12 attendu·e·s)" in page


def test_a_session_kept_on_a_public_holiday_is_marked_in_the_list(gw, client_for) -> None:
    gw.future.holiday_reason = "Seule date possible pour l’intervenante"
    gw.future.save(update_fields=["holiday_reason"])
    page = client_for(gw.w.facilitator).get(f"/groups/{gw.group.pk}/").content.decode()
    assert 'class="tag warn holiday-tag" title="Seule date possible pour l’intervenante"' in page
