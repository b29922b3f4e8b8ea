"""Match page benchmark: a match's page and its follow-up API lists at 100 and 1,000 rows.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/bench_match_page.py                  # SQLite file var/bench_match_page.sqlite3
    .venv/bin/python bench/bench_match_page.py --database-url postgres://...
    .venv/bin/python bench/bench_match_page.py --sizes 100 --runs 5

For each size N it builds (once, bulk_create) a programme whose active match has N check-ins
(three open, one per party, the rest done with a rating and a note, as the follow-up leaves them),
N contacts and N progress notes; a second active match with N open check-ins (the worst case, as
the query-count test builds it); and N matches accepted and waiting to be introduced (the
programme's matching page lists them). Then it requests, as the programme's coordinator, every
endpoint once to warm up and `--runs` times in turn (the peers in the same round, so a busy
machine weighs on all of them alike): the two match pages, the first one's three follow-up API lists, the matching
page, and as peers the matches list page (paginated since the start), the matches API and a bare
view. Each request goes through Django's request handler in-process (the test client without the
test environment: no template instrumentation), with the list cache off (what the first view after
a change costs). It prints the minimum and median time per endpoint, its SQL query count and the
machine's 1-minute load average sampled beside each request.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["meeting", "outing", "call", "message"]
PLACES = ["Parc de la Citadelle", "Médiathèque", "Piscine Marx Dormoy", "Café du Nord", ""]
SENTENCES = [
    "Nous avons parlé de l'école et des devoirs de mathématiques.",
    "Sortie au musée : beaucoup de questions, bonne humeur.",
    "Il a présenté son projet de stage avec plus d'assurance.",
    "Rendez-vous manqué, reporté à la semaine prochaine.",
    "Elle commence à proposer elle-même les activités.",
]


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bench_settings")
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    os.environ["LIST_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


@dataclass
class World:
    size: int
    user: Any
    programme: Any
    match: Any
    all_open: Any  # a second active match whose N check-ins were done without a rating


def _people(org: Any, prefix: str, n: int) -> list[Any]:
    from entrepairs.people.models import Person

    return Person.objects.bulk_create(
        Person(organisation=org, first_name=f"{prefix}{i}", last_name=f"Banc{i:05d}")
        for i in range(n)
    )


def _matches(programme: Any, agency: Any, n: int, status: str) -> list[Any]:
    """n matches of one mentor and one youth each (their people, mentors, youths, links)."""
    from entrepairs.mentoring.models import Match, Mentor, Youth

    org = programme.organisation
    youths = Youth.objects.bulk_create(
        Youth(
            programme=programme,
            person=p,
            agency=agency,
            organisation=agency,
            birth_date=date(2012, 1, 1),
            readiness=Youth.Readiness.READY,
            status=Youth.Status.MATCHED,
        )
        for p in _people(agency, "Jeune", n)
    )
    mentors = Mentor.objects.bulk_create(
        Mentor(programme=programme, organisation=org, person=p, status=Mentor.Status.APPROVED)
        for p in _people(org, "Mentor", n)
    )
    matches = Match.objects.bulk_create(
        Match(programme=programme, organisation=org, status=status, score=3.5) for _ in range(n)
    )
    Match.mentors.through.objects.bulk_create(
        Match.mentors.through(match_id=m.pk, mentor_id=x.pk)
        for m, x in zip(matches, mentors, strict=True)
    )
    Match.youths.through.objects.bulk_create(
        Match.youths.through(match_id=m.pk, youth_id=y.pk)
        for m, y in zip(matches, youths, strict=True)
    )
    return matches


def build(size: int, seed: int = 10) -> World:  # noqa: PLR0914 - one data set, built in order
    from entrepairs.accounts.models import User
    from entrepairs.mentoring.models import (
        CheckIn,
        ContactLog,
        Match,
        Programme,
        ProgressNote,
        SharingAgreement,
    )
    from entrepairs.organisations.models import Membership, Organisation, Role
    from entrepairs.people.models import Person

    rng = random.Random(seed)
    org, _ = Organisation.objects.get_or_create(
        slug=f"bench-match-{size}", defaults={"name": f"Banc jumelage {size}"}
    )
    email = f"coordination@bench-match-{size}.test"
    user = User.objects.filter(email=email).first()
    name = f"Banc page jumelage {size}"
    programme = Programme.objects.filter(name=name, organisation=org).first()
    if programme is not None and user is not None:
        match, all_open = Match.objects.filter(
            programme=programme, status=Match.Status.ACTIVE
        ).order_by("introduced_on")
        return World(size, user, programme, match, all_open)
    agency, _ = Organisation.objects.get_or_create(
        slug=f"bench-match-agency-{size}",
        defaults={"name": f"Agence banc {size}", "kind": "agency"},
    )
    user = User.objects.create_user(email, "bench-only-password")
    coordinator = Person.objects.create(
        organisation=org, first_name="Claire", last_name="Banc", email=email, user=user
    )
    Membership.objects.create(person=coordinator, organisation=org, role=Role.COORDINATOR)
    SharingAgreement.objects.create(
        organisation=org, agency=agency, fields=["first_name"], purposes={"first_name": "x"}
    )
    programme = Programme.objects.create(organisation=org, name=name)
    (match,) = _matches(programme, agency, 1, Match.Status.ACTIVE)
    Match.objects.filter(pk=match.pk).update(introduced_on=date(2024, 1, 1))
    youth = match.youths.get()
    start, parties = date(2024, 1, 1), ["mentor", "youth", "guardian"]
    CheckIn.objects.bulk_create(
        CheckIn(
            match=match,
            party=parties[i % 3],
            due_on=start + timedelta(days=30 * (i // 3)),
            done_on=None if i >= size - 3 else start + timedelta(days=30 * (i // 3) + 2),
            rating=None if i >= size - 3 else rng.randint(2, 5),
            meets_regularly=None if i >= size - 3 else rng.random() > 0.2,
            note="" if i >= size - 3 else rng.choice(SENTENCES),
        )
        for i in range(size)
    )
    ContactLog.objects.bulk_create(
        ContactLog(
            match=match,
            kind=rng.choice(KINDS),
            happened_on=start + timedelta(days=i),
            duration_minutes=rng.choice([None, 30, 60, 90, 120]),
            place=rng.choice(PLACES),
            note=rng.choice(SENTENCES),
        )
        for i in range(size)
    )
    ProgressNote.objects.bulk_create(
        ProgressNote(
            match=match,
            youth=youth,
            text=" ".join(rng.sample(SENTENCES, 3)),
            author=coordinator,
        )
        for _ in range(size)
    )
    (all_open,) = _matches(programme, agency, 1, Match.Status.ACTIVE)
    Match.objects.filter(pk=all_open.pk).update(introduced_on=date(2025, 1, 1))
    CheckIn.objects.bulk_create(
        # one open check-in per party at most (a constraint since issue 14): the rest are done,
        # unrated (the page once drew a form for each open one)
        CheckIn(
            match=all_open,
            party=parties[i % 3],
            due_on=start + timedelta(days=i),
            done_on=None if i >= size - 3 else start + timedelta(days=i),
        )
        for i in range(size)
    )
    _matches(programme, agency, size, Match.Status.PROPOSED)
    return World(size, user, programme, match, all_open)


def endpoints(w: World) -> list[tuple[str, str]]:
    m, p = w.match.pk, w.programme.pk
    api = "/api/v1/mentoring"
    return [
        ("Page: match (follow-up)", f"/mentoring/matches/{m}/"),
        ("Page: match, check-ins unrated", f"/mentoring/matches/{w.all_open.pk}/"),
        ("API: match check-ins", f"{api}/matches/{m}/checkins/"),
        ("API: match contacts", f"{api}/matches/{m}/contacts/"),
        ("API: match progress notes", f"{api}/matches/{m}/notes/"),
        ("Page: programme matching", f"/mentoring/programmes/{p}/matching/"),
        ("Peer page: matches list", "/mentoring/matches/"),
        ("Peer API: matches list", f"{api}/matches/?programme={p}"),
        ("Peer: bare view", "/bench/bare"),
    ]


def _load() -> float:
    return os.getloadavg()[0]


def measure(w: World, runs: int) -> list[tuple[str, list[float], list[float], int]]:
    """(name, seconds per run, load beside each run, SQL queries) per endpoint."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(w.user, backend="django.contrib.auth.backends.ModelBackend")
    targets = endpoints(w)
    queries: dict[str, int] = {}
    for _name, url in targets:  # warm-up: first-use costs (content types, session) paid here
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    for name, url in targets:  # the query count of each endpoint, warm
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        queries[name] = len(ctx)
    times: dict[str, list[float]] = {name: [] for name, _ in targets}
    loads: dict[str, list[float]] = {name: [] for name, _ in targets}
    for _ in range(runs):
        for name, url in targets:
            loads[name].append(_load())
            started = time.perf_counter()
            response = client.get(url)
            times[name].append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
    return [(name, times[name], loads[name], queries[name]) for name, _ in targets]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench_match_page.sqlite3'}"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup(args.database_url)
    from django.db import connection

    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {connection.vendor}; load {_load():.1f} at start"
    )
    print("| Rows | Endpoint | Min ms | Median ms | Load (1 min) | SQL queries |")
    print("| ---: | --- | ---: | ---: | --- | ---: |")
    for size in args.sizes:
        world = build(size)
        for name, times, loads, queries in measure(world, args.runs):
            load = "–".join(f"{x:.1f}" for x in (min(loads), max(loads)))
            print(
                f"| {size:,} | {name} | {min(times) * 1000:,.0f} | "
                f"{statistics.median(times) * 1000:,.0f} | {load} | {queries} |",
                flush=True,
            )
    print(f"load {_load():.1f} at the end")


if __name__ == "__main__":
    main()
