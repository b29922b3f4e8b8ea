"""Casework allocation benchmark (issue 12): from the database to a stored proposal.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/bench_casework_allocation.py                  # both scales, 3 runs
    .venv/bin/python bench/bench_casework_allocation.py --scale national --runs 1
    .venv/bin/python bench/bench_casework_allocation.py --database-url postgres://...

It migrates the database (SQLite file var/bench_casework.sqlite3 by default) and builds, once,
with bulk_create and a fixed seed:
- regional: a regional team of 15 (core teams of 8 and 7) with 400 cases;
- national: 2,000 guardians in 250 core teams of 8 (in 25 regional teams), 40,000 cases.
Each member has a working time (0.5 to 1 FTE) and a cap; one member per core team is on leave
today; 10 % of the cases wait for allocation, the others are held unevenly (a few members carry
much more than their share). Cases weigh 1 to 10 as `weight_factors` gives.

A run times `services.allocation_propose` — the function the page and the API call: read the
team, solve with the caseload solver, store the proposal and its moves — for every core team,
once for the new cases and once for a rebalance, then deletes the proposals. Beside each figure:
the load average when the run started (the machine is shared). Beside each result: the solver's
proven bound (no allocation can have a lower highest ratio), and how many core teams reach it.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALES = {
    # name: (regional teams, core teams per region, members per core team, cases)
    "regional": (1, (8, 7), 400),
    "national": (25, (8,) * 10, 40_000),
}
FTES = ["1.00", "1.00", "0.90", "0.80", "0.50"]


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entrepairs.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(scale: str, seed: int = 12) -> list:
    """The scale's core teams (built once), each with the member who proposes."""
    from entrepairs.casework.models import Case, Leave, MemberProfile
    from entrepairs.organisations.models import Membership, Organisation, Role, Team
    from entrepairs.people.models import Person

    regions, sizes, n_cases = SCALES[scale]
    org, created = Organisation.objects.get_or_create(
        slug=f"bench-casework-{scale}", defaults={"name": f"Bench casework {scale}"}
    )
    if created:
        rng = random.Random(seed)
        today = date.today()
        cores = []
        for r in range(regions):
            region = Team.objects.create(
                organisation=org, name=f"Région {r:02d}", kind=Team.Kind.REGIONAL
            )
            cores += Team.objects.bulk_create(
                Team(
                    organisation=org,
                    name=f"Noyau {r:02d}-{c:02d}",
                    kind=Team.Kind.CORE,
                    parent=region,
                )
                for c in range(len(sizes))
            )
        members = Person.objects.bulk_create(
            (
                Person(
                    organisation=org,
                    first_name=f"Tuteur{t}-{i}",
                    last_name="Bench",
                    profession="tutor",
                    team=team,
                )
                for t, team in enumerate(cores)
                for i in range(sizes[t % len(sizes)])
            ),
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            (Membership(person=p, organisation=org, role=Role.PROFESSIONAL) for p in members),
            batch_size=2000,
        )
        ftes = {p.pk: Decimal(rng.choice(FTES)) for p in members}
        per_member = n_cases / len(members)
        MemberProfile.objects.bulk_create(
            (
                MemberProfile(
                    organisation=org,
                    person=p,
                    fte=ftes[p.pk],
                    max_caseload=min(60, int(per_member * 2.5 * float(ftes[p.pk]))),
                )
                for p in members
            ),
            batch_size=2000,
        )
        by_team: dict = {}
        for p in members:
            by_team.setdefault(p.team_id, []).append(p)
        Leave.objects.bulk_create(
            Leave(
                organisation=org,
                person=people[-1],
                starts_on=today - timedelta(days=3),
                ends_on=today + timedelta(days=10),
            )
            for people in by_team.values()
        )
        children = Person.objects.bulk_create(
            (
                Person(organisation=org, first_name=f"Enfant{i}", last_name="Bench")
                for i in range(n_cases)
            ),
            batch_size=2000,
        )
        cases = []
        for i, child in enumerate(children):
            team = cores[i % len(cores)]
            people = by_team[team.pk]
            waiting = rng.random() < 0.10
            # Held unevenly: the first two members of a team carry about half of its cases.
            holder = (
                None
                if waiting
                else (people[rng.randrange(2)] if rng.random() < 0.5 else rng.choice(people))
            )
            cases.append(
                Case(
                    organisation=org,
                    core_team=team,
                    child=child,
                    guardian=holder,
                    status=Case.Status.NEW if waiting else Case.Status.OPEN,
                    birth_date=date(today.year - rng.randint(6, 17), rng.randint(1, 12), 15),
                    vulnerability=rng.choice(["low", "low", "medium", "high"]),
                    procedures=rng.sample(
                        ["asylum", "court", "family_reunification", "medical"], rng.randint(0, 2)
                    ),
                    weight=rng.choices(range(1, 11), [4, 8, 10, 9, 7, 5, 3, 2, 1, 1])[0],
                )
            )
        Case.objects.bulk_create(cases, batch_size=2000)
    cores = list(Team.objects.filter(organisation=org, kind=Team.Kind.CORE).order_by("name"))
    first: dict = {}
    for p in Person.objects.filter(team__in=cores).order_by("last_name", "first_name"):
        first.setdefault(p.team_id, p)
    return [(team, first[team.pk]) for team in cores]


