"""People-list benchmark: the people page and the people API on the national data set.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/bench_people.py            # PostgreSQL database entrepairs_bench
    .venv/bin/python bench/bench_people.py --sqlite   # quick run on a SQLite file
    .venv/bin/python bench/bench_people.py --write    # also write the table into docs/benchmarks.md

It creates the database if needed, loads the national set (`load_demo --size national`, skipped
when already there), serves the app with gunicorn (2 sync workers, production settings, a Redis
cache on database 3 of the local Redis, emptied first) on 127.0.0.1, sends a bounded number of
requests from 10 client threads per endpoint, and counts SQL queries per request in-process with
the Django test client. It runs twice: with the list cache on (the default) and off
(`LIST_CACHE_SECONDS=0`, what the first view after a change costs). Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import platform
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECTION = "## People list (foundation)"
TARGET_P95_MS = 100.0


@dataclass
class Endpoint:
    name: str
    urls: list[str]
    auth: str  # "session", "token" or "none"


@dataclass
class Result:
    endpoint: Endpoint
    latencies: list[float]
    errors: int
    elapsed: float
    queries: int | None = None
    # The same request's queries after a write in another organisation (per-organisation cache:
    # equal to `queries` when the page stays warm).
    queries_after_other_write: int | None = None

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000 if ordered else float("nan")

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


def production_env(database_url: str) -> dict[str, str]:
    from cryptography.fernet import Fernet

    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        ENTREPAIRS_ENV="production",
        DEBUG="false",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        ENCRYPTION_KEYS=os.environ.get("BENCH_ENCRYPTION_KEYS", Fernet.generate_key().decode()),
        ALLOWED_HOSTS="127.0.0.1",
        # The production set-up of docs/deployment.md: one Redis cache shared by the workers.
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="bench.bench_settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def ensure_postgres_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def prepare(env: dict[str, str], people: int, organisations: int) -> None:
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    out = manage(
        env,
        "load_demo",
        "--size",
        "national",
        "--people",
        str(people),
        "--organisations",
        str(organisations),
    )
    loaded = "already loaded" if "already loaded" in out else "loaded"
    print(f"National set {loaded}; migrate + load took {time.monotonic() - started:.0f} s")
    manage(env, "collectstatic", "--noinput", "-v0")


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def credentials() -> tuple[str, str, dict[str, list[str]]]:
    """A session cookie and an API token for the benchmark coordinator, and the URL parameters."""
    from django.db.models import Count
    from django.test import Client

    from entrepairs.accounts.models import AccessToken, User
    from entrepairs.demo.generator import BENCH_COORDINATOR_EMAIL
    from entrepairs.organisations.models import Team

    user = User.objects.get(email=BENCH_COORDINATOR_EMAIL)
    org = user.person.organisation
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    _, token = AccessToken.issue(user=user, organisation=org, name="bench_people", days=1)
    teams = list(
        Team.objects.filter(organisation=org, kind=Team.Kind.CORE)
        .annotate(n=Count("members"))
        .order_by("name")
        .values_list("pk", flat=True)[:40]
    )
    people = org.people.count()
    pages = max(1, people // 50)
    params = {
        "org": [str(org.pk)],
        "teams": [str(t) for t in teams],
        "pages": [str(1 + (i * 37) % pages) for i in range(40)],
    }
    return client.cookies["sessionid"].value, token, params


def endpoints(params: dict[str, list[str]]) -> list[Endpoint]:
    org = params["org"][0]
    words = ["mar", "dub", "ler", "ber", "sar", "ka", "mat", "ann", "rou", "lu"]
    teams, pages = params["teams"], params["pages"]
    return [
        Endpoint(
            "Page: search + team",
            [f"/people/?q={w}&team={t}" for w, t in zip(words * 4, teams, strict=False)],
            "session",
        ),
        Endpoint(
            "Page: search, paginated",
            [f"/people/?q={w}&page={1 + i % 2}" for i, w in enumerate(words)],
            "session",
        ),
        Endpoint(
            "Page: browse deep pages",
            [f"/people/?organisation={org}&page={p}" for p in pages],
            "session",
        ),
        Endpoint(
            "API: organisation, paginated",
            [f"/api/v1/people/?organisation={org}&page={p}" for p in pages],
            "token",
        ),
        Endpoint(
            "API: search + team",
            [f"/api/v1/people/?q={w}&team={t}" for w, t in zip(words * 4, teams, strict=False)],
            "token",
        ),
        Endpoint(
            "Person picker: first matches",
            [f"/people/pick/onboarding.people/?q={w}" for w in words],
            "session",
        ),
        Endpoint("Bare Django view", ["/bench/bare"], "none"),
    ]


def write_in_another_organisation() -> None:
    """A write in an organisation other than the bench coordinator's, through the domain service:
    a person of it who holds no role in the coordinator's organisation, saved unchanged."""
    from entrepairs.core.services import SYSTEM
    from entrepairs.demo.generator import BENCH_COORDINATOR_EMAIL
    from entrepairs.people import services
    from entrepairs.people.models import Person

    own = Person.objects.get(email=BENCH_COORDINATOR_EMAIL).organisation_id
    other = (
        Person.objects.exclude(organisation_id=own)
        .exclude(memberships__organisation_id=own)
        .order_by("pk")
        .first()
    )
    assert other is not None, "the data set has a single organisation"
    services.person_save(person=other, by=SYSTEM, announce=False)


