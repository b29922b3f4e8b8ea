"""Demo and benchmark data, built as a list of steps.

`load_small` builds a small, realistic world through the real services (so the audit trail has
its entries); `load_national` builds 200 organisations and 50,000 people with `bulk_create` for
speed. Both are deterministic (seeded `random.Random(2026)`).

A step is a function `step(world: DemoWorld) -> None`. Later modules add theirs without editing
this file: an installed app may have a `demo_steps.py` module with `SMALL_STEPS` and/or
`NATIONAL_STEPS` lists; they run after the steps below, in INSTALLED_APPS order, and find what
earlier steps built in `world.organisations`, `world.teams` and `world.people` (keys below).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from auditlog.context import disable_auditlog
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils.text import slugify

from entrepairs.accounts.models import AccessToken, User
from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Membership, Organisation, Role, Site, Team
from entrepairs.people.models import HALF_DAYS, Person, Profession
from entrepairs.people.services import person_save

from . import names

DEMO_PASSWORD = "demo-entrepairs-2026"  # noqa: S105 - published on purpose: demo logins only
DEMO_DOMAIN = "demo.entrepairs.fr"
SEED = 2026
SMALL_SLUGS = ("atn", "supervision-pratiques", "ase-nord")
# The large organisation of the onboarding demo (onboarding/demo_large.py): removed without an
# audit entry per person on --reset, like the national set.
LARGE_SLUGS = ("horizons",)
NATIONAL_PREFIX = "nat-"
BENCH_COORDINATOR_EMAIL = f"bench-coordinator@{DEMO_DOMAIN}"
BATCH_SIZE = 2_000
WEEKDAY_HALF_DAYS = [slot for slot in HALF_DAYS if not slot.startswith(("sat", "sun"))]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str = DEMO_PASSWORD
    who: str = ""


# One account per role, all with the same published password (see DemoLogin.password).
SMALL_LOGINS = [
    DemoLogin("admin", f"admin@{DEMO_DOMAIN}", who="Platform administrator (superuser)"),
    DemoLogin(
        "coordinator",
        f"coordinatrice@{DEMO_DOMAIN}",
        who="Coordinator, Association Tutélaire du Nord",
    ),
    DemoLogin("manager", f"manager@{DEMO_DOMAIN}", who="Core team manager, Noyau Lille Nord"),
    DemoLogin(
        "professional", f"professionnelle@{DEMO_DOMAIN}", who="Guardianship tutor, Noyau Lille Nord"
    ),
    DemoLogin(
        "facilitator",
        f"facilitatrice@{DEMO_DOMAIN}",
        who="External facilitator (ATN and Supervision & Pratiques)",
    ),
    DemoLogin(
        "case_worker",
        f"referente-ase@{DEMO_DOMAIN}",
        who="Case worker, Aide Sociale à l'Enfance du Nord",
    ),
]


@dataclass
class DemoWorld:
    """What the steps share. Keys of `people` in the small world: director, coordinator,
    regional_manager_1/2, manager (Noyau Lille Nord), professional, facilitator, legal_adviser,
    agency_coordinator, agency_manager, case_worker, provider_director, youth_1.., foster_parent_1..;
    `teams`: lille, artois, lille_nord, lille_sud, arras, lens, resources, agency_service."""

    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    log: Callable[[str], None] = lambda message: None
    organisations: dict[str, Organisation] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    # National set only.
    people_total: int = 50_000
    organisation_total: int = 200
    token: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    # Working state of the built-in steps (name picker, password hash, rows in memory).
    state: dict[str, Any] = field(default_factory=dict)


Step = Callable[[DemoWorld], None]


# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _languages(rng: random.Random) -> list[str]:
    # About one person in four speaks a second language, rarely a third.
    langs = ["fr"]
    for _ in range(2):
        if rng.random() < 0.27:
            extra = _weighted(rng, names.EXTRA_LANGUAGES)
            if extra not in langs:
                langs.append(extra)
    return langs


def _availability(rng: random.Random) -> list[str]:
    chosen = set(rng.sample(WEEKDAY_HALF_DAYS, rng.randint(2, 6)))
    return [slot for slot in HALF_DAYS if slot in chosen]


def _address(rng: random.Random, city: str, postcode: str) -> str:
    return f"{rng.randint(1, 180)} {rng.choice(names.STREETS)}, {postcode} {city}"


def _email_local(first: str, last: str) -> str:
    return f"{slugify(first)}.{slugify(last)}".replace("-", "")


def delete_organisations(organisations: Iterable[Organisation], *, audited: bool = True) -> None:
    """Remove organisations with their people, teams, sites, memberships and the people's accounts.

    Person -> Organisation and Team -> parent are PROTECTed, so links are cut first. The national
    set is deleted without audit entries (`audited=False`): 50,000 entries of benchmark data help nobody.
    """
    orgs = list(organisations)
    if not orgs:
        return

    def run() -> None:
        people = Person.objects.filter(organisation__in=orgs)
        Person.objects.filter(line_manager__in=people).update(line_manager=None)
        people.update(team=None)
        User.objects.filter(person__in=people).delete()
        people.delete()
        Team.objects.filter(organisation__in=orgs).update(parent=None)
        Organisation.objects.filter(pk__in=[o.pk for o in orgs]).delete()

    with transaction.atomic():
        if audited:
            run()
        else:
            with disable_auditlog():
                run()


def _delete_demo_invoices(organisations: Any) -> None:
    """Invoices are protected (an issued invoice is never deleted, its number never reused); the
    demo's own are the one exception, removed before its organisations when it is rebuilt."""
    from django.apps import apps

    invoice = apps.get_model("contracts", "Invoice")
    line = apps.get_model("contracts", "InvoiceLine")
    mine = invoice.objects.filter(provider__in=organisations)
    line.objects.filter(invoice__in=mine).update(invoice=None)
    mine.filter(credited__isnull=False).delete()
    mine.delete()


