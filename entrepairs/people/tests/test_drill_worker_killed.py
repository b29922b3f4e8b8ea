"""Drill (issue 17, §6): a worker is killed (SIGKILL) in the middle of a people import; another
worker, started after, sees the job's heartbeat stop, takes the job up again and imports the
file exactly once.

Real processes (`manage.py run_worker --no-scheduler`) on the test database. Marked `once` (a
drill: bin/test runs it in its PostgreSQL pass, where the workers share the test database). On a
machine without PostgreSQL it runs on SQLite: the in-memory test database is copied to a file the
workers share, and copied back for the checks. The heartbeat timeout is 3 s here (90 s in
production)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from entrepairs.core.models import JobLease, Notification
from entrepairs.people.models import ImportRun, Person
from entrepairs.people.tasks import import_start

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.once]

ROOT = Path(__file__).resolve().parents[3]
ROWS = 300
# Read by hand (the workers' SQLite file is not the ORM's database); checked below.
TABLES = ("core_joblease", "django_tasks_database_dbtaskresult")


def _name(n: int) -> str:
    letters = ""
    for _ in range(3):
        n, rest = divmod(n, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[rest]
    return letters.capitalize()


def _file() -> bytes:
    lines = ["first_name,last_name,email"]
    lines += [f"Drill{_name(i)},Exercice,drill{i}@exercice.test" for i in range(ROWS)]
    return ("\n".join(lines) + "\n").encode()


def test_the_drill_reads_the_tables_of_the_models() -> None:
    assert (JobLease._meta.db_table, DBTaskResult._meta.db_table) == TABLES


class SharedDatabase:
    """The test database as the workers reach it, and the two facts the drill watches."""

    def __init__(self, tmp_path: Path) -> None:
        self.file: Path | None = None
        self.url = _database_url()
        if connection.vendor == "sqlite":
            self.file = tmp_path / "drill.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)
            self.url = f"sqlite:///{self.file}"

    def _one(self, sql: str) -> Any:
        if self.file is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()
        with sqlite3.connect(self.file, timeout=30) as reader:
            return reader.execute(sql).fetchone()

    def leased(self) -> bool:
        return bool(self._one("SELECT COUNT(*) FROM core_joblease")[0])

    def job_status(self) -> str:
        return str(self._one("SELECT status FROM django_tasks_database_dbtaskresult")[0])

    def bring_back(self) -> None:
        """SQLite: the workers' file becomes the test database again, for the ORM's checks."""
        if self.file is not None:
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgresql://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def _worker(log: Path, database: SharedDatabase) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "JOB_HEARTBEAT_TIMEOUT": "3",
        "JOB_HEARTBEAT_INTERVAL": "0.5",
        "JOB_SWEEP_INTERVAL": "0.5",
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "run_worker", "--no-scheduler", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_for(what: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if what():
            return True
        time.sleep(0.1)
    return False


def test_a_killed_worker_s_import_is_finished_once_by_another_worker(
    world: Any, tmp_path: Path
) -> None:
    run = import_start(
        organisation=world.org_a,
        by=world.coordinator.user,
        filename="drill.csv",
        data=_file(),
        rows=ROWS,
    )
    job = DBTaskResult.objects.get()
    database = SharedDatabase(tmp_path)
    log = tmp_path / "workers.log"
    first = _worker(log, database)
    second = None
    try:
        # In the middle of the job: claimed, its lease beating, nothing committed yet.
        assert _wait_for(database.leased, 60), log.read_text()
        time.sleep(1)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        assert database.job_status() == TaskResultStatus.RUNNING  # killed before it finished

        second = _worker(log, database)
        # Done: the result written, then the lease dropped.
        assert _wait_for(
            lambda: database.job_status() == "SUCCESSFUL" and not database.leased(), 60
        ), log.read_text()
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
    database.bring_back()
    job.refresh_from_db()
    run.refresh_from_db()
    assert len(job.worker_ids) == 2  # the killed attempt, then the one that finished
    assert (run.status, run.created) == (ImportRun.Status.DONE, ROWS)
    assert Person.objects.filter(last_name="Exercice").count() == ROWS
    assert Notification.objects.filter(recipient=world.coordinator.user).count() == 1
    assert not JobLease.objects.exists()