def count_queries(endpoint: Endpoint, session: str, token: str) -> tuple[int, int]:
    """The queries of a warm request, and of the same request after another organisation's write."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    headers = {}
    if endpoint.auth == "session":
        client.cookies["sessionid"] = session
    elif endpoint.auth == "token":
        headers["Authorization"] = f"Bearer {token}"
    url = endpoint.urls[len(endpoint.urls) // 2]
    client.get(url, headers=headers)  # warm: token last-use write, caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    write_in_another_organisation()
    with CaptureQueriesContext(connection) as after:
        client.get(url, headers=headers)
    return len(ctx.captured_queries), len(after.captured_queries)


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "entrepairs.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--access-logformat",
            "%(s)s",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120  # a loaded 2-core machine can take a while to import Django
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                "gunicorn stopped: " + (server.stderr.read() if server.stderr else "")
            )
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/bench/bare")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not answer in time")


def run_load(
    endpoint: Endpoint,
    port: int,
    *,
    clients: int,
    requests: int,
    max_seconds: float,
    session: str,
    token: str,
) -> Result:
    headers = {"Host": "127.0.0.1", "Connection": "keep-alive"}
    if endpoint.auth == "session":
        headers["Cookie"] = f"sessionid={session}"
    elif endpoint.auth == "token":
        headers["Authorization"] = f"Bearer {token}"
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + max_seconds

    def client_loop(worker: int) -> None:
        nonlocal errors
        conn: http.client.HTTPConnection | None = None
        while time.monotonic() < deadline:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            url = endpoint.urls[number % len(endpoint.urls)]
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", url, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                ok, conn = False, None
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1

    # Warm up, unmeasured: every URL once (with the list cache on, the steady state of people
    # browsing a directory; with it off, only connections and imports warm up).
    for url in endpoint.urls:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", url, headers=headers)
        status = conn.getresponse().status
        conn.close()
        if status != 200:
            raise RuntimeError(f"{endpoint.name}: {url} answered {status}")
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client_loop, range(clients)))
    return Result(endpoint, latencies, errors, time.monotonic() - started)


def machine_description(database_url: str) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from django import get_version
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            db = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("select sqlite_version()")
            db = f"SQLite {cursor.fetchone()[0]}"
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, Django {get_version()}, {db}"


def dataset_description() -> str:
    from entrepairs.demo.generator import BENCH_COORDINATOR_EMAIL
    from entrepairs.organisations.models import Membership, Organisation, Team
    from entrepairs.people.models import Person

    largest = Person.objects.get(email=BENCH_COORDINATOR_EMAIL).organisation
    return (
        f"{Organisation.objects.count()} organisations, {Person.objects.count():,} people, "
        f"{Team.objects.count():,} teams, {Membership.objects.count():,} memberships; the benchmark "
        f"coordinator manages the largest organisation ({largest.people.count():,} people)"
    )


def table(results: list[Result]) -> str:
    """The results as a Markdown table; the "after another organisation's write" column only
    when this benchmark measured it (bench_people does, the others do not)."""
    after = any(r.queries_after_other_write is not None for r in results)
    extra_head, extra_rule = (
        (" SQL after another organisation's write |", " ---: |") if after else ("", "")
    )
    lines = [
        "| Endpoint | Requests | Errors | p50 ms | p95 ms | p99 ms | Req/s | SQL queries |"
        + extra_head,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" + extra_rule,
    ]
    for r in results:
        extra = f" {r.queries_after_other_write} |" if after else ""
        lines.append(
            f"| {r.endpoint.name} | {len(r.latencies)} | {r.errors} | {r.percentile(0.5):.1f} | "
            f"{r.percentile(0.95):.1f} | {r.percentile(0.99):.1f} | {r.throughput:.0f} | {r.queries} |"
            + extra
        )
    return "\n".join(lines)


MEASURED_END = "<!-- end of measured figures: bench_people.py rewrites what is above -->"


def write_section(
    text: str,
    section: str = SECTION,
    end_marker: str = MEASURED_END,
    path: Path = ROOT / "docs" / "benchmarks.md",
) -> None:
    """Replace the measured figures of `section` (every benchmark's, one home), keeping the
    analysis written below its `end_marker`."""
    SECTION, MEASURED_END = section, end_marker  # noqa: N806 - the names the body reads
    current = path.read_text() if path.exists() else "# Benchmarks\n"
    measured = f"{SECTION}\n\n{text.strip()}\n\n{MEASURED_END}\n"
    start = current.find(SECTION + "\n")
    if start == -1:
        current = current.rstrip() + "\n\n" + measured
    else:
        following = re.search(r"^## ", current[start + len(SECTION) :], re.M)
        end = start + len(SECTION) + following.start() if following else len(current)
        marker = current.find(MEASURED_END, start, end)
        cut = marker + len(MEASURED_END) + 1 if marker != -1 else end
        current = current[:start] + measured + current[cut:]
    path.parent.mkdir(exist_ok=True)
    path.write_text(current.rstrip() + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sqlite", action="store_true", help="quick run on var/bench.sqlite3")
    parser.add_argument(
        "--database-url", default="postgresql://postgres@127.0.0.1:5432/entrepairs_bench"
    )
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=600, help="per endpoint")
    parser.add_argument("--max-seconds", type=float, default=60, help="per endpoint")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", default="", help="run only endpoints whose name contains this")
    parser.add_argument(
        "--list-cache",
        choices=["on", "off", "both"],
        default="both",
        help="run with the list cache on, off, or both (two tables)",
    )
    parser.add_argument(
        "--write", action="store_true", help="write the figures into docs/benchmarks.md"
    )
    parser.add_argument(
        "--pgoptions", default="", help='server session settings, e.g. "-c jit=off"'
    )
    args = parser.parse_args()

    database_url = (
        f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}" if args.sqlite else args.database_url
    )
    if database_url.startswith("postgres"):
        ensure_postgres_database(database_url)
    env = production_env(database_url)
    if args.pgoptions:
        # Read by libpq: applies to every connection of the server (and of this process).
        env["PGOPTIONS"] = args.pgoptions
    prepare(env, args.people, args.organisations)
    setup_django(env)
    session, token, params = credentials()
    chosen = [e for e in endpoints(params) if args.only.lower() in e.name.lower()]
    modes = ["on", "off"] if args.list_cache == "both" else [args.list_cache]
    tables = []
    for mode in modes:
        results = run_mode(mode, env, args, chosen, session, token)
        tables.append(f"{MODE_TITLES[mode]}\n\n{table(results)}")

    machine = machine_description(database_url)
    report = "\n".join(
        [
            f"Measured {date.today().isoformat()} by `bench/bench_people.py{' --sqlite' if args.sqlite else ''}`.",
            "",
            f"- Machine: {machine}; server, database and load generator share it.",
            f"- Server: gunicorn, {args.workers} sync workers, production settings (DEBUG off, Redis "
            "cache shared by the workers), on 127.0.0.1"
            + (f", PGOPTIONS `{args.pgoptions}`." if args.pgoptions else "."),
            f"- Load: {args.clients} concurrent client threads, up to {args.requests} requests (or "
            f"{args.max_seconds:.0f} s) per endpoint after a warm-up that requests every URL once; "
            "SQL queries counted in-process per request.",
            f"- Data set: {dataset_description()}.",
            f"- Target: p95 under {TARGET_P95_MS:.0f} ms.",
            "",
            "\n\n".join(tables),
        ]
    )
    print()
    print(report)
    if args.write:
        write_section(report)
        print("\nWritten to docs/benchmarks.md")


MODE_TITLES = {
    "on": "**List cache on** (the default: pages are cached until people, teams, memberships or "
    "organisations change; the warm-up has seen every URL once):",
    "off": "**List cache off** (`LIST_CACHE_SECONDS=0`: every request computes its page, as the "
    "first view after a change does):",
}


def run_mode(
    mode: str,
    env: dict[str, str],
    args: argparse.Namespace,
    chosen: list[Endpoint],
    session: str,
    token: str,
) -> list[Result]:
    from django.core.cache import cache
    from django.db import connections
    from django.test import override_settings

    seconds = "600" if mode == "on" else "0"
    cache.clear()  # the bench's own Redis database: start every mode from nothing
    with override_settings(LIST_CACHE_SECONDS=int(seconds)):
        for endpoint in chosen:
            endpoint.queries = count_queries(endpoint, session, token)  # type: ignore[attr-defined]
    cache.clear()
    connections.close_all()  # the server, not this process, should hold the database now
    server = start_server({**env, "LIST_CACHE_SECONDS": seconds}, args.port, args.workers)
    results = []
    print(f"List cache {mode}:")
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
            result.queries, result.queries_after_other_write = endpoint.queries  # type: ignore[attr-defined]
            results.append(result)
            print(
                f"  {endpoint.name:32} n={len(result.latencies):5} err={result.errors} "
                f"p50={result.percentile(0.5):7.1f} p95={result.percentile(0.95):7.1f} "
                f"p99={result.percentile(0.99):7.1f} ms  {result.throughput:6.1f} req/s  {result.queries} queries "
                f"({result.queries_after_other_write} after another organisation's write)",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


if __name__ == "__main__":
    main()
