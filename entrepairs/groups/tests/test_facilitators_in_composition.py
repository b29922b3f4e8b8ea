"""Outside test, issue 13 (second pass b): the facilitators sit in the groups a composition
proposes (their line-management chain is kept out, the report tells the truth, the API takes
them like the page); an existing breach does not block an unrelated edit; a facilitator refused
is refused for the true reason."""

from __future__ import annotations

from typing import Any

import pytest

from entrepairs.organisations.models import Membership, Role
from entrepairs.people.models import Person

from .. import compose
from ..models import Group

API = "/api/v1"
PROFESSIONS = ["tutor", "educator", "social_worker", "nurse", "psychologist"]


@pytest.fixture
def chef(world: Any) -> Any:
    """Quentin Chef, facilitator, with his own manager above him and Quitterie Agent below him,
    and twelve candidates outside his chain."""
    top = Person.objects.create(
        organisation=world.org_a, first_name="Hugo", last_name="Haut", profession="manager"
    )
    quentin = Person.objects.create(
        organisation=world.org_a,
        first_name="Quentin",
        last_name="Chef",
        profession="facilitator",
        line_manager=top,
    )
    Membership.objects.create(person=quentin, organisation=world.org_a, role=Role.FACILITATOR)
    quitterie = Person.objects.create(
        organisation=world.org_a,
        first_name="Quitterie",
        last_name="Agent",
        profession="educator",
        line_manager=quentin,
    )
    others = [
        Person.objects.create(
            organisation=world.org_a,
            first_name=f"Autre{i}",
            last_name="Pool",
            profession=PROFESSIONS[i % len(PROFESSIONS)],
            years_experience=5 + i % 4,
        )
        for i in range(12)
    ]
    from types import SimpleNamespace

    return SimpleNamespace(top=top, quentin=quentin, quitterie=quitterie, others=others)


def _report(constraints: list[tuple[str, bool, str]]) -> dict[str, list[tuple[bool, str]]]:
    found: dict[str, list[tuple[bool, str]]] = {}
    for code, ok, sentence in constraints:
        found.setdefault(code, []).append((ok, sentence))
    return found


def test_it_keeps_the_facilitators_chain_out_of_the_proposal_either_way(chef: Any) -> None:
    pool = [chef.quitterie, chef.top, *chef.others]
    proposal = compose.propose(
        candidates=pool, kind="supervision", hard_questions=False, facilitators=[chef.quentin]
    )
    seated = {p.pk for g in proposal.groups for p in g}
    assert chef.quitterie.pk not in seated and chef.top.pk not in seated
    assert {p.pk for p in proposal.left_out} == {chef.quitterie.pk, chef.top.pk}
    report = _report(proposal.constraints)
    # True: with the facilitator seated, nobody sits with their chain.
    assert report["line_manager"] == [
        (True, "Nobody sits with anyone of their line-management chain.")
    ]
    reasons = [sentence for _ok, sentence in report["left_out"]]
    assert (
        "Quitterie Agent is in no group: Quentin Chef is the line manager (N+1) of "
        "Quitterie Agent." in reasons
    )
    assert "Hugo Haut is in no group: Hugo Haut is the line manager (N+1) of Quentin Chef." in (
        reasons
    )


def test_it_keeps_a_facilitator_ticked_as_a_candidate_out_of_the_groups(chef: Any) -> None:
    pool = [chef.quentin, *chef.others]
    proposal = compose.propose(
        candidates=pool, kind="supervision", hard_questions=False, facilitators=[chef.quentin]
    )
    assert chef.quentin not in [p for g in proposal.groups for p in g]
    assert proposal.left_out == [chef.quentin]


