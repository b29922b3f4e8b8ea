"""Mentoring matching benchmark: 5,000 waiting youths x 5,000 mentors, database to stored proposals.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/bench_mentoring.py                 # SQLite file var/bench_mentoring.sqlite3
    .venv/bin/python bench/bench_mentoring.py --database-url postgres://...
    .venv/bin/python bench/bench_mentoring.py --youths 1000 --mentors 1000

It migrates the database, builds (once) a programme with N ready youths (consents, readiness)
and M approved mentors (interview, references, background check, safeguarding, training) with
bulk_create, then times `matching.execute` — the same function the worker task runs: loading
rows, building solver inputs, solving (entrepairs.solvers, exact), storing proposals and
reasons for the unmatched. Optimality: the solver reports a proven bound; gap must be 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTERESTS = [
    "football",
    "music",
    "drawing",
    "cooking",
    "video games",
    "reading",
    "dance",
    "swimming",
    "theatre",
    "science",
    "basketball",
    "hiking",
    "photography",
    "chess",
    "climbing",
    "cinema",
]
LANGS = ["fr", "en", "ar", "es", "pt", "tr", "de", "it"]
REGIONS = ["Lille", "Arras", "Lens", "Douai", "Valenciennes", "Dunkerque", "Calais", "Boulogne"]
SLOTS = [
    f"{d}-{p}" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") for p in ("am", "pm")
]


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entrepairs.settings")
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(youths: int, mentors: int, seed: int = 5) -> object:
    from entrepairs.mentoring.models import (
        Consent,
        Mentor,
        Programme,
        ScreeningStep,
        SharingAgreement,
        TrainingCompletion,
        TrainingModule,
        Youth,
    )
    from entrepairs.organisations.models import Organisation
    from entrepairs.people.models import Person

    name = f"Bench {youths}x{mentors}"
    existing = Programme.objects.filter(name=name).first()
    if existing is not None:
        return existing
    rng = random.Random(seed)
    org, _ = Organisation.objects.get_or_create(
        slug="bench-mentoring", defaults={"name": "Bench mentoring"}
    )
    agency, _ = Organisation.objects.get_or_create(
        slug="bench-agency", defaults={"name": "Bench agency", "kind": "agency"}
    )
    SharingAgreement.objects.get_or_create(
        organisation=org,
        agency=agency,
        defaults={"fields": ["first_name"], "purposes": {"first_name": "address"}},
    )
    module, _ = TrainingModule.objects.get_or_create(organisation=org, name="Bench basics")
    programme = Programme.objects.create(
        organisation=org, name=name, references_required=1, require_common_language=True
    )
    programme.required_trainings.add(module)

    def person(o: Organisation, i: int, kind: str) -> Person:
        return Person(
            organisation=o,
            first_name=f"{kind}{i}",
            last_name="Bench",
            languages=rng.sample(LANGS, rng.randint(1, 2)) if rng.random() > 0.1 else ["fr"],
            region=rng.choice(REGIONS),
            availability=rng.sample(SLOTS, rng.randint(2, 6)),
            years_experience=rng.randint(0, 30) if kind == "m" else None,
        )

    ypeople = Person.objects.bulk_create(
        [person(agency, i, "y") for i in range(youths)], batch_size=2000
    )
    mpeople = Person.objects.bulk_create(
        [person(org, i, "m") for i in range(mentors)], batch_size=2000
    )
    ys = Youth.objects.bulk_create(
        [
            Youth(
                programme=programme,
                person=p,
                agency=agency,
                organisation=agency,
                birth_date=date(rng.randint(2008, 2016), rng.randint(1, 12), rng.randint(1, 28)),
                gender=rng.choice(["f", "m", ""]),
                interests=rng.sample(INTERESTS, rng.randint(1, 4)),
                preferred_genders=[rng.choice(["f", "m"])] if rng.random() < 0.3 else [],
                mode="group" if rng.random() < 0.1 else "individual",
                readiness="ready",
            )
            for p in ypeople
        ],
        batch_size=2000,
    )
    Consent.objects.bulk_create(
        [
            Consent(youth=y, party=party, given_by="x")
            for y in ys
            for party in ("youth", "placing_service")
        ],
        batch_size=5000,
    )
    ms = Mentor.objects.bulk_create(
        [
            Mentor(
                programme=programme,
                organisation=org,
                person=p,
                status="approved",
                birth_year=rng.randint(1955, 2002),
                gender=rng.choice(["f", "m"]),
                interests=rng.sample(INTERESTS, rng.randint(1, 5)),
                mode="group" if rng.random() < 0.05 else "individual",
                capacity=rng.choice([3, 4, 5]),
            )
            for p in mpeople
        ],
        batch_size=2000,
    )
    ScreeningStep.objects.bulk_create(
        [
            ScreeningStep(
                mentor=m, kind=k, outcome="passed", referee="r" if k == "reference" else ""
            )
            for m in ms
            for k in ("interview", "reference", "background_check", "safeguarding")
        ],
        batch_size=5000,
    )
    TrainingCompletion.objects.bulk_create(
        [
            TrainingCompletion(module=module, person=p, completed_on=date(2026, 1, 1))
            for p in mpeople
        ],
        batch_size=5000,
    )
    return programme


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench_mentoring.sqlite3'}"
    )
    parser.add_argument("--youths", type=int, default=5000)
    parser.add_argument("--mentors", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    setup(args.database_url)
    from django.db import connection

    from entrepairs.mentoring.matching import execute
    from entrepairs.mentoring.models import MatchingRun, Proposal

    t0 = time.perf_counter()
    programme = build(args.youths, args.mentors)
    print(f"data ready in {time.perf_counter() - t0:.1f} s")
    for n in range(args.runs):
        run = MatchingRun.objects.create(programme=programme, organisation=programme.organisation)
        steps: list[tuple[float, str]] = []
        started = time.perf_counter()
        execute(
            run, lambda pct, step, s=steps, t=started: s.append((time.perf_counter() - t, step))
        )
        total = time.perf_counter() - started
        stored = Proposal.objects.filter(run=run).count()
        run.refresh_from_db()
        timeline = ", ".join(f"{step} @{t:.1f}s" for t, step in steps)
        print(
            f"run {n + 1}: {total:.1f} s total ({run.stats['seconds']:.1f} s in the solver); "
            f"{stored} proposals, {run.stats['unmatched']} unmatched; methods: "
            f"{run.stats.get('individual_method')} / {run.stats.get('group_method')}; {timeline}"
        )
        Proposal.objects.filter(run=run).delete()
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {connection.vendor}"
    )


if __name__ == "__main__":
    main()