def room(team: object) -> str:
    """Why a refusal may surprise: the cases the members who take new ones could still take."""
    from django.utils import timezone

    from entrepairs.casework.allocation import member_loads

    members, cases = member_loads(team, timezone.localdate())  # type: ignore[arg-type]
    waiting = sum(1 for c in cases if c.guardian_id is None)
    free = sum(m.cap - m.cases_before for m in members if not m.excluded)
    return f"{waiting} waiting, room for {free} under the caps"


def one_run(teams: list, kind: str) -> tuple[float, float, list, list]:
    """(seconds, load average at the start, the stored proposals, the refusals)."""
    from django.core.exceptions import ValidationError

    from entrepairs.casework import services

    load = os.getloadavg()[0]
    proposals, refused = [], []
    started = time.perf_counter()
    for team, by in teams:
        try:
            proposals.append(services.allocation_propose(team=team, kind=kind, by=by))
        except ValidationError as exc:  # a refusal is a result too: counted, timed, reported
            refused.append((team, exc.messages[0]))
    return time.perf_counter() - started, load, proposals, refused


def describe(proposals: list) -> str:
    from entrepairs.casework.models import ProposedMove

    moves = ProposedMove.objects.filter(proposal__in=proposals).count()
    at_bound = sum(1 for p in proposals if p.max_ratio_after <= p.bound + 1e-9)
    worst = max(proposals, key=lambda p: p.max_ratio_after - p.bound)
    statuses = sorted({p.solver_status for p in proposals})
    return (
        f"{moves} moves; highest ratio after {max(p.max_ratio_after for p in proposals):.1f} "
        f"(before {max(p.max_ratio_before for p in proposals):.1f}); {at_bound}/{len(proposals)} "
        f"core teams at the proven bound, widest gap {worst.max_ratio_after:.1f} vs bound "
        f"{worst.bound:.1f}; solver: {', '.join(statuses)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench_casework.sqlite3'}"
    )
    parser.add_argument("--scale", choices=[*SCALES, "both"], default="both")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup(args.database_url)
    from django.db import connection

    from entrepairs.casework.models import AllocationProposal, Case

    scales = list(SCALES) if args.scale == "both" else [args.scale]
    for scale in scales:
        t0 = time.perf_counter()
        teams = build(scale)
        cases = Case.objects.filter(core_team__in=[t for t, _ in teams]).count()
        print(
            f"\n{scale}: {len(teams)} core teams, {cases} cases; data ready in {time.perf_counter() - t0:.1f} s"
        )
        for kind in ("new_cases", "rebalance"):
            times = []
            for n in range(args.runs):
                seconds, load, proposals, refused = one_run(teams, kind)
                times.append(seconds)
                print(
                    f"  {kind} run {n + 1}: {seconds:.2f} s (load {load:.1f}); {describe(proposals)}"
                )
                if refused:
                    team, why = refused[0]
                    print(
                        f"    {len(refused)} core teams refused, e.g. {team}: {why} ({room(team)})"
                    )
                AllocationProposal.objects.filter(pk__in=[p.pk for p in proposals]).delete()
            print(
                f"  {kind}: min {min(times):.2f} s, median {statistics.median(times):.2f} s "
                f"over {len(times)} runs ({len(teams)} core teams, {min(times) / len(teams) * 1000:.0f} ms each at best)"
            )
    print(
        f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {connection.vendor}"
    )


if __name__ == "__main__":
    main()
