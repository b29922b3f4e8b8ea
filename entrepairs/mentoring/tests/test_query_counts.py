"""Lists keep a bounded number of SQL queries as data grows (pages and API)."""

from entrepairs.core.services import SYSTEM
from entrepairs.core.tests import querycounts as qc
from entrepairs.mentoring import lifecycle


def _count(fn) -> int:  # type: ignore[no-untyped-def]
    fn()  # warm up: the first API call of a token records its use
    return qc.count(fn)[0]


def _grow(mworld, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        m = mworld.approved_mentor(f"M{i}", f"Extra{i}")
        y = mworld.ready_youth(f"Y{i}", f"Extra{i}")
        match = lifecycle.match_create(
            by=SYSTEM, programme=mworld.programme, mentors=[m], youths=[y], mode="individual"
        )
        lifecycle.match_introduce(by=SYSTEM, match=match)


def test_it_keeps_lists_bounded_for_staff(mworld, active_match, client_for, api_for) -> None:
    c = client_for(mworld.world.coordinator)
    api = api_for(mworld.world.coordinator)
    p = mworld.programme.pk
    urls = [
        "/mentoring/matches/",
        "/mentoring/youths/",
        f"/mentoring/programmes/{p}/mentors/",
        "/mentoring/",
    ]
    apis = ["/api/v1/mentoring/matches/", "/api/v1/mentoring/youths/", "/api/v1/mentoring/mentors/"]
    before = [_count(lambda u=u: c.get(u)) for u in urls] + [
        _count(lambda u=u: api.get(u)) for u in apis
    ]
    _grow(mworld, 3)
    after = [_count(lambda u=u: c.get(u)) for u in urls] + [
        _count(lambda u=u: api.get(u)) for u in apis
    ]
    assert before == after


def test_it_keeps_lists_bounded_for_case_workers(mworld, active_match, client_for, api_for) -> None:
    c = client_for(mworld.world.worker_b)
    api = api_for(mworld.world.worker_b)
    before = [
        _count(lambda: c.get("/mentoring/matches/")),
        _count(lambda: api.get("/api/v1/mentoring/matches/")),
    ]
    _grow(mworld, 3)
    after = [
        _count(lambda: c.get("/mentoring/matches/")),
        _count(lambda: api.get("/api/v1/mentoring/matches/")),
    ]
    assert before == after


def test_it_keeps_a_mentors_match_list_bounded(mworld, client_for, api_for) -> None:
    g = mworld.approved_mentor("Gaby", "Groupe", mode="group", capacity=6)
    youths = [mworld.ready_youth(f"G{i}", f"Grp{i}", mode="group") for i in range(4)]
    m1 = lifecycle.match_create(
        by=SYSTEM, programme=mworld.programme, mentors=[g], youths=youths[:1], mode="group"
    )
    c = client_for(g.person)
    api = api_for(g.person)
    before = [
        _count(lambda: c.get("/mentoring/matches/")),
        _count(lambda: api.get("/api/v1/mentoring/matches/")),
    ]
    m1.youths.add(*youths[1:])
    lifecycle.match_create(
        by=SYSTEM,
        programme=mworld.programme,
        mentors=[mworld.mentor],
        youths=[mworld.youth],
        mode="individual",
    )
    after = [
        _count(lambda: c.get("/mentoring/matches/")),
        _count(lambda: api.get("/api/v1/mentoring/matches/")),
    ]
    assert before == after
