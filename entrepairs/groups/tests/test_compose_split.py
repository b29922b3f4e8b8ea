"""Composition finds every feasible split (issue 13 point 4): the number of groups follows from the
pool and the size bounds, the whole line-management chain is kept apart, the report reads as
sentences, and hand edits are checked again before anything is created, on the page and in the
API alike."""

from __future__ import annotations

from typing import Any

import pytest

from entrepairs.core.tests import querycounts as qc
from entrepairs.organisations.models import Team
from entrepairs.people.models import Person

from .. import compose
from ..models import Group

PROFESSIONS = ["tutor", "educator", "social_worker", "nurse", "psychologist", "psychologist"]


def _pool(world: Any, teams: int, per_team: int, prefix: str = "") -> list[Person]:
    """`teams` core teams of `per_team` staff, nobody managing anybody."""
    people = []
    for t in range(teams):
        team = Team.objects.create(organisation=world.org_a, name=f"Noyau {prefix}{t}", kind="core")
        for i in range(per_team):
            people.append(
                Person.objects.create(
                    organisation=world.org_a,
                    first_name=f"P{prefix}{t}{i}",
                    last_name=f"Pool{prefix}",
                    team=team,
                    profession=PROFESSIONS[(t + i) % len(PROFESSIONS)],
                    years_experience=(3 * t + 5 * i) % 17,
                )
            )
    return people


def test_it_solves_a_pool_of_18_that_only_fits_three_groups_of_6(world) -> None:
    """Six core teams of three with "questions hard to raise at work": two groups of 9 would
    seat two colleagues together; three groups of 6 hold one of each team."""
    pool = _pool(world, teams=6, per_team=3)
    proposal = compose.propose(candidates=pool, kind="supervision", hard_questions=True)
    assert sorted(len(g) for g in proposal.groups) == [6, 6, 6]
    for group in proposal.groups:
        assert len({p.team_id for p in group}) == 6
    assert all(ok for _n, ok, _s in proposal.constraints)
    sentences = [s for _n, _ok, s in proposal.constraints]
    assert "3 groups of 6 to 12 participants." in sentences


@pytest.mark.parametrize(
    ("teams", "per_team", "sizes"),
    [(13, 1, [6, 7]), (12, 2, [8, 8, 8]), (25, 1, [8, 8, 9])],
    ids=["13", "24", "25"],
)
def test_it_splits_pools_of_13_24_and_25(world, teams: int, per_team: int, sizes) -> None:
    pool = _pool(world, teams=teams, per_team=per_team)
    hard = per_team == 1  # one per team: the team rule can hold
    proposal = compose.propose(candidates=pool, kind="supervision", hard_questions=hard)
    got = sorted(len(g) for g in proposal.groups)
    assert sum(got) == len(pool)
    assert all(6 <= n <= 12 for n in got)
    assert got == sizes
    assert proposal.status in {"optimal", "feasible"}


def test_it_keeps_the_whole_chain_apart_not_only_direct_reports(world) -> None:
    """A director (N+2 of the staff through their team leader) is never with the staff."""
    pool = _pool(world, teams=20, per_team=1)
    director = pool[0]
    leader = pool[1]
    leader.line_manager = director
    leader.save()
    staff = pool[2:8]
    for p in staff:
        p.line_manager = leader
        p.save()
    proposal = compose.propose(candidates=pool, kind="supervision", hard_questions=False)
    assert proposal.status != "constraint_violated"
    for group in proposal.groups:
        ids = {p.pk for p in group}
        if director.pk in ids:
            assert leader.pk not in ids and not ids & {p.pk for p in staff}
        if leader.pk in ids:
            assert not ids & {p.pk for p in staff}


def test_it_reports_a_hand_edit_in_french_sentences(world) -> None:
    from django.utils import translation

    pool = _pool(world, teams=6, per_team=2)
    pool[1].line_manager = world.manager
    pool[1].save()
    karim = Person.objects.create(
        organisation=world.org_a, first_name="Karim", last_name="Benali", profession="manager"
    )
    world.manager.line_manager = karim
    world.manager.save()
    lea = pool[1]
    with translation.override("fr"):
        report = compose.check(
            assignment={1: [karim, *pool[:6]], 2: pool[6:12]},
            kind="supervision",
            hard_questions=True,
        )
        hard = [s for _c, s in report.hard]
    assert f"Groupe 1\xa0: Karim Benali a {lea} sous sa responsabilité hiérarchique (N+2)." in hard
    assert any("collègues directs" in s for s in hard)


def _body(world: Any, pool: list[Person], groups: list[list[Person]]) -> dict[str, Any]:
    return {
        "organisation": str(world.org_a.pk),
        "kind": "supervision",
        "name": "Supervision API",
        "hard_questions": False,
        "facilitators": [str(world.facilitator.pk)],
        "groups": [[str(p.pk) for p in g] for g in groups],
    }


