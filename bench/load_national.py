"""Load benchmark (issue #17 point 5): 50 signed-in users on the national data set, with locust.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/load_national.py --runs 3 --users 50 --duration 60 --servers 1,2 --write

It creates the database if needed and loads the national set once (`load_demo --size national`,
skipped when already there), picks real users of it (bench/load_mix.py: coordinators,
facilitators, newcomers, mentors) and opens a session for each, then, per run:

1. for each count in --servers: that many app servers (gunicorn with entrepairs.gunicorn_conf,
   production settings, --workers 2 × cores as docs/deployment.md recommends, one Redis cache),
   then locust headless (bench/locustfile.py) with --users signed-in users going through their mix
   with a pause of --think seconds between pages, plus a bare Django view and `/healthz` probed
   twice a second through the same servers in the same run;
2. `/healthz` under load: one app server, --healthz-clients signed-in users;
3. the drill: two app servers under --users users; halfway, one server is killed (SIGKILL to its
   whole process group, as a machine that dies); the failed requests are counted.

Locust runs in its own environment (var/locust-venv, or the `locust` beside this Python, or
$LOCUST): it is a development dependency (pyproject.toml) that the app never imports. Balancing
is done by locust itself over the servers' ports (bench/locustfile.py says how). Figures are the
median of the runs, with the range of p95; the load average of the machine is written beside
each (it is shared: other processes compete for its cores).
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_people import (  # noqa: E402
    ensure_postgres_database,
    machine_description,
    manage,
    setup_django,
    write_section,
)

PYTHON = sys.executable
SECTION = "## Load: 50 signed-in users (issue 17 point 5)"
MEASURED_END = "<!-- end of measured figures: load_national.py rewrites what is above -->"
TARGET_P95_MS = 200.0
HEALTHZ_TARGET_MS = 50.0
FIRST_PORT = 8801
VAR = ROOT / "var" / "load_national"
# Rows of the tables in this order; the probes last.
PROBES = ["Bare Django view", "/healthz"]
REFUSED_LABEL = "(connection refused, sent to the other server)"


def bench_encryption_key() -> str:
    """The key development derives from its secret (entrepairs/core/crypto.py): the national set
    loaded by a plain `manage.py load_demo --size national` stays readable under the bench's
    production settings. Demo data only."""
    # Read from the file, not imported: importing the settings now would fix them before the
    # benchmark's environment is in place.
    found = re.search(
        r'^_DEV_SECRET = "([^"]+)"', (ROOT / "entrepairs" / "settings.py").read_text(), re.M
    )
    assert found, "entrepairs/settings.py has no _DEV_SECRET"
    digest = hashlib.sha256(("entrepairs-encryption:" + found.group(1)).encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def production_env(database_url: str, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        ENTREPAIRS_ENV="production",
        DEBUG="false",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        ENCRYPTION_KEYS=os.environ.get("BENCH_ENCRYPTION_KEYS", bench_encryption_key()),
        ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL=redis_url,
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="INFO",  # production's level: the app writes its access line per request
        DJANGO_SETTINGS_MODULE="bench.bench_settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def locust_command() -> list[str]:
    for candidate in (
        os.environ.get("LOCUST", ""),
        str(ROOT / "var" / "locust-venv" / "bin" / "locust"),
        str(Path(PYTHON).parent / "locust"),
    ):
        if candidate and Path(candidate).exists():
            return [candidate]
    found = shutil.which("locust")
    if found:
        return [found]
    raise SystemExit(
        "locust not found: install the dev group's pin (pyproject.toml) in var/locust-venv, e.g. "
        "uv venv var/locust-venv && uv pip install --python var/locust-venv/bin/python locust==2.47.0"
    )


# --- app servers ---------------------------------------------------------------------------


def start_servers(env: dict[str, str], count: int, workers: int) -> list[subprocess.Popen]:
    servers = []
    for i in range(count):
        port = FIRST_PORT + i
        log = open(VAR / f"gunicorn-{port}.log", "ab")  # noqa: SIM115 - the server holds it
        servers.append(
            subprocess.Popen(
                [
                    str(Path(PYTHON).parent / "gunicorn"),
                    "-c",
                    "python:entrepairs.gunicorn_conf",
                    "entrepairs.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "30",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,  # its own process group: the drill kills it whole
            )
        )
    for i, server in enumerate(servers):
        wait_ready(server, FIRST_PORT + i)
    return servers


def wait_ready(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 180  # a busy 2-core machine can take a while to import Django
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn on {port} stopped: see {VAR}/gunicorn-{port}.log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn on {port} did not answer in time")


def stop_servers(servers: list[subprocess.Popen]) -> None:
    for server in servers:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
    for server in servers:
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def warm_up(plan: list[dict], ports: list[int], workers: int) -> None:
    """Every step of one user of each kind, on every server, a few times (each worker imports
    and compiles its templates on its first requests); any answer but the expected one stops the
    benchmark before it measures an error page."""
    seen: set[str] = set()
    for planned in plan:
        if planned["kind"] in seen:
            continue
        seen.add(planned["kind"])
        headers = {"Host": "127.0.0.1", "Cookie": f"sessionid={planned['session_key']}"}
        for step in planned["steps"]:
            for port in ports:
                for _ in range(1):
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    conn.request("GET", step["path"], headers=headers)
                    response = conn.getresponse()
                    response.read()
                    conn.close()
                    if response.status != 200:
                        raise RuntimeError(
                            f"{planned['kind']} {planned['email']}: {step['path']} answered "
                            f"{response.status} on port {port}"
                        )


# --- locust --------------------------------------------------------------------------------


@dataclass
class PageStats:
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float


@dataclass
class Phase:
    """One locust run: its stats per page, and the load average around it."""

    name: str
    pages: dict[str, PageStats]
    load_before: float
    load_after: float
    failures: list[tuple[str, str, int]] = field(default_factory=list)
    served_after_kill: int | None = None
    refused: int = 0
    seconds: float = 0.0


def run_locust(
    name: str,
    *,
    ports: list[int],
    users: int,
    seconds: int,
    think: str,
    plan_file: Path,
    kill: subprocess.Popen | None = None,
) -> Phase:
    prefix = VAR / name
    for old in VAR.glob(f"{name}_*"):
        old.unlink()
    env = dict(os.environ)
    env.update(
        LOAD_PLAN=str(plan_file),
        LOAD_PORTS=",".join(map(str, ports)),
        LOAD_THINK=think,
        LOAD_OUT=str(prefix),
    )
    spawn_rate = 10
    command = [
        *locust_command(),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users + 2),  # + the bare view and /healthz probes
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{seconds}s",
        "--reset-stats",  # figures from the moment every user is running
        "--csv",
        str(prefix),
        "--csv-full-history",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    killed_at = None
    if kill is not None:
        # Halfway through the measured part: from the moment every user runs (locust writes it,
        # bench/locustfile.py; its figures start there too, --reset-stats) to the run's end.
        spawned = Path(f"{prefix}_spawned")
        while not spawned.exists() and process.poll() is None:
            time.sleep(0.2)
        ramp = time.monotonic() - started
        time.sleep(max(0.0, (seconds - ramp) / 2))
        os.killpg(kill.pid, signal.SIGKILL)
        killed_at = time.time()
        kill.wait()
    process.wait()
    phase = Phase(
        name,
        read_stats(prefix),
        load_before,
        os.getloadavg()[0],
        failures=read_failures(prefix),
        seconds=time.monotonic() - started,
    )
    if killed_at is not None:
        phase.served_after_kill = served_after(prefix, killed_at)
    refused = Path(f"{prefix}_refused")
    phase.refused = int(refused.read_text()) if refused.exists() else 0
    return phase


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return float("nan")


def read_stats(prefix: Path) -> dict[str, PageStats]:
    pages = {}
    with open(f"{prefix}_stats.csv") as f:
        for row in csv.DictReader(f):
            if row["Name"] in ("Aggregated", REFUSED_LABEL) or row["Request Count"] == "0":
                continue
            name = row["Name"]
            if row["Type"] == "POST" or name in pages:
                name = name if name.startswith("Write") else f"{name} ({row['Type']})"
            pages[name] = PageStats(
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                p50=_number(row["50%"]),
                p95=_number(row["95%"]),
                p99=_number(row["99%"]),
                rps=_number(row["Requests/s"]),
            )
    return pages


def read_failures(prefix: Path) -> list[tuple[str, str, int]]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path) as f:
        return [(r["Name"], r["Error"], int(r["Occurrences"])) for r in csv.DictReader(f)]


def served_after(prefix: Path, killed_at: float) -> int:
    """Requests answered after the kill (from locust's per-second history of all requests)."""
    at_kill, last = None, 0
    with open(f"{prefix}_stats_history.csv") as f:
        for row in csv.DictReader(f):
            if row["Name"] != "Aggregated":
                continue
            total = int(row["Total Request Count"]) - int(row["Total Failure Count"])
            if at_kill is None and int(row["Timestamp"]) >= killed_at:
                at_kill = total
            last = total
    return last - (at_kill or 0)


# --- the report ----------------------------------------------------------------------------


def median_table(phases: list[Phase], *, target: float) -> str:
    names: list[str] = []
    for phase in phases:
        names += [n for n in phase.pages if n not in names]
    ordered = sorted(
        (n for n in names if n not in PROBES and n != REFUSED_LABEL), key=lambda n: n.lower()
    ) + [n for n in PROBES if n in names]
    lines = [
        "| Page | Requests | Errors | p50 ms | p95 ms (range) | p99 ms | Req/s | Goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name in ordered:
        rows = [p.pages[name] for p in phases if name in p.pages]
        p95s = [r.p95 for r in rows]
        p95 = statistics.median(p95s)
        goal = HEALTHZ_TARGET_MS if name == "/healthz" else target
        verdict = "—" if name == "Bare Django view" else ("met" if p95 < goal else "missed")
        if verdict != "—" and any(r.failures for r in rows):
            verdict += ", errors"
        lines.append(
            f"| {name} | {sum(r.requests for r in rows)} | {sum(r.failures for r in rows)} | "
            f"{statistics.median(r.p50 for r in rows):.0f} | {p95:.0f} ({min(p95s):.0f}–"
            f"{max(p95s):.0f}) | {statistics.median(r.p99 for r in rows):.0f} | "
            f"{statistics.median(r.rps for r in rows):.1f} | {verdict} |"
        )
    total = sum(sum(r.requests for r in p.pages.values()) for p in phases)
    errors = sum(sum(r.failures for r in p.pages.values()) for p in phases)
    lines.append(f"\nAll requests: {total}, errors: {errors}. {load_line(phases)}")
    return "\n".join(lines)


def load_line(phases: list[Phase]) -> str:
    spans = ", ".join(f"{p.load_before:.1f} → {p.load_after:.1f}" for p in phases)
    return f"Load average (1 min) before → after each run: {spans}."


def drill_text(phases: list[Phase]) -> str:
    lines = []
    for i, phase in enumerate(phases, 1):
        failed = sum(r.failures for r in phase.pages.values())
        total = sum(r.requests for n, r in phase.pages.items() if n != REFUSED_LABEL)
        kinds = "; ".join(f"{n}: {e} ×{c}" for n, e, c in phase.failures) or "none"
        lines.append(
            f"- Run {i}: {total} requests, **{failed} failed** ({kinds}); "
            f"{phase.refused} connections refused by the dead server were sent "
            f"to the other one; {phase.served_after_kill} requests answered after the kill. "
            f"Load average {phase.load_before:.1f} → {phase.load_after:.1f}."
        )
    return "\n".join(lines)


def profile_pages(plan: list[dict], repeat: int = 5) -> tuple[str, dict[str, tuple[float, int]]]:
    """Each page once warm, then `repeat` times alone, in this process (Django's test client,
    the same settings): median time and SQL queries. What a page costs without any queueing."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rows: dict[str, tuple[float, int]] = {}
    for planned in plan:
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies["sessionid"] = planned["session_key"]
        for step in planned["steps"]:
            if step["label"] in rows:
                continue
            client.get(step["path"])
            times = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = client.get(step["path"])
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (step["path"], response.status_code)
            rows[step["label"]] = (statistics.median(times), len(ctx.captured_queries))
    client = Client(HTTP_HOST="127.0.0.1")
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        client.get("/bench/bare")
        times.append((time.perf_counter() - started) * 1000)
    rows["Bare Django view"] = (statistics.median(times[1:]), 0)
    from django.db import connections

    connections.close_all()
    load = os.getloadavg()[0]
    lines = [
        "| Page | ms, alone (median of " + str(repeat) + ") | SQL queries |",
        "| --- | ---: | ---: |",
    ]
    for label in sorted(rows, key=lambda n: (n == "Bare Django view", n.lower())):
        ms, queries = rows[label]
        lines.append(f"| {label} | {ms:.0f} | {queries} |")
    lines.append(f"\nLoad average (1 min) at the end: {load:.1f}.")
    return "\n".join(lines), rows


# --- main ----------------------------------------------------------------------------------


def prepare(env: dict[str, str]) -> None:
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    # A benchmark database holds demo data only: the production settings are those measured.
    out = manage(env, "load_demo", "--size", "national", "--force-in-production")
    loaded = "already loaded" if "already loaded" in out else "loaded"
    print(f"National set {loaded}; migrate + load took {time.monotonic() - started:.0f} s")
    manage(env, "collectstatic", "--noinput", "-v0")


def make_plan(users: int) -> tuple[Path, list[dict]]:
    from django.core.cache import cache
    from django.db import connections

    from bench.load_mix import build_plan, sign_in
    from entrepairs.demo.generator import BENCH_COORDINATOR_EMAIL

    cache.clear()  # the bench's own Redis database: start from nothing
    plan = build_plan(users, first_email=BENCH_COORDINATOR_EMAIL)
    if len(plan) < users:
        raise SystemExit(f"only {len(plan)} usable users in the data set, {users} wanted")
    sign_in(plan)
    connections.close_all()
    data = [p.as_json() for p in plan]
    path = VAR / "plan.json"
    path.write_text(json.dumps(data))
    return path, data


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/entrepairs_bench"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds of each locust run")
    parser.add_argument("--servers", default="1,2", help="app server counts to measure")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument(
        "--think", default="5,15", help="pause of a user between pages, min,max seconds"
    )
    parser.add_argument("--healthz-clients", type=int, default=20)
    parser.add_argument("--no-healthz", action="store_true")
    parser.add_argument("--no-drill", action="store_true")
    parser.add_argument("--no-prepare", action="store_true", help="the set is loaded: skip it")
    parser.add_argument("--no-profile", action="store_true", help="skip the one-at-a-time table")
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()

    VAR.mkdir(parents=True, exist_ok=True)
    ensure_postgres_database(args.database_url)
    env = production_env(args.database_url, args.redis_url)
    if not args.no_prepare:
        prepare(env)
    setup_django(env)
    plan_file, plan = make_plan(args.users)
    counts = [int(n) for n in args.servers.split(",")]
    by_servers: dict[int, list[Phase]] = {n: [] for n in counts}
    healthz: list[Phase] = []
    drills: list[Phase] = []
    started_at = datetime.now(UTC)
    alone = ""
    if not args.no_profile:
        alone, _ = profile_pages(plan)
        print(alone, flush=True)
    top = max([*counts, 1 if args.no_drill else 2])
    for run in range(1, args.runs + 1):
        # The servers start once per run (starting gunicorn costs a minute on a busy machine); a
        # phase on fewer servers leaves the others idle. The drill comes last: it kills one.
        servers = start_servers(env, top, args.workers)
        try:
            warm_up(plan, [FIRST_PORT + i for i in range(top)], args.workers)
            for n in counts:
                phase = run_locust(
                    f"run{run}-servers{n}",
                    ports=[FIRST_PORT + i for i in range(n)],
                    users=args.users,
                    seconds=args.duration,
                    think=args.think,
                    plan_file=plan_file,
                )
                by_servers[n].append(phase)
                report_phase(phase)
            if not args.no_healthz:
                phase = run_locust(
                    f"run{run}-healthz",
                    ports=[FIRST_PORT],
                    users=args.healthz_clients,
                    seconds=args.duration,
                    think=args.think,
                    plan_file=plan_file,
                )
                healthz.append(phase)
                report_phase(phase)
            if not args.no_drill:
                phase = run_locust(
                    f"run{run}-drill",
                    ports=[FIRST_PORT, FIRST_PORT + 1],
                    users=args.users,
                    seconds=args.duration,
                    think=args.think,
                    plan_file=plan_file,
                    kill=servers[1],
                )
                drills.append(phase)
                report_phase(phase)
                print("  " + drill_text([phase]), flush=True)
        finally:
            stop_servers(servers)

    report = build_report(args, plan, by_servers, healthz, drills, started_at, alone)
    print()
    print(report)
    (VAR / "report.md").write_text(report)
    if args.write:
        write_section(report, section=SECTION, end_marker=MEASURED_END)
        print("\nWritten to docs/benchmarks.md")


def report_phase(phase: Phase) -> None:
    print(f"{phase.name} (load {phase.load_before:.1f} → {phase.load_after:.1f}):", flush=True)
    for name, s in phase.pages.items():
        print(
            f"  {name:45} n={s.requests:5} err={s.failures:3} p50={s.p50:6.0f} "
            f"p95={s.p95:6.0f} p99={s.p99:6.0f} ms {s.rps:6.1f} req/s",
            flush=True,
        )


def build_report(
    args: argparse.Namespace,
    plan: list[dict],
    by_servers: dict[int, list[Phase]],
    healthz: list[Phase],
    drills: list[Phase],
    started_at: datetime,
    alone: str,
) -> str:
    from collections import Counter

    from entrepairs.organisations.models import Organisation
    from entrepairs.people.models import Person

    kinds = Counter(p["kind"] for p in plan)
    mix = ", ".join(f"{n} {k}s" for k, n in kinds.items())
    parts = [
        f"Measured {started_at:%Y-%m-%d %H:%M} UTC by `bench/load_national.py --runs {args.runs} "
        f"--users {args.users} --duration {args.duration} --servers {args.servers}`.",
        "",
        f"- Machine: {machine_description(args.database_url)}; app servers, PostgreSQL, Redis and "
        "locust share it, and so do other people's processes: the load average is given beside "
        "each table.",
        f"- Data set: the national set ({Organisation.objects.count()} organisations, "
        f"{Person.objects.count():,} people).",
        f"- App servers: gunicorn with `entrepairs.gunicorn_conf`, {args.workers} sync workers "
        "each (2 × cores, docs/deployment.md), production settings, one Redis cache, log level "
        "INFO; each server on its own port of 127.0.0.1.",
        f"- Users: {args.users} signed in ({mix}), each pausing {args.think.replace(',', '–')} s "
        "between pages (bench/load_mix.py has each kind's pages and weights; facilitators also "
        "save attendance, the write). Locust spreads requests over the servers' ports round-robin "
        "and leaves a refused port out for 10 s (bench/locustfile.py). A bare Django view and "
        "`/healthz` are probed twice a second each in the same run.",
        f"- {args.runs} runs of {args.duration} s each, after a warm-up and once every user has "
        "started; the table gives the median of the runs (p95 with its range) and the sum of "
        f"requests and errors. Goal: p95 under {TARGET_P95_MS:.0f} ms for every page on one server, "
        f"`/healthz` under {HEALTHZ_TARGET_MS:.0f} ms, no errors.",
    ]
    for n, phases in by_servers.items():
        if phases:
            parts += ["", f"**{n} app server{'s' if n > 1 else ''}, {args.users} users:**", ""]
            parts.append(median_table(phases, target=TARGET_P95_MS))
    if healthz:
        parts += ["", f"**`/healthz` while {args.healthz_clients} users load one app server:**", ""]
        parts.append(median_table(healthz, target=TARGET_P95_MS))
    if drills:
        parts += [
            "",
            f"**Drill: one of two app servers killed (SIGKILL to its process group) halfway "
            f"through a {args.duration} s run of {args.users} users:**",
            "",
            drill_text(drills),
        ]
    if alone:
        parts += [
            "",
            "**Each page alone** (no load from the benchmark: one request at a time in the "
            "benchmark's process, Django's test client, same settings and data):",
            "",
            alone,
        ]
    return "\n".join(parts)


if __name__ == "__main__":
    main()