def test_the_page_proposes_without_the_facilitators_chain(
    world: Any, chef: Any, client_for: Any
) -> None:
    pool = [chef.quitterie, *chef.others]
    page = client_for(world.coordinator).post(
        "/groups/compose/",
        {
            "organisation": world.org_a.pk,
            "kind": "supervision",
            "name": "Supervision",
            "facilitators": [chef.quentin.pk],
            "candidates": [p.pk for p in pool],
            "propose": "1",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200 and "proposed-1" in html
    left_out = html.split('id="left-out"')[1]
    assert "Quitterie Agent" in left_out
    assert "Quitterie Agent is in no group: Quentin Chef is the line manager (N+1)" in html
    groups = html.split('id="left-out"')[0]
    assert "Quitterie Agent" not in groups.split('id="proposed-1"')[1]


def test_the_api_takes_facilitators_and_leaves_their_chain_out(
    world: Any, chef: Any, api_for: Any
) -> None:
    body = {
        "kind": "supervision",
        "hard_questions": False,
        "candidates": [str(p.pk) for p in [chef.quitterie, *chef.others]],
        "facilitators": [str(chef.quentin.pk)],
    }
    response = api_for(world.coordinator).post(f"{API}/groups/compose/", body, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["left_out"] == [str(chef.quitterie.pk)]
    assert all(str(chef.quitterie.pk) not in g["members"] for g in data["groups"])
    line = [c for c in data["constraints"] if c["name"] == "line_manager"]
    assert line == [
        {
            "name": "line_manager",
            "satisfied": True,
            "detail": "Nobody sits with anyone of their line-management chain.",
        }
    ]
    # The proposal confirms as it is (same rule on both sides).
    confirmed = api_for(world.coordinator).post(
        f"{API}/groups/compose/confirm/",
        {
            **body,
            "groups": [g["members"] for g in data["groups"]],
            "organisation": str(world.org_a.pk),
            "name": "Supervision",
        },
        format="json",
    )
    assert confirmed.status_code == 201, confirmed.content


def test_the_api_without_facilitators_still_proposes(world: Any, chef: Any, api_for: Any) -> None:
    body = {
        "kind": "supervision",
        "hard_questions": False,
        "candidates": [str(p.pk) for p in [chef.quitterie, *chef.others]],
    }
    response = api_for(world.coordinator).post(f"{API}/groups/compose/", body, format="json")
    assert response.status_code == 200 and response.json()["left_out"] == []


# --- an existing breach does not block an unrelated edit ---------------------------------------


def _breach(gw: Any, api_for: Any) -> Person:
    """A line-manager change puts Bob Bernard (a member) above the facilitator: allowed, warned."""
    bob = next(p for p in gw.others if p.first_name == "Bob")
    response = api_for(gw.w.coordinator).patch(
        f"{API}/people/{gw.w.facilitator.pk}/", {"line_manager": str(bob.pk)}, format="json"
    )
    assert response.status_code == 200 and response.json()["warnings"]
    return bob


def test_an_unrelated_api_edit_of_a_breaching_group_is_accepted(gw: Any, api_for: Any) -> None:
    _breach(gw, api_for)
    response = api_for(gw.w.coordinator).patch(
        f"{API}/groups/{gw.group.pk}/", {"description": "Un mardi sur deux"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Group.objects.get(pk=gw.group.pk).description == "Un mardi sur deux"
    # The breach stays listed to the coordinator.
    breaches = api_for(gw.w.coordinator).get(f"{API}/groups/hierarchy-breaches/")
    assert breaches.status_code == 200 and str(gw.group.pk) in breaches.content.decode()


def test_an_unrelated_page_edit_of_a_breaching_group_is_accepted(
    gw: Any, api_for: Any, client_for: Any
) -> None:
    _breach(gw, api_for)
    page = client_for(gw.w.coordinator).post(
        f"/groups/{gw.group.pk}/edit/",
        {
            "name": "Supervision Lille (bis)",
            "description": "",
            "facilitators": [gw.w.facilitator.pk],
        },
    )
    assert page.status_code == 302, page.content.decode()[:3000]
    assert Group.objects.get(pk=gw.group.pk).name == "Supervision Lille (bis)"


def test_a_new_facilitator_of_a_member_s_chain_is_still_refused(gw: Any, api_for: Any) -> None:
    _breach(gw, api_for)
    second = Person.objects.create(
        organisation=gw.w.org_a, first_name="Sonia", last_name="Seconde", profession="facilitator"
    )
    Membership.objects.create(person=second, organisation=gw.w.org_a, role=Role.FACILITATOR)
    Person.objects.filter(pk=gw.w.colleague.pk).update(line_manager=second)
    response = api_for(gw.w.coordinator).patch(
        f"{API}/groups/{gw.group.pk}/",
        {"facilitators": [str(gw.w.facilitator.pk), str(second.pk)]},
        format="json",
    )
    assert response.status_code == 400
    assert "Sonia Seconde is the line manager (N+1) of Colin Collegue." in response.content.decode()


# --- a facilitator refused for the true reason ---------------------------------------------------


def _confirm(world: Any, api_for: Any, kind: str, lead: Person, pool: list[Person]) -> Any:
    return api_for(world.coordinator).post(
        f"{API}/groups/compose/confirm/",
        {
            "kind": kind,
            "hard_questions": False,
            "groups": [[str(p.pk) for p in pool[:6]]],
            "organisation": str(world.org_a.pk),
            "name": "Groupe",
            "facilitators": [str(lead.pk)],
        },
        format="json",
    )


def test_a_professional_without_the_facilitator_role_is_refused_for_that_reason(
    world: Any, chef: Any, api_for: Any
) -> None:
    karim = Person.objects.create(
        organisation=world.org_a, first_name="Karim", last_name="Benali", profession="educator"
    )
    Membership.objects.create(person=karim, organisation=world.org_a, role=Role.PROFESSIONAL)
    refused = _confirm(world, api_for, "supervision", karim, chef.others)
    assert refused.status_code == 400
    said = refused.json()["error"]["fields"]["facilitators"][0]
    assert said.startswith("Karim Benali holds no facilitator role in the group's organisations.")
    assert "unknown" not in said
    # A peer-support group is led by any of its organisations' people.
    assert _confirm(world, api_for, "peer_support", karim, chef.others).status_code == 201


def test_the_page_gives_the_same_reason(world: Any, chef: Any, client_for: Any) -> None:
    karim = Person.objects.create(
        organisation=world.org_a, first_name="Karim", last_name="Benali", profession="educator"
    )
    Membership.objects.create(person=karim, organisation=world.org_a, role=Role.PROFESSIONAL)
    data = {
        "organisation": world.org_a.pk,
        "kind": "supervision",
        "name": "Supervision",
        "facilitators": [karim.pk],
        "candidates": [p.pk for p in chef.others[:6]],
        "confirm": "1",
        **{f"group_{p.pk}": "1" for p in chef.others[:6]},
    }
    page = client_for(world.coordinator).post("/groups/compose/", data)
    assert page.status_code == 200
    assert "Karim Benali holds no facilitator role" in page.content.decode()
    assert not Group.objects.filter(name__startswith="Supervision ").exists()


# --- French wording of the composition report ----------------------------------------------------


def test_names_are_joined_with_et_and_the_met_rule_reads_respectee(world: Any) -> None:
    from django.utils import translation

    from entrepairs.core.french import joined

    from .. import services

    with translation.override("fr"):
        assert joined(["Camille Martin", "Karim Benali"]) == "Camille Martin et Karim Benali"
        assert joined(["A", "B", "C"]) == "A, B et C"
        assert joined(["A"]) == "A"
        said = services.colleagues_message([world.colleague, world.professional])
        assert said.startswith("Colin Collegue et Paula Pro sont collègues directs")
        assert translation.pgettext("composition rule", "met") == "respectée"
    with translation.override("en"):
        assert joined(["A", "B"]) == "A and B"


def test_the_holiday_refusal_says_what_to_do_with_the_session_in_french() -> None:
    from django.utils import translation

    with translation.override("fr"):
        said = translation.gettext(
            "To hold the session on that day, tick “I confirm” and give the reason."
        )
    assert (
        said
        == "Pour programmer la séance ce jour-là, cochez «\u00a0Je confirme\u00a0» et indiquez le motif."
    )


def test_pages_write_times_the_french_way(gw: Any, client_for: Any) -> None:
    """One time helper (`core.french.clock`) on pages as in PDFs and e-mails: « 14 h 00 »."""
    from datetime import datetime

    from django.template import Context, Template
    from django.utils import timezone, translation

    moment = timezone.make_aware(datetime(2026, 6, 9, 14, 0))
    with translation.override("fr"):
        shown = Template("{% load french %}{{ moment|clock }}").render(Context({"moment": moment}))
    assert shown == "14\u00a0h\u00a000"
    # The page goes through the same filter (tests read pages in English: "14:00").
    from entrepairs.core.french import clock

    session = gw.group.sessions.order_by("starts_at").first()
    assert session is not None
    page = client_for(gw.w.facilitator).get(f"/groups/sessions/{session.pk}/")
    assert page.status_code == 200
    assert clock(session.starts_at) in page.content.decode()