def test_it_blocks_a_hand_edit_that_seats_a_chain_in_the_api_with_field_errors(
    world, api_for
) -> None:
    pool = _pool(world, teams=12, per_team=1)
    pool[0].line_manager = world.manager
    pool[0].save()
    api = api_for(world.coordinator)
    bad = _body(world, pool, [[world.manager, *pool[:6]], pool[6:12]])
    checked = api.post("/api/v1/groups/compose/check/", bad, format="json")
    assert checked.status_code == 200 and checked.json()["blocking"] is True
    refused = api.post("/api/v1/groups/compose/confirm/", bad, format="json")
    assert refused.status_code == 400
    fields = refused.json()["error"]["fields"]
    assert "Marc Manager is the line manager (N+1) of" in " ".join(fields["groups"])
    assert not Group.objects.filter(name__startswith="Supervision API").exists()
    # Positive control: the manager in the other group; a single-profession group is a warning.
    good = _body(world, pool, [pool[:6], [world.manager, *pool[6:11]]])
    done = api.post("/api/v1/groups/compose/confirm/", good, format="json")
    assert done.status_code == 201, done.json()
    assert len(done.json()["groups"]) == 2
    assert Group.objects.filter(name__startswith="Supervision API").count() == 2


def test_it_refuses_unknown_candidates_and_non_coordinators_in_the_api(world, api_for) -> None:
    pool = _pool(world, teams=6, per_team=1)
    body = _body(world, pool, [[*pool, world.worker_b]])
    refused = api_for(world.coordinator).post(
        "/api/v1/groups/compose/confirm/", body, format="json"
    )
    assert refused.status_code == 400 and "groups" in refused.json()["error"]["fields"]
    forbidden = api_for(world.professional).post(
        "/api/v1/groups/compose/confirm/", _body(world, pool, [pool]), format="json"
    )
    assert forbidden.status_code == 403


def test_it_gives_the_page_and_the_api_the_same_refusal_for_a_hand_edit(
    world, client_for, api_for
) -> None:
    pool = _pool(world, teams=12, per_team=1)
    pool[0].line_manager = world.manager
    pool[0].save()
    groups = [[world.manager, *pool[:6]], pool[6:12]]
    api = api_for(world.coordinator).post(
        "/api/v1/groups/compose/confirm/", _body(world, pool, groups), format="json"
    )
    page = client_for(world.coordinator).post(
        "/groups/compose/",
        {
            "organisation": world.org_a.pk,
            "kind": "supervision",
            "name": "Supervision API",
            "facilitators": [world.facilitator.pk],
            "candidates": [p.pk for g in groups for p in g],
            **{f"group_{p.pk}": str(n) for n, g in enumerate(groups, 1) for p in g},
            "confirm": "1",
        },
    )
    message = api.json()["error"]["fields"]["groups"][0]
    assert message.startswith("Group 1: Marc Manager is the line manager (N+1) of")
    assert page.status_code == 200
    import html

    assert message in html.unescape(page.content.decode())
    assert not Group.objects.filter(name__startswith="Supervision API").exists()


def test_it_lists_candidates_with_team_profession_and_manager_in_bounded_queries(
    world, client_for
) -> None:
    client = client_for(world.coordinator)
    _pool(world, teams=2, per_team=3, prefix="a")
    small, _r = qc.count(lambda: client.get("/groups/compose/"))
    more = _pool(world, teams=10, per_team=6, prefix="b")
    for p in more[1:]:
        p.line_manager = more[0]
        p.save()
    large, response = qc.count(lambda: client.get("/groups/compose/"))
    assert large <= small, (small, large)
    page = response.content.decode()
    assert 'id="select-all"' in page and 'data-candidate-filter="team"' in page
    assert f"<td>{more[0]}</td>" in page  # the manager column
    assert "onclick" not in page and "onchange" not in page


def test_it_checks_a_hand_edit_on_the_page_and_keeps_who_was_left_out(world, client_for) -> None:
    pool = _pool(world, teams=13, per_team=1)
    data = {
        "organisation": world.org_a.pk,
        "kind": "supervision",
        "name": "Vérifiée",
        "facilitators": [world.facilitator.pk],
        "candidates": [p.pk for p in pool],
        **{f"group_{p.pk}": "1" if i < 6 else "2" for i, p in enumerate(pool[:12])},
        f"group_{pool[12].pk}": "0",
        "check": "1",
    }
    page = client_for(world.coordinator).post("/groups/compose/", data).content.decode()
    assert 'id="left-out"' in page and f'name="group_{pool[12].pk}" value="0"' in page
    assert "1 candidate is in no group." in page
    assert "2 groups of 6 to 12 participants." in page
    assert not Group.objects.filter(name__startswith="Vérifiée").exists()


def test_a_candidate_without_a_profession_is_named_not_called_unknown(world, api_for) -> None:
    """Outside test: a colleague of the coordinator's own organisation with no profession got
    "not in your organisations"."""
    pool = _pool(world, teams=6, per_team=1)
    blank = Person.objects.create(organisation=world.org_a, first_name="Sacha", last_name="Sans")
    api = api_for(world.coordinator)
    answer = api.post(
        "/api/v1/groups/compose/",
        {"kind": "peer_support", "candidates": [str(p.pk) for p in [*pool, blank]]},
        format="json",
    )
    assert answer.status_code == 400
    message = answer.json()["error"]["fields"]["candidates"][0]
    assert "Sacha Sans" in message and "profession" in message
    checked = api.post(
        "/api/v1/groups/compose/check/", _body(world, pool, [[*pool, blank]]), format="json"
    )
    assert "Sacha Sans" in checked.json()["error"]["fields"]["groups"][0]
    stranger = api.post(
        "/api/v1/groups/compose/",
        {"kind": "peer_support", "candidates": [str(p.pk) for p in [*pool, world.worker_b]]},
        format="json",
    )
    assert "worker" not in stranger.json()["error"]["fields"]["candidates"][0].lower()
    assert "Berthe" not in stranger.json()["error"]["fields"]["candidates"][0]
