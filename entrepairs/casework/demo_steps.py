"""Demo data for casework: the regional team "Équipe Lille Métropole" (15 people in the core
teams Noyau Lille Nord and Noyau Lille Sud) with each member's working time and cap, a leave under
way, 120 children's cases with their placements, most allocated through confirmed balanced
proposals and a few new ones waiting. Built through the services, dated from the load day."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Role
from entrepairs.people.models import Person, Profession
from entrepairs.people.services import person_save

from . import services
from .models import AllocationProposal, PlacementKind, Procedure, Vulnerability

CASES_PER_TEAM = 60
WAITING_PER_TEAM = 8
HISTORY_DAYS = 26 * 7  # the first wave opened over half a year
FIRST_NAMES = [
    "Amadou", "Fatoumata", "Mamadou", "Aïcha", "Ibrahim", "Mariam", "Yonas", "Selam", "Ahmad",
    "Zainab", "Omar", "Hawa", "Moussa", "Awa", "Samir", "Nour", "Bilal", "Khadija", "Issa",
    "Rahma", "Youssouf", "Djeneba", "Abdoulaye", "Salma", "Tesfay", "Hiwet", "Idriss", "Leïla",
]  # fmt: skip
LAST_NAMES = [
    "Diallo", "Traoré", "Camara", "Keïta", "Tesfaye", "Haile", "Rahimi", "Ahmadi", "Sow", "Bah",
    "Koné", "Cissé", "Yusuf", "Hassan", "Barry", "Sylla", "Mohammadi", "Touré", "Kebede",
]  # fmt: skip
PLACEMENTS = [
    (PlacementKind.FOSTER_FAMILY, 5),
    (PlacementKind.SMALL_UNIT, 4),
    (PlacementKind.RECEPTION_CENTRE, 3),
    (PlacementKind.INDEPENDENT, 2),
    (PlacementKind.CHILDRENS_HOME, 2),
    (PlacementKind.SECURE, 1),
]
SUMMARIES = [
    "Arrivé seul, scolarisé en classe d'accueil ; démarches de réunification familiale en cours.",
    "Suivi psychologique régulier ; contact hebdomadaire avec la famille d'accueil.",
    "Projet d'autonomie : apprentissage en alternance, logement accompagné envisagé.",
    "Audience prévue au tribunal ; préparation avec l'avocat désigné.",
]


def _pick(rng: Any, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _w in weighted], [w for _v, w in weighted])[0]


def _profiles(world: Any, team: Any) -> list[Person]:
    """Working time and caps: the manager coordinates (no case), others 0.5 to 1 FTE."""
    members = list(Person.objects.filter(team=team).order_by("last_name", "id"))
    for person in members:
        if person.profession == Profession.MANAGER:
            fte, cap = Decimal("1.00"), 0
        else:
            fte = Decimal(world.rng.choice(["1.00", "1.00", "0.90", "0.80", "0.50"]))
            cap = int(16 * fte)
        services.member_profile_save(person=person, fte=fte, max_caseload=cap, by=SYSTEM)
    return members


def _child(world: Any, organisation: Any, number: int) -> Person:
    used: set = world.state.setdefault("casework_names", set())
    while True:
        name = (world.rng.choice(FIRST_NAMES), world.rng.choice(LAST_NAMES))
        if name not in used:
            used.add(name)
            break
    return person_save(
        person=Person(
            organisation=organisation,
            first_name=name[0],
            last_name=name[1],
            external_id=f"MNA-{number:04d}",
        ),
        by=SYSTEM,
        roles=[Role.YOUTH],
    )


def _cases(world: Any, team: Any, start: int, count: int, *, since_days: int = 0) -> list:
    """`count` cases opened over the last `since_days` days (today when 0)."""
    rng = world.rng
    today = timezone.localdate()
    cases = []
    for number in range(start, start + count):
        opened_on = today - timedelta(days=rng.randint(0, since_days))
        age_days = rng.randint(6 * 365, 17 * 365 + 300)
        procedures = rng.sample(list(Procedure.values), k=_pick(rng, [(0, 4), (1, 4), (2, 2)]))
        cases.append(
            services.case_open(
                team=team,
                child=_child(world, team.organisation, number),
                birth_date=today - timedelta(days=age_days),
                vulnerability=_pick(
                    rng,
                    [(Vulnerability.LOW, 5), (Vulnerability.MEDIUM, 3), (Vulnerability.HIGH, 1)],
                ),
                procedures=procedures,
                placement_kind=_pick(rng, PLACEMENTS),
                summary=rng.choice(SUMMARIES),
                opened_on=opened_on,
                by=SYSTEM,
            )
        )
    return cases


def casework_demo(world: Any) -> None:
    today = timezone.localdate()
    number = 1
    for key in ("lille_nord", "lille_sud"):
        team = world.teams[key]
        members = _profiles(world, team)
        # The first wave, allocated and confirmed a while ago (balanced through the solver).
        _cases(world, team, number, CASES_PER_TEAM - WAITING_PER_TEAM, since_days=HISTORY_DAYS)
        number += CASES_PER_TEAM
        proposal = services.allocation_propose(
            team=team, kind=AllocationProposal.Kind.NEW_CASES, by=SYSTEM
        )
        services.allocation_confirm(proposal=proposal, note="Réunion de noyau", by=SYSTEM)
        # A colleague is on leave this fortnight: no new case for them.
        guardians = [m for m in members if m.profession != Profession.MANAGER]
        services.leave_record(
            person=guardians[0],
            starts_on=today - timedelta(days=3),
            ends_on=today + timedelta(days=11),
            by=SYSTEM,
        )
        # New cases waiting for the next core-team meeting.
        _cases(world, team, number - WAITING_PER_TEAM, WAITING_PER_TEAM, since_days=10)
    world.log("casework: 2 core teams, 120 cases")
    from .demo_decisions import decisions_demo

    decisions_demo(world)

    from .demo_care import care_demo

    care_demo(world)

    from .demo_team import team_demo

    team_demo(world)

    from .demo_leave import leave_demo

    leave_demo(world)


def casework_history_demo(world: Any) -> None:
    """Half a year of weekly loads for the reports, as the Monday job would have written them
    (cases counted from the day they opened, with today's guardians)."""
    today = timezone.localdate()
    teams = [world.teams[key] for key in ("lille_nord", "lille_sud")]
    rows = 0
    for weeks_ago in range(HISTORY_DAYS // 7, -1, -1):
        rows += services.load_snapshots_record(
            day=today - timedelta(weeks=weeks_ago), teams=teams, by=SYSTEM
        )
    world.log(f"casework: {rows} weekly loads")


SMALL_STEPS = [casework_demo, casework_history_demo]
