"""Demo data: a large organisation for onboarding at scale (issue 14 point 5). 5,000 staff in
regional services and teams, with realistic French names from the demo's name lists, and an
onboarding coordinator who signs in to name a newcomer, a tutor or a contact among them with the
person picker. Inserted with bulk_create (the services would take minutes for 5,000 people); its
own seeded random source, so the rest of the demo world stays the same."""

from __future__ import annotations

import random
import time
import uuid
from typing import Any

from django.contrib.auth.hashers import make_password

from entrepairs.accounts.models import User
from entrepairs.organisations.models import Membership, Organisation, Role, Team
from entrepairs.people.models import Person, Profession

SLUG = "horizons"
STAFF = 5_000
TEAM_SIZE = 25
LOGIN_LOCAL = "coordination-horizons"
SERVICES = [
    "Protection de l'enfance",
    "Handicap adultes",
    "Hébergement d'urgence",
    "Insertion",
    "Petite enfance",
    "Soins à domicile",
    "Santé mentale",
    "Accueil de jour",
]
TOWNS = ["Amiens", "Beauvais", "Compiègne", "Creil", "Abbeville", "Soissons", "Laon", "Senlis"]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def large_organisation(world: Any) -> None:
    from entrepairs.demo import names
    from entrepairs.demo.generator import DEMO_DOMAIN, SEED, DemoLogin, _weighted

    from .demo_templates import TEMPLATES, publish_demo_template

    if not world.state.get("large_organisation"):
        return  # load_demo --large-organisation (bin/demo) asks for it
    started = time.monotonic()
    rng = random.Random(SEED + STAFF)
    org = Organisation.objects.create(
        name="Fondation Horizons Solidaires",
        slug=SLUG,
        kind="association",
        region="Hauts-de-France",
        require_mfa_roles=[],
    )
    teams = [
        Team(
            id=_uuid(rng),
            organisation=org,
            name=f"{service} — {town}",
            kind=Team.Kind.CORE,
        )
        for service in SERVICES
        for town in TOWNS
    ]
    Team.objects.bulk_create(teams)
    people, memberships = [], []
    for number in range(1, STAFF + 1):
        first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        local = f"{first}.{last}".lower().replace(" ", "-")
        person = Person(
            id=_uuid(rng),
            organisation=org,
            first_name=first,
            last_name=last,
            email=f"{local}.{number}@{SLUG}.example.org",
            external_id=f"FHS-{number:05d}",
            profession=_weighted(rng, names.STAFF_PROFESSIONS),
            team=teams[(number - 1) // TEAM_SIZE % len(teams)],
            region=org.region,
            languages=["fr"],
            phone=f"03 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)}",
        )
        people.append(person)
        memberships.append(
            Membership(id=_uuid(rng), person=person, organisation=org, role=Role.PROFESSIONAL)
        )
    coordinator = people[0]
    coordinator.first_name, coordinator.last_name = "Hélène", "Vasseur"
    coordinator.profession = Profession.COORDINATOR
    email = f"{LOGIN_LOCAL}@{DEMO_DOMAIN}"
    User.objects.filter(email=email).delete()
    user = User.objects.create(
        email=email,
        display_name="Hélène Vasseur",
        password=world.state.get("password_hash") or make_password(None),
    )
    coordinator.user = user
    coordinator.email = email
    Person.objects.bulk_create(people, batch_size=1_000)
    memberships.append(Membership(person=coordinator, organisation=org, role=Role.COORDINATOR))
    Membership.objects.bulk_create(memberships, batch_size=2_000)
    world.organisations[SLUG] = org
    # A published template, so its coordinator can start a journey at once (an outside tester
    # found the template list empty there).
    publish_demo_template(org, TEMPLATES["educator"], project_manager=coordinator)
    world.logins.append(
        DemoLogin(
            "onboarding coordinator (large organisation)",
            email,
            who=f"Hélène Vasseur, Fondation Horizons Solidaires ({STAFF:_} staff)".replace(
                "_", " "
            ),
        )
    )
    world.log(
        f"  {STAFF} staff in {len(teams)} teams at {org.name} ({time.monotonic() - started:.1f} s)"
    )
