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
    theme_names = list(THEMES)
    centres = np.random.default_rng(12345).uniform([47.5, 6.0], [54.5, 14.5], size=(n_regions, 2))
    region_p = 1.0 / np.arange(1, n_regions + 1) ** 0.5
    region_p /= region_p.sum()
    regions = rng.choice(n_regions, size=n, p=region_p) if n_regions > 1 else np.zeros(n, int)
    out = []
    for k in range(n):
        r = int(regions[k])
        loc = centres[r] + rng.normal(0, 0.12, 2)
        fav = rng.choice(theme_names, size=2, replace=False, p=[0.3, 0.25, 0.2, 0.15, 0.1])
        pool = THEMES[fav[0]] * 3 + THEMES[fav[1]]
        interests = frozenset(rng.choice(pool, size=int(rng.integers(2, 6))).tolist())
        langs = {str(rng.choice(LANGS, p=LANG_P))}
        if rng.random() < 0.5:
            langs.add("de" if "de" not in langs else "en")
        pattern = rng.integers(0, 3)  # evenings / weekends / daytime people
        if pattern == 0:
            base = [s for s in SLOTS if s.endswith("eve")]
        elif pattern == 1:
            base = [s for s in SLOTS if s.startswith(("sat", "sun"))]
        else:
            base = [
                s for s in SLOTS if s.endswith(("am", "pm")) and not s.startswith(("sat", "sun"))
            ]
        avail = frozenset(
            rng.choice(base, size=min(len(base), int(rng.integers(2, 6))), replace=False).tolist()
        )
        gender = str(rng.choice(["f", "m", "d"], p=[0.52, 0.46, 0.02]))
        if mentor:
            age = int(rng.integers(22, 70))
            exp = float(np.round(rng.gamma(2.0, 4.0), 1))
            out.append(
                Candidate(
                    id=f"{prefix}{k}",
                    interests=interests,
                    languages=frozenset(langs),
                    region=f"r{r}",
                    location=(float(loc[0]), float(loc[1])),
                    availability=avail,
                    gender=gender,
                    age=age,
                    experience_years=exp,
                    team=f"t{int(rng.integers(0, 40))}",
                    safeguarding_cleared=bool(rng.random() < 0.93),
                    capacity=1,
                )
            )
        else:
            prefs: frozenset[str] = frozenset()
            if rng.random() < 0.35:
                prefs = frozenset([gender])
            age_range = (20, 35) if rng.random() < 0.2 else None
            req = "ar" if "ar" in langs and rng.random() < 0.3 else None
            out.append(
                Candidate(
                    id=f"{prefix}{k}",
                    interests=interests,
                    languages=frozenset(langs),
                    region=f"r{r}",
                    location=(float(loc[0]), float(loc[1])),
                    availability=avail,
                    gender=gender,
                    age=int(rng.integers(12, 27)),
                    experience_years=float(rng.integers(0, 3)),
                    preferred_genders=prefs,
                    preferred_age_range=age_range,
                    required_language=req,
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
        Candidate(**{**c.__dict__, "region": f"r{int(r)}", "location": None})
        for c, r in zip(seekers, rs, strict=True)
    ]
    providers = [
        Candidate(**{**c.__dict__, "region": f"r{int(r)}", "location": None})
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
