"""Seeded, structured (not uniform) synthetic data for the matching-engine benchmark.

People cluster in regions around city centres, interests come from a few themes with
Zipf-like popularity, most people share one main language, availability follows weekly
patterns and mentors are older and more experienced than seekers.
"""

from __future__ import annotations

import numpy as np

from entrepairs.solvers import Item, Member, Worker
from entrepairs.solvers.scoring import Candidate

THEMES = {
    "sport": ["football", "running", "climbing", "cycling", "swimming", "basketball"],
    "arts": ["music", "drawing", "theatre", "photography", "writing", "dance"],
    "tech": ["coding", "gaming", "robotics", "electronics", "3d-printing"],
    "nature": ["hiking", "gardening", "animals", "camping", "fishing"],
    "society": ["volunteering", "politics", "history", "cooking", "languages"],
}
LANGS = ["de", "en", "ar", "tr", "uk", "fa", "fr", "ru"]
LANG_P = [0.55, 0.15, 0.08, 0.07, 0.05, 0.04, 0.03, 0.03]
SLOTS = [
    f"{d}-{p}"
    for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    for p in ("am", "pm", "eve")
]
PROFESSIONS = [
    "social-work",
    "nursing",
    "psychology",
    "teaching",
    "medicine",
    "law",
    "admin",
    "therapy",
]
PROF_P = [0.3, 0.2, 0.13, 0.12, 0.08, 0.07, 0.06, 0.04]