def delete_bulk_organisations(organisations: Iterable[Organisation]) -> None:
    """Remove organisations whose people, teams and memberships were bulk-inserted and that
    nothing else refers to (the large onboarding organisation): plain DELETEs, in seconds where
    the ORM's cascade takes a minute for 5,000 people. Should someone have linked one of them
    since (a journey, a group), the database refuses and the full cascade runs instead."""
    orgs = [o.pk for o in organisations]
    if not orgs:
        return
    people = Person.objects.filter(organisation_id__in=orgs)
    try:
        with transaction.atomic():
            User.objects.filter(person__in=people).delete()
            Membership.objects.filter(person__in=people)._raw_delete(Membership.objects.db)
            Person.objects.filter(line_manager__in=people).update(line_manager=None)
            people._raw_delete(people.db)
            Team.objects.filter(organisation_id__in=orgs).update(parent=None)
            teams = Team.objects.filter(organisation_id__in=orgs)
            teams._raw_delete(teams.db)
            Organisation.objects.filter(pk__in=orgs).delete()
            # Foreign keys are checked at commit: ask now, while the fallback can still run.
            connection.check_constraints()
    except IntegrityError:
        delete_organisations(Organisation.objects.filter(pk__in=orgs), audited=False)


def _app_steps(attribute: str) -> list[Step]:
    """Steps that installed apps declare in their own `demo_steps.py`."""
    return _declared_steps(attribute)


def _late_app_steps() -> list[Step]:
    """`LATE_SMALL_STEPS`: steps that build on another app's demo data (a network's mailing list
    needs the network), run after every app's `SMALL_STEPS` whatever the order of INSTALLED_APPS;
    each skips itself when the data it builds on is absent."""
    return _declared_steps("LATE_SMALL_STEPS")


def _declared_steps(attribute: str) -> list[Step]:
    found: list[Step] = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo_steps"
        if config.name.startswith("entrepairs.") and find_spec(module_name) is not None:
            found.extend(getattr(import_module(module_name), attribute, []))
    return found


# ---------------------------------------------------------------------------------------------
# Small demo world, built through the services
# ---------------------------------------------------------------------------------------------


