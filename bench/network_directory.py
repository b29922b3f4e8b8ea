"""Network directory benchmark (issue 16, performance): a network of 200 organisations and
50,000 members, directory search p95 under 10 clients, next to a bare Django view.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/network_directory.py             # PostgreSQL entrepairs_bench_netdir
    .venv/bin/python bench/network_directory.py --write     # also write docs/benchmarks.md

It creates the database if needed and migrates it, generates the network once (bulk inserts:
200 organisations, 250 people each, every one an accepted member of one regional network with
directory choices mixed between nobody, the network and their groups; groups of 10), serves the
app with gunicorn (2 sync workers, production settings, the Redis cache on database 3) on
127.0.0.1, and sends GET requests from 10 client threads per endpoint (the directory page and
API, searched by name, region, profession, language and experience). Traffic goes to 127.0.0.1
only; the generated data stay in the benchmark database for the next run.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_people import (  # noqa: E402
    Endpoint,
    Result,
    ensure_postgres_database,
    machine_description,
    manage,
    production_env,
    run_load,
    setup_django,
    start_server,
    table,
    write_section,
)

SECTION = "## Network directory (issue 16)"
COORDINATOR = "bench.network@entrepairs.invalid"
REGIONS = ["Hauts-de-France", "Normandie", "Bretagne", "Occitanie", "Grand Est", "Île-de-France"]
LANGUAGES = [["fr"], ["fr", "en"], ["fr", "ar"], ["fr", "es"], ["fr", "wo"]]
PROFESSIONS = ["tutor", "social_worker", "educator", "psychologist", "case_worker"]
FIRST = ["Anne", "Marc", "Lina", "Yves", "Sara", "Karim", "Julie", "Paul", "Inès", "Hugo"]
LAST = ["Martin", "Bernard", "Dubois", "Leroy", "Moreau", "Laurent", "Roux", "Fournier"]


def generate(organisations: int, per_organisation: int) -> None:
    """The network, once (skipped when the benchmark coordinator exists)."""
    from django.db import transaction

    from entrepairs.accounts.models import User
    from entrepairs.groups.models import Group, GroupMember
    from entrepairs.networks import services
    from entrepairs.networks.models import (
        Audience,
        Direction,
        DirectoryProfile,
        Level,
        NetworkMember,
        NetworkOrganisation,
        Status,
    )
    from entrepairs.organisations.models import Membership, Organisation, Role
    from entrepairs.people.models import Person

    if User.objects.filter(email=COORDINATOR).exists():
        print("Network already generated")
        return
    audiences = [Audience.NOBODY, Audience.NETWORK, Audience.GROUP, Audience.NETWORK]
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(name=f"Structure {i:03d}", slug=f"bench-netdir-{i:03d}")
            for i in range(organisations)
        )
        user = User.objects.create_user(COORDINATOR, "bench-only-password-1234")
        coordinator = Person.objects.create(
            organisation=orgs[0], first_name="Claire", last_name="Banc", user=user
        )
        Membership.objects.create(person=coordinator, organisation=orgs[0], role=Role.COORDINATOR)
        network = services.network_create(
            organisation=orgs[0], name="Réseau national", level=Level.NATIONAL, by=coordinator
        )
        NetworkOrganisation.objects.bulk_create(
            NetworkOrganisation(
                network=network, organisation=o, status=Status.ACCEPTED, direction=Direction.REQUEST
            )
            for o in orgs[1:]
        )
        group = None
        for k, org in enumerate(orgs):
            people = Person.objects.bulk_create(
                Person(
                    organisation=org,
                    first_name=FIRST[i % len(FIRST)],
                    last_name=f"{LAST[(i // 10) % len(LAST)]}{k:03d}{i:03d}",
                    email=f"p{k:03d}{i:03d}@bench.invalid",
                    phone=f"06 {k:02d} {i:03d} 00",
                    region=REGIONS[(i + k) % len(REGIONS)],
                    profession=PROFESSIONS[i % len(PROFESSIONS)],
                    languages=LANGUAGES[(i + k) % len(LANGUAGES)],
                    years_experience=(i * 7 + k) % 30,
                )
                for i in range(per_organisation - (1 if k == 0 else 0))
            )
            Membership.objects.bulk_create(
                Membership(person=p, organisation=org, role=Role.PROFESSIONAL) for p in people
            )
            members = NetworkMember.objects.bulk_create(
                NetworkMember(
                    network=network, person=p, status=Status.ACCEPTED, direction=Direction.REQUEST
                )
                for p in people
            )
            DirectoryProfile.objects.bulk_create(
                DirectoryProfile(
                    member=m,
                    presentation="Tutrice, je partage volontiers mes questions.",
                    **{
                        f"{key}_audience": audiences[(i + j) % len(audiences)]
                        for j, key in enumerate(
                            ("email", "phone", "organisation", "profession", "region"),
                        )
                    },
                    languages_audience=audiences[(i + 1) % len(audiences)],
                    experience_audience=audiences[(i + 3) % len(audiences)],
                )
                for i, m in enumerate(members)
                if i % 5
            )
            rows = []
            for i, p in enumerate(people):
                if i % 10 == 0:
                    group = Group.objects.create(
                        organisation=org, name=f"Groupe {k}-{i}", kind="peer_support"
                    )
                rows.append(GroupMember(group=group, person=p))
            GroupMember.objects.bulk_create(rows)
            if k == 0 and group is not None:
                GroupMember.objects.create(group=group, person=coordinator)
    print(f"Generated {organisations} organisations, {Person.objects.count():,} people")


def credentials() -> tuple[str, str, str]:
    from django.test import Client

    from entrepairs.accounts.models import AccessToken, User
    from entrepairs.networks.models import Network

    user = User.objects.get(email=COORDINATOR)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    _, token = AccessToken.issue(
        user=user, organisation=user.person.organisation, name="bench_netdir", days=1
    )
    network = Network.objects.get(name="Réseau national")
    return client.cookies["sessionid"].value, token, str(network.pk)


def endpoints(network: str) -> list[Endpoint]:
    base = f"/networks/{network}/directory/"
    api = f"/api/v1/networks/{network}/directory/"
    searches = [
        "?q=martin",
        "?region=bretagne",
        "?profession=tutor&language=ar",
        "?min_years=20&region=normandie",
        "?q=lina&language=fr&min_years=5",
        "?profession=educator&page=3",
        "?q=06+12",
        "?language=wo&region=grand",
    ]
    return [
        Endpoint(
            "Page: directory, first pages", [f"{base}?page={p}" for p in (1, 2, 40, 900)], "session"
        ),
        Endpoint("Page: directory search", [base + s for s in searches], "session"),
        Endpoint("API: directory search", [api + s for s in searches], "token"),
        Endpoint("Bare Django view", ["/bench/bare"], "none"),
    ]


def count_queries(endpoint: Endpoint, session: str, token: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    headers = {}
    if endpoint.auth == "session":
        client.cookies["sessionid"] = session
    elif endpoint.auth == "token":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    with CaptureQueriesContext(connection) as ctx:
        client.get(endpoint.urls[0], **headers)
    return len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="postgresql://postgres@127.0.0.1:5432/entrepairs_bench_netdir"
    )
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--per-organisation", type=int, default=250)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint")
    parser.add_argument("--max-seconds", type=float, default=60, help="per endpoint")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()

    if args.database_url.startswith("postgres"):
        ensure_postgres_database(args.database_url)
    env = production_env(args.database_url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    setup_django(env)
    generate(args.organisations, args.per_organisation)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    session, token, network = credentials()
    chosen = endpoints(network)
    server = start_server(env, args.port, args.workers)
    results: list[Result] = []
    try:
        for endpoint in chosen:
            result = run_load(
                endpoint,
                args.port,
                clients=args.clients,
                requests=args.requests,
                max_seconds=args.max_seconds,
                session=session,
                token=token,
            )
            result.queries = count_queries(endpoint, session, token)
            results.append(result)
            print(f"{endpoint.name}: p95 {result.percentile(0.95):.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)
    from entrepairs.networks.models import NetworkMember

    report = "\n".join(
        [
            f"Measured {date.today().isoformat()} by `bench/network_directory.py`.",
            "",
            f"- Machine: {machine_description(args.database_url)}; server, database and load "
            "generator share it.",
            f"- Data: one network of {args.organisations} organisations and "
            f"{NetworkMember.objects.count():,} members, four in five with directory choices "
            "(nobody, the network, their groups), groups of 10; the viewer is a member.",
            f"- Server: gunicorn, {args.workers} sync workers, production settings, 127.0.0.1.",
            f"- Load: {args.clients} client threads, up to {args.requests} requests (or "
            f"{args.max_seconds:.0f} s) per endpoint after a warm-up; target p95 under 100 ms.",
            "",
            table(results),
        ]
    )
    print(report)
    if args.write:
        write_section(report, section=SECTION)


if __name__ == "__main__":
    main()