def _people(
    rng: np.random.Generator, n: int, prefix: str, n_regions: int, mentor: bool
) -> list[Candidate]:
    """Vectorised draws, then one cheap constructor call per person (100k people in ~1 s)."""
    theme_names = list(THEMES)
    centres = np.random.default_rng(12345).uniform([47.5, 6.0], [54.5, 14.5], size=(n_regions, 2))
    region_p = 1.0 / np.arange(1, n_regions + 1) ** 0.5
    region_p /= region_p.sum()
    regions = rng.choice(n_regions, size=n, p=region_p)
    loc = centres[regions] + rng.normal(0, 0.12, (n, 2))
    t1 = rng.choice(5, size=n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    t2 = (t1 + 1 + rng.integers(0, 4, n)) % 5
    n_int = rng.integers(2, 6, n)
    pick_first = rng.random((n, 5)) < 0.75
    pick_idx = rng.integers(0, 1000, (n, 5))
    main_lang = rng.choice(len(LANGS), size=n, p=LANG_P)
    second = rng.random(n) < 0.5
    pattern = rng.integers(0, 3, n)
    bases = [
        [s for s in SLOTS if s.endswith("eve")],
        [s for s in SLOTS if s.startswith(("sat", "sun"))],
        [s for s in SLOTS if s.endswith(("am", "pm")) and not s.startswith(("sat", "sun"))],
    ]
    n_av = rng.integers(2, 6, n)
    av_order = np.argsort(rng.random((n, 10)), axis=1)
    gender = rng.choice(3, size=n, p=[0.52, 0.46, 0.02])
    genders = ["f", "m", "d"]
    u = rng.random((n, 4))
    ages = rng.integers(22, 70, n) if mentor else rng.integers(12, 27, n)
    exp = np.round(rng.gamma(2.0, 4.0, n), 1) if mentor else rng.integers(0, 3, n).astype(float)
    teams = rng.integers(0, 40, n)
    out = []
    for k in range(n):
        th1, th2 = THEMES[theme_names[t1[k]]], THEMES[theme_names[t2[k]]]
        interests = frozenset(
            (th1 if pick_first[k, x] else th2)[
                pick_idx[k, x] % len(th1 if pick_first[k, x] else th2)
            ]
            for x in range(n_int[k])
        )
        langs = {LANGS[main_lang[k]]}
        if second[k]:
            langs.add("de" if "de" not in langs else "en")
        base = bases[pattern[k]]
        avail = frozenset(base[x] for x in av_order[k] if x < len(base))
        avail = frozenset(sorted(avail)[: n_av[k]])
        common = {
            "id": f"{prefix}{k}",
            "interests": interests,
            "languages": frozenset(langs),
            "region": f"r{regions[k]}",
            "location": (float(loc[k, 0]), float(loc[k, 1])),
            "availability": avail,
            "gender": genders[gender[k]],
            "age": int(ages[k]),
            "experience_years": float(exp[k]),
        }
        if mentor:
            out.append(
                Candidate(**common, team=f"t{teams[k]}", safeguarding_cleared=bool(u[k, 0] < 0.93))
            )
        else:
            out.append(
                Candidate(
                    **common,
                    preferred_genders=frozenset([genders[gender[k]]])
                    if u[k, 1] < 0.35
                    else frozenset(),
                    preferred_age_range=(20, 35) if u[k, 2] < 0.2 else None,
                    required_language="ar" if "ar" in langs and u[k, 3] < 0.3 else None,
                )
            )
    return out


def pairs_data(
    n_seekers: int,
    n_providers: int,
    *,
    n_regions: int = 12,
    seed: int = 1,
    capacities: tuple[int, ...] = (1,),
) -> tuple[list[Candidate], list[Candidate]]:
    rng = np.random.default_rng(seed)
    seekers = _people(rng, n_seekers, "s", n_regions, mentor=False)
    providers = _people(rng, n_providers, "m", n_regions, mentor=True)
    if capacities != (1,):
        caps = rng.choice(capacities, size=n_providers)
        providers = [
            Candidate(**{**p.__dict__, "capacity": int(c)})
            for p, c in zip(providers, caps, strict=True)
        ]
    return seekers, providers


def sparse_pairs_data(
    n: int, per_region: int = 50, seed: int = 2
) -> tuple[list[Candidate], list[Candidate]]:
    """n seekers and n providers in n/per_region equal regions: ~per_region partners each."""
    rng = np.random.default_rng(seed)
    n_regions = n // per_region
    seekers = _people(rng, n, "s", 1, mentor=False)
    providers = _people(rng, n, "m", 1, mentor=True)
    rs = rng.permutation(np.arange(n) % n_regions)
    rp = rng.permutation(np.arange(n) % n_regions)
    seekers = [
        Candidate(**{**c.__dict__, "region": f"r{int(r)}"})
        for c, r in zip(seekers, rs, strict=True)
    ]
    providers = [
        Candidate(**{**c.__dict__, "region": f"r{int(r)}"})
        for c, r in zip(providers, rp, strict=True)
    ]
    return seekers, providers


def groups_data(n: int, seed: int = 3, n_teams: int | None = None) -> list[Member]:
    """A staff pool: teams of ~8-15 with a lead each, skewed professions and languages."""
    rng = np.random.default_rng(seed)
    n_teams = n_teams or max(1, n // 12)
    team_of = rng.integers(0, n_teams, n)
    leads: dict[int, str] = {}
    out = []
    for k in range(n):
        t = int(team_of[k])
        exp = float(np.round(rng.gamma(2.2, 4.0), 1))
        lead = leads.get(t)
        if lead is None:
            leads[t] = f"p{k}"
        out.append(
            Member(
                id=f"p{k}",
                profession=str(rng.choice(PROFESSIONS, p=PROF_P)),
                team=f"t{t}",
                line_manager=lead,
                experience_years=exp,
                language=str(rng.choice(LANGS[:5], p=[0.7, 0.12, 0.08, 0.06, 0.04])),
            )
        )
    return out


def caseload_data(
    n_items: int, n_workers: int, seed: int = 4
) -> tuple[list[Item], list[Worker], list[tuple[str, str]]]:
    """Cases of weight 1-5 (skewed), part-time tutors, a drifted current allocation
    (some tutors overloaded, 8 % new cases, a few newly hired tutors) and ~1 % forbidden pairs."""
    rng = np.random.default_rng(seed)
    caps = rng.choice([0.5, 0.6, 0.75, 0.8, 1.0], size=n_workers, p=[0.15, 0.1, 0.2, 0.15, 0.4])
    workers = [Worker(f"w{j}", float(caps[j]), team=f"t{j % 10}") for j in range(n_workers)]
    weights = rng.choice([1, 2, 3, 4, 5], size=n_items, p=[0.35, 0.3, 0.2, 0.1, 0.05])
    # Drift: the current holders are skewed towards long-serving tutors; new hires hold nothing.
    pref = rng.gamma(1.5, 1.0, n_workers) * caps
    pref[rng.random(n_workers) < 0.08] = 0.0
    pref /= pref.sum()
    holders = rng.choice(n_workers, size=n_items, p=pref)
    items = []
    for i in range(n_items):
        cur = None if rng.random() < 0.08 else f"w{int(holders[i])}"
        items.append(Item(f"c{i}", float(weights[i]), current=cur, move_cost=1.0))
    forbidden = set()
    for i in range(n_items):
        if rng.random() < 0.3:
            for j in rng.choice(n_workers, size=int(rng.integers(1, 4)), replace=False):
                forbidden.add((f"c{i}", f"w{int(j)}"))
    return items, workers, sorted(forbidden)
