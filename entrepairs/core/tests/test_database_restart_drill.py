# ruff: noqa: S603 - the drill runs PostgreSQL's tools and this interpreter, fixed arguments
"""Fault drill (issue 17, point 6): the PostgreSQL server restarts under a running app, which
recovers without a restart of its own. The drill starts its own cluster (initdb, another port,
a temporary directory), never the machine's shared server.

The app's process is a Python subprocess with the production settings' database options, which
serves "requests" as Django does (request_started / request_finished signals around a query):
one before the restart, one after. Its kept connection (DB_CONN_MAX_AGE) died with the server;
with CONN_HEALTH_CHECKS the next request reconnects. The control turns the health check off and
must see the failure, so the drill can fail."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[3]

APP = """
import sys
import django
django.setup()
from django.core.signals import request_finished, request_started
from django.db import connection
if sys.argv[1] == "off":
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False

def request():
    request_started.send(sender=None)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]
    except Exception as exc:
        return type(exc).__name__
    finally:
        request_finished.send(sender=None)

print(request(), flush=True)
sys.stdin.readline()  # the drill restarts the server meanwhile
print(request(), flush=True)
"""


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root: CI runs as root, a laptop as its user.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _tool(name: str) -> str:
    found = shutil.which(name) or next(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), None)
    assert found, f"{name} is needed for the drill"
    return str(found)


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, int, list[str]]]:
    home = Path(tempfile.mkdtemp(prefix="entrepairs-pg-drill-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = str(home / "data")

    def run(args: list[str]) -> None:
        subprocess.run(_as_postgres(args), check=True, capture_output=True, timeout=120)

    run([_tool("initdb"), "-D", data, "-A", "trust", "-U", "postgres"])
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1"
    pg_ctl = [_tool("pg_ctl"), "-D", data, "-o", options, "-l", str(home / "log"), "-w"]
    run([*pg_ctl, "start"])
    try:
        yield data, port, pg_ctl
    finally:
        subprocess.run(
            _as_postgres([*pg_ctl, "-m", "immediate", "stop"]), capture_output=True, check=False
        )
        shutil.rmtree(home, ignore_errors=True)


def _drill(cluster: tuple[str, int, list[str]], health_checks: str) -> tuple[str, str]:
    _data, port, pg_ctl = cluster
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "entrepairs.settings",
        "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{port}/postgres",
        "DB_CONN_MAX_AGE": "600",
    }
    app = subprocess.Popen(
        [sys.executable, "-c", APP, health_checks],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert app.stdin and app.stdout
    before = app.stdout.readline().strip()
    # -l (in pg_ctl): the server's output goes to a file, not to a pipe this test would wait on.
    subprocess.run(_as_postgres([*pg_ctl, "-m", "fast", "restart"]), check=True, timeout=120)
    app.stdin.write("\n")
    app.stdin.flush()
    after = app.stdout.readline().strip()
    app.wait(timeout=60)
    return before, after


def test_the_app_reconnects_after_the_database_server_restarts(cluster):
    before, after = _drill(cluster, "on")
    assert before.isdigit() and after.isdigit(), (before, after)
    assert before != after  # a new server process: the dead connection was replaced


def test_control_without_the_health_check_the_first_request_fails(cluster):
    before, after = _drill(cluster, "off")
    assert before.isdigit()
    assert after in {"OperationalError", "InterfaceError"}