class _Namer:
    """Distinct, seeded French names within the demo world."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[str, str]] = set()

    def __call__(self) -> tuple[str, str]:
        while True:
            pair = (self.rng.choice(names.FIRST_NAMES), self.rng.choice(names.LAST_NAMES))
            if pair not in self.used:
                self.used.add(pair)
                return pair


def _demo_user(email: str, display_name: str, password_hash: str, **extra: Any) -> User:
    user = User.objects.filter(email=email).first() or User(email=email)
    user.display_name = display_name
    user.password = password_hash
    user.is_active = True
    for key, value in extra.items():
        setattr(user, key, value)
    user.save()
    return user


def _small_person(
    world: DemoWorld,
    org: Organisation,
    key: str | None = None,
    *,
    roles: list[str],
    profession: str = "",
    team: Team | None = None,
    line_manager: Person | None = None,
    name: tuple[str, str] | None = None,
    login_email: str = "",
    **fields: Any,
) -> Person:
    rng = world.rng
    namer: _Namer = world.state.setdefault("namer", _Namer(rng))
    first, last = name or namer()
    if name:
        namer.used.add(name)
    email = fields.pop("email", None)
    number = world.counts[org.slug] = world.counts.get(org.slug, 0) + 1
    person = Person(
        organisation=org,
        first_name=first,
        last_name=last,
        # Invented people get an address under a reserved domain: an invitation never reaches anyone.
        email=login_email
        or (f"{_email_local(first, last)}@{org.slug}.example.org" if email is None else email),
        external_id=f"{org.slug.upper()[:3]}-{number:04d}",
        profession=profession,
        team=team,
        line_manager=line_manager,
        region=org.region,
        **fields,
    )
    if profession:
        person.years_experience = fields.get("years_experience", rng.randint(1, 28))
        person.languages = fields.get("languages", _languages(rng))
        person.availability = fields.get("availability", _availability(rng))
        person.phone = f"0{rng.choice('1236')} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    if login_email:
        person.user = _demo_user(login_email, f"{first} {last}", world.state["password_hash"])
    person_save(person=person, roles=roles, by=SYSTEM)
    if key:
        world.people[key] = person
    return person


def small_organisations(world: DemoWorld) -> None:
    rng = world.rng
    # Two-factor is required for no role so every demo login works at once; an organisation
    # turns it on in its settings page ("roles that must use two-factor authentication").
    specs = [
        (
            "atn",
            "Association Tutélaire du Nord",
            Organisation.Kind.ASSOCIATION,
            [
                ("Siège — Lille", "Lille", "59000"),
                ("Antenne d'Arras", "Arras", "62000"),
                ("Antenne de Lens", "Lens", "62300"),
            ],
        ),
        (
            "supervision-pratiques",
            "Supervision & Pratiques",
            Organisation.Kind.PROVIDER,
            [
                ("Cabinet de Lille", "Lille", "59800"),
            ],
        ),
        (
            "ase-nord",
            "Aide Sociale à l'Enfance du Nord",
            Organisation.Kind.AGENCY,
            [
                ("UTPAS Lille Centre", "Lille", "59000"),
            ],
        ),
    ]
    for slug, name, kind, sites in specs:
        org = Organisation(
            name=name, slug=slug, kind=kind, region="Hauts-de-France", require_mfa_roles=[]
        )
        org.full_clean()
        org.save()
        world.organisations[slug] = org
        for site_name, city, postcode in sites:
            Site.objects.create(
                organisation=org,
                name=site_name,
                address=_address(rng, city, postcode),
                region="Hauts-de-France",
            )


def small_teams(world: DemoWorld) -> None:
    atn = world.organisations["atn"]
    sites = {
        site.name: site
        for site in Site.objects.filter(organisation__in=world.organisations.values())
    }

    def team(
        key: str,
        org: Organisation,
        name: str,
        kind: str,
        parent: Team | None = None,
        site: str = "",
    ) -> None:
        t = Team(organisation=org, name=name, kind=kind, parent=parent, site=sites.get(site))
        t.full_clean()
        t.save()
        world.teams[key] = t

    team("lille", atn, "Équipe Lille Métropole", Team.Kind.REGIONAL, site="Siège — Lille")
    team(
        "lille_nord", atn, "Noyau Lille Nord", Team.Kind.CORE, world.teams["lille"], "Siège — Lille"
    )
    team("lille_sud", atn, "Noyau Lille Sud", Team.Kind.CORE, world.teams["lille"], "Siège — Lille")
    team("artois", atn, "Équipe Artois", Team.Kind.REGIONAL, site="Antenne d'Arras")
    team("arras", atn, "Noyau Arras", Team.Kind.CORE, world.teams["artois"], "Antenne d'Arras")
    team("lens", atn, "Noyau Lens", Team.Kind.CORE, world.teams["artois"], "Antenne de Lens")
    team("resources", atn, "Pôle ressources", Team.Kind.SERVICE, site="Siège — Lille")
    team(
        "agency_service",
        world.organisations["ase-nord"],
        "Service ASE Lille",
        Team.Kind.SERVICE,
        site="UTPAS Lille Centre",
    )


# Core team sizes, manager included: 6 to 8; a regional team is its manager plus its core teams (~15).
SMALL_CORE_TEAMS = [
    ("lille", "lille_nord", 8),
    ("lille", "lille_sud", 7),
    ("artois", "arras", 7),
    ("artois", "lens", 8),
]
CORE_PROFESSIONS = [
    (value, weight)
    for value, weight in names.STAFF_PROFESSIONS
    if value != Profession.LEGAL_ADVISER
]


def small_staff(world: DemoWorld) -> None:
    rng = world.rng
    atn = world.organisations["atn"]
    logins = {login.role: login.email for login in SMALL_LOGINS}
    person = _small_person
    director = person(
        world,
        atn,
        "director",
        roles=[Role.ADMIN, Role.MANAGER],
        profession=Profession.MANAGER,
        name=("Isabelle", "Delattre"),
        years_experience=27,
    )
    person(
        world,
        atn,
        "coordinator",
        roles=[Role.COORDINATOR],
        profession=Profession.COORDINATOR,
        line_manager=director,
        name=("Claire", "Vandamme"),
        login_email=logins["coordinator"],
        years_experience=12,
    )
    regional = {}
    for number, key in enumerate(("lille", "artois"), start=1):
        regional[key] = person(
            world,
            atn,
            f"regional_manager_{number}",
            roles=[Role.MANAGER],
            profession=Profession.MANAGER,
            team=world.teams[key],
            line_manager=director,
            years_experience=rng.randint(12, 25),
        )
    for regional_key, core_key, size in SMALL_CORE_TEAMS:
        core = world.teams[core_key]
        is_login_team = core_key == "lille_nord"
        manager = person(
            world,
            atn,
            "manager" if is_login_team else None,
            roles=[Role.MANAGER],
            profession=Profession.MANAGER,
            team=core,
            line_manager=regional[regional_key],
            name=("Karim", "Benali") if is_login_team else None,
            login_email=logins["manager"] if is_login_team else "",
            years_experience=rng.randint(8, 22),
        )
        for index in range(size - 1):
            if is_login_team and index == 0:
                person(
                    world,
                    atn,
                    "professional",
                    roles=[Role.PROFESSIONAL],
                    profession=Profession.TUTOR,
                    team=core,
                    line_manager=manager,
                    name=("Camille", "Martin"),
                    login_email=logins["professional"],
                    years_experience=4,
                    languages=["fr", "en"],
                )
            else:
                person(
                    world,
                    atn,
                    roles=[Role.PROFESSIONAL],
                    profession=_weighted(rng, CORE_PROFESSIONS),
                    team=core,
                    line_manager=manager,
                )
    resources = world.teams["resources"]
    person(
        world,
        atn,
        "legal_adviser",
        roles=[Role.PROFESSIONAL, Role.EXPERT],
        profession=Profession.LEGAL_ADVISER,
        team=resources,
        line_manager=director,
    )
    for profession in (Profession.PSYCHOLOGIST, Profession.NURSE):
        person(
            world,
            atn,
            roles=[Role.PROFESSIONAL],
            profession=profession,
            team=resources,
            line_manager=director,
        )


def small_partners(world: DemoWorld) -> None:
    """The external facilitator (ATN and the supervision provider) and the partner agency."""
    rng = world.rng
    atn, provider, agency = (world.organisations[slug] for slug in SMALL_SLUGS)
    logins = {login.role: login.email for login in SMALL_LOGINS}
    person = _small_person
    facilitator = person(
        world,
        atn,
        "facilitator",
        roles=[Role.FACILITATOR],
        profession=Profession.FACILITATOR,
        name=("Hélène", "Roussel"),
        login_email=logins["facilitator"],
        years_experience=19,
        languages=["fr", "en", "es"],
    )
    Membership.objects.create(person=facilitator, organisation=provider, role=Role.FACILITATOR)
    director = person(
        world,
        provider,
        "provider_director",
        roles=[Role.COORDINATOR, Role.FACILITATOR],
        profession=Profession.FACILITATOR,
        years_experience=24,
    )
    person(
        world,
        provider,
        roles=[Role.FACILITATOR],
        profession=Profession.FACILITATOR,
        line_manager=director,
    )

    service = world.teams["agency_service"]
    person(
        world,
        agency,
        "agency_coordinator",
        roles=[Role.COORDINATOR],
        profession=Profession.COORDINATOR,
    )
    chief = person(
        world,
        agency,
        "agency_manager",
        roles=[Role.MANAGER],
        profession=Profession.MANAGER,
        team=service,
        years_experience=rng.randint(12, 25),
    )
    person(
        world,
        agency,
        "case_worker",
        roles=[Role.CASE_WORKER],
        profession=Profession.CASE_WORKER,
        team=service,
        line_manager=chief,
        name=("Awa", "Diallo"),
        login_email=logins["case_worker"],
        languages=["fr", "wo"],
    )
    for _ in range(7):
        person(
            world,
            agency,
            roles=[Role.CASE_WORKER],
            profession=Profession.CASE_WORKER,
            team=service,
            line_manager=chief,
        )


def small_youths(world: DemoWorld) -> None:
    """Youths and foster parents: people without accounts."""
    rng = world.rng
    atn = world.organisations["atn"]
    for number in range(1, 8):
        first, last = world.state["namer"]()
        world.people[f"youth_{number}"] = _small_person(
            world,
            atn,
            roles=[Role.YOUTH],
            name=(first, last),
            email="",
            languages=["fr"] if rng.random() < 0.7 else ["fr", rng.choice(["ar", "pt", "wo"])],
            availability=["wed-pm", "sat-am"] if number % 2 else ["wed-pm", "sat-pm"],
        )
    for number in range(1, 3):
        world.people[f"foster_parent_{number}"] = _small_person(
            world,
            atn,
            roles=[Role.GUARDIAN],
            email="",
            phone=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
            languages=["fr"],
        )


def small_admin(world: DemoWorld) -> None:
    _demo_user(
        SMALL_LOGINS[0].email,
        "Admin démo",
        world.state["password_hash"],
        is_staff=True,
        is_superuser=True,
    )


SMALL_STEPS: list[Step] = [
    small_organisations,
    small_teams,
    small_staff,
    small_partners,
    small_youths,
    small_admin,
]


def load_small(
    *,
    reset: bool = False,
    large_organisation: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> DemoWorld:
    """Build the small demo world once: a second run skips it (same logins), `reset` rebuilds it.
    `large_organisation` adds the onboarding demo's organisation of 5,000 staff (bin/demo asks
    for it; the tests that load the demo world do not pay its seconds)."""
    world = DemoWorld(log=log, logins=list(SMALL_LOGINS))
    world.state["large_organisation"] = large_organisation
    existing = Organisation.objects.filter(slug__in=SMALL_SLUGS)
    if existing.exists():
        if not reset:
            log("The demo world is already loaded (use --reset to rebuild it).")
            return world
        log("Removing the previous demo world…")
        with transaction.atomic():
            delete_bulk_organisations(Organisation.objects.filter(slug__in=LARGE_SLUGS))
            _delete_demo_invoices(existing)
            delete_organisations(existing)
        User.objects.filter(email__in=[login.email for login in SMALL_LOGINS]).delete()
    # One hash for every demo login: hashing the same password many times is slow and changes nothing.
    world.state["password_hash"] = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        for step in SMALL_STEPS + _app_steps("SMALL_STEPS") + _late_app_steps():
            log(f"· {step.__name__}")
            step(world)
    return world


# ---------------------------------------------------------------------------------------------
# National data set, built with bulk_create
# ---------------------------------------------------------------------------------------------
# The national set skips the services on purpose: person_save validates and audits one person at
# a time (several queries each), far too slow for 50,000 people. Rows are built in memory with
# deterministic ids and inserted with bulk_create in batches; no audit entries are written.


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _organisation_sizes(rng: random.Random, people: int, organisations: int) -> list[int]:
    """Skewed sizes (a few large associations, many small ones) summing exactly to `people`."""
    weights = [1 / (rank + 1) ** 0.8 for rank in range(organisations)]
    total = sum(weights)
    raw = [people * w / total for w in weights]
    sizes = [max(10, int(x)) for x in raw]
    # Hand the rounding difference to the largest organisations, one by one.
    difference = people - sum(sizes)
    index = 0
    while difference != 0:
        step = 1 if difference > 0 else -1
        if sizes[index % organisations] + step >= 10:
            sizes[index % organisations] += step
            difference -= step
        index += 1
    return sizes


@dataclass
class _NationalRows:
    organisations: list[Organisation] = field(default_factory=list)
    sizes: dict[uuid.UUID, int] = field(default_factory=dict)
    sites: list[Site] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    membership_keys: set[tuple[uuid.UUID, uuid.UUID, str]] = field(default_factory=set)


def _rows(world: DemoWorld) -> _NationalRows:
    return world.state.setdefault("rows", _NationalRows())


def _membership(
    rows: _NationalRows, rng: random.Random, person: Person, org_id: uuid.UUID, role: str
) -> None:
    key = (person.pk, org_id, role)
    if key not in rows.membership_keys:
        rows.membership_keys.add(key)
        rows.memberships.append(
            Membership(id=_uuid(rng), person_id=person.pk, organisation_id=org_id, role=role)
        )


def national_organisations(world: DemoWorld) -> None:
    rng, rows = world.rng, _rows(world)
    sizes = _organisation_sizes(rng, world.people_total, world.organisation_total)
    kinds = ["association"] * 70 + ["agency"] * 12 + ["public"] * 10 + ["provider"] * 8
    for number, size in enumerate(sizes, start=1):
        kind = rng.choice(kinds) if number > 1 else "association"  # the largest is an association
        city, postcode, region = rng.choice(names.CITIES)
        name = rng.choice(names.ORGANISATION_NAME_PATTERNS[kind]).format(place=city)
        org = Organisation(
            id=_uuid(rng),
            name=f"{name} ({number:03d})",
            slug=f"{NATIONAL_PREFIX}{number:03d}-{slugify(city)}",
            kind=kind,
            region=region,
            require_mfa_roles=[],
        )
        rows.organisations.append(org)
        rows.sizes[org.pk] = size
        for site_number in range(1 + size // 1500):
            rows.sites.append(
                Site(
                    id=_uuid(rng),
                    organisation=org,
                    name=f"Site {city} {site_number + 1}",
                    address=_address(rng, city, postcode),
                    region=region,
                )
            )
    Organisation.objects.bulk_create(rows.organisations, batch_size=BATCH_SIZE)
    Site.objects.bulk_create(rows.sites, batch_size=BATCH_SIZE)
    world.log(f"  {len(rows.organisations)} organisations, {len(rows.sites)} sites")


def national_people(world: DemoWorld) -> None:
    """Per organisation: a director, coordinators, regional teams of ~15 split into core teams of 6
    to 8 (each with its manager), a few youths without accounts, and line management without cycles."""
    rng, rows = world.rng, _rows(world)
    unusable = make_password(None)  # accounts of invented people cannot sign in until invited
    sites_by_org: dict[uuid.UUID, list[Site]] = {}
    for site in rows.sites:
        sites_by_org.setdefault(site.organisation_id, []).append(site)
    largest = max(rows.organisations, key=lambda o: rows.sizes[o.pk])
    staff_role = {"agency": Role.CASE_WORKER, "provider": Role.FACILITATOR}

    def staff_profession(org: Organisation) -> str:
        if org.kind == "agency":
            return Profession.CASE_WORKER
        if org.kind == "provider":
            return Profession.FACILITATOR
        return _weighted(rng, names.STAFF_PROFESSIONS)

    for org in rows.organisations:
        size = rows.sizes[org.pk]
        org_sites = sites_by_org[org.pk]
        counter = 0

        def new_person(
            *,
            role: str,
            profession: str = "",
            team: Team | None = None,
            manager: Person | None = None,
            account: bool = True,
            youth: bool = False,
            org: Organisation = org,
        ) -> Person:
            nonlocal counter
            counter += 1
            first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
            email = "" if youth else f"{_email_local(first, last)}.{counter}@{org.slug}.example.org"
            person = Person(
                id=_uuid(rng),
                organisation_id=org.pk,
                first_name=first,
                last_name=last,
                email=email,
                external_id=f"{org.slug[:7].upper()}-{counter:05d}",
                profession=profession,
                team_id=team.pk if team else None,
                line_manager_id=manager.pk if manager else None,
                region=org.region,
                languages=_languages(rng),
                availability=["wed-pm", "sat-am"] if youth else _availability(rng),
                years_experience=None if youth else rng.randint(0, 35),
            )
            if account and email and rng.random() < 0.7:
                user = User(
                    id=_uuid(rng), email=email, display_name=f"{first} {last}", password=unusable
                )
                rows.users.append(user)
                person.user_id = user.pk
            rows.people.append(person)
            _membership(rows, rng, person, org.pk, role)
            return person

        director = new_person(role=Role.MANAGER, profession=Profession.MANAGER)
        _membership(rows, rng, director, org.pk, Role.ADMIN)
        for _ in range(max(1, size // 1000)):
            new_person(role=Role.COORDINATOR, profession=Profession.COORDINATOR, manager=director)
        youths = size // 20
        remaining = size - counter - youths
        unit = 0
        # A regional unit is its manager and up to two core teams of 6 to 8; fewer than 7 people
        # left over join the organisation's resource team instead.
        while remaining >= 7:
            unit += 1
            site = org_sites[unit % len(org_sites)]
            regional = Team(
                id=_uuid(rng),
                organisation_id=org.pk,
                name=f"Équipe {unit:03d}",
                kind=Team.Kind.REGIONAL,
                site_id=site.pk,
            )
            rows.teams.append(regional)
            regional_manager = new_person(
                role=Role.MANAGER, profession=Profession.MANAGER, team=regional, manager=director
            )
            remaining -= 1
            for core_number in (1, 2):
                if remaining < 6:
                    break
                core_size = min(remaining, rng.randint(6, 8))
                core = Team(
                    id=_uuid(rng),
                    organisation_id=org.pk,
                    name=f"Noyau {unit:03d}.{core_number}",
                    kind=Team.Kind.CORE,
                    parent_id=regional.pk,
                    site_id=site.pk,
                )
                rows.teams.append(core)
                core_manager = new_person(
                    role=Role.MANAGER,
                    profession=Profession.MANAGER,
                    team=core,
                    manager=regional_manager,
                )
                for _ in range(core_size - 1):
                    new_person(
                        role=staff_role.get(org.kind, Role.PROFESSIONAL),
                        profession=staff_profession(org),
                        team=core,
                        manager=core_manager,
                    )
                remaining -= core_size
        if remaining:
            resources = Team(
                id=_uuid(rng),
                organisation_id=org.pk,
                name="Pôle ressources",
                kind=Team.Kind.SERVICE,
            )
            rows.teams.append(resources)
            for _ in range(remaining):
                new_person(
                    role=staff_role.get(org.kind, Role.PROFESSIONAL),
                    profession=staff_profession(org),
                    team=resources,
                    manager=director,
                )
        for _ in range(youths):
            new_person(role=Role.YOUTH, account=False, youth=True)

    # Some people hold roles in several organisations: providers' facilitators in associations,
    # and a few professionals who also serve as experts elsewhere.
    associations = [o for o in rows.organisations if o.kind == "association"] or rows.organisations
    for person in rows.people:
        if person.profession == Profession.FACILITATOR and rng.random() < 0.5:
            for other in rng.sample(associations, min(len(associations), rng.randint(1, 3))):
                _membership(rows, rng, person, other.pk, Role.FACILITATOR)
        elif (
            person.profession in (Profession.PSYCHOLOGIST, Profession.LEGAL_ADVISER)
            and rng.random() < 0.1
        ):
            _membership(rows, rng, person, rng.choice(rows.organisations).pk, Role.EXPERT)

    # The benchmark's coordinator is the first coordinator of the largest organisation.
    bench = next(
        p
        for p in rows.people
        if p.organisation_id == largest.pk and p.profession == Profession.COORDINATOR
    )
    bench.first_name, bench.last_name, bench.email = (
        "Bénédicte",
        "Banc-d'Essai",
        BENCH_COORDINATOR_EMAIL,
    )
    bench_user = next((u for u in rows.users if u.pk == bench.user_id), None)
    if bench_user is None:
        bench_user = User(id=_uuid(rng))
        rows.users.append(bench_user)
        bench.user_id = bench_user.pk
    bench_user.email, bench_user.display_name = BENCH_COORDINATOR_EMAIL, "Bénédicte Banc-d'Essai"
    bench_user.password = make_password(DEMO_PASSWORD)
    world.state["bench_user"] = bench_user
    world.organisations["largest"] = largest

    # Parents before children: core teams point at regional teams, people at their managers.
    Team.objects.bulk_create(
        sorted(rows.teams, key=lambda t: t.parent_id is not None), batch_size=BATCH_SIZE
    )
    User.objects.bulk_create(rows.users, batch_size=BATCH_SIZE)
    Person.objects.bulk_create(rows.people, batch_size=BATCH_SIZE)
    Membership.objects.bulk_create(rows.memberships, batch_size=BATCH_SIZE)
    world.counts.update(
        teams=len(rows.teams),
        people=len(rows.people),
        users=len(rows.users),
        memberships=len(rows.memberships),
    )
    world.log(
        f"  {len(rows.teams)} teams, {len(rows.people)} people, {len(rows.users)} accounts, "
        f"{len(rows.memberships)} memberships"
    )


def national_bench_token(world: DemoWorld) -> None:
    bench_user: User = world.state["bench_user"]
    _, world.token = AccessToken.issue(
        user=bench_user, organisation=world.organisations["largest"], name="benchmark", days=30
    )
    world.logins[0] = DemoLogin(
        BENCH_LOGIN.role, BENCH_LOGIN.email, who=str(world.organisations["largest"])
    )


BENCH_LOGIN = DemoLogin(
    "coordinator (benchmark)", BENCH_COORDINATOR_EMAIL, who="the largest organisation"
)
NATIONAL_STEPS: list[Step] = [national_organisations, national_people, national_bench_token]


def national_organisations_qs() -> Any:
    return Organisation.objects.filter(Q(slug__startswith=NATIONAL_PREFIX))


def load_national(
    *,
    people: int = 50_000,
    organisations: int = 200,
    reset: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> DemoWorld:
    """Build the national benchmark set once (`reset` rebuilds it), deterministically."""
    if people < organisations * 10:
        raise ValueError("Give at least 10 people per organisation.")
    world = DemoWorld(
        log=log, people_total=people, organisation_total=organisations, logins=[BENCH_LOGIN]
    )
    existing = national_organisations_qs()
    if existing.exists():
        if not reset:
            log("The national data set is already loaded (use --reset to rebuild it).")
            return world
        log("Removing the previous national data set…")
        delete_organisations(existing, audited=False)
        User.objects.filter(email=BENCH_COORDINATOR_EMAIL).delete()
    with transaction.atomic():
        for step in NATIONAL_STEPS + _app_steps("NATIONAL_STEPS"):
            log(f"· {step.__name__}")
            started = time.monotonic()
            step(world)
            log(f"  ({time.monotonic() - started:.1f} s)")
    # Fresh planner statistics: right after a bulk load they say the tables are nearly empty and
    # PostgreSQL picks plans (hash joins, sorts on disk) that the benchmark would wrongly blame.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return world
