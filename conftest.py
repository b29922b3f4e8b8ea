"""The shared fixture world: a few named people who recur in every test.

Organisation A ("Association Tutelle Nord") with a coordinator, a manager and her staff,
an external facilitator who also works for organisation B; organisation B has its own coordinator.
"""

import pytest

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test fixture


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):  # type: ignore[no-untyped-def]
    """PostgreSQL: with TEST_DATABASE_TEMPLATE (a database bin/test migrated once for the run), each
    test database is a copy of it (CREATE DATABASE ... TEMPLATE), so its `migrate` finds nothing
    left to apply instead of running every migration again in each process of each step."""
    import os

    from django.conf import settings

    template = os.environ.get("TEST_DATABASE_TEMPLATE")
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        sqlite_template = os.environ.get("TEST_SQLITE_TEMPLATE")
        if sqlite_template:
            _start_from_sqlite_template(sqlite_template)
        return
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    if template:
        database.setdefault("TEST", {})["TEMPLATE"] = template
    # A runaway query fails its test after 5 minutes, naming itself, instead of holding the whole
    # run until CI's limit (one query once ran for over ten minutes: see django_db_setup).
    options = database.setdefault("OPTIONS", {})
    options["options"] = (options.get("options", "") + " -c statement_timeout=300000").strip()


# The connections that keep each in-memory SQLite test database alive once filled from the template.
_SQLITE_KEPT: list[object] = []


def _start_from_sqlite_template(template: str) -> None:
    """SQLite: with TEST_SQLITE_TEMPLATE (a database file bin/test migrated once for the run), each
    process's test database (in memory) starts as a copy of it (SQLite's backup API) before
    Django's `migrate`, which then finds every migration applied instead of running them all
    again in each xdist worker (minutes of CPU each). A template older than the code still works:
    `migrate` applies what it lacks."""
    import sqlite3
    from typing import Any

    from django.db import connections

    creation: Any = connections["default"].creation  # SQLite's DatabaseCreation
    create = creation._create_test_db

    def create_from_template(verbosity, autoclobber, keepdb=False):  # type: ignore[no-untyped-def]
        name = create(verbosity, autoclobber, keepdb)
        if keepdb:
            return name
        target = sqlite3.connect(name, uri=name.startswith("file:"))
        with sqlite3.connect(f"file:{template}?mode=ro", uri=True) as source:
            source.backup(target)
        if creation.is_in_memory_db(name):
            _SQLITE_KEPT.append(target)  # an in-memory database lives while a connection is open
        else:
            target.close()
        return name

    creation._create_test_db = create_from_template


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """PostgreSQL: no autovacuum on the test database's tables, and statistics of its real
    (empty) state. Autovacuum analyses what committed tests leave behind, often a table whose
    rows were just rolled back or flushed: statistics saying "no rows" on pages that exist, so
    the planner takes every later test's 100 rows for one and nests loops over them (one list
    query ran for over ten minutes in CI). Tables never analysed are estimated from their
    actual size instead; tests that grow rows ANALYZE them (core/tests/querycounts.py)."""
    from django.db import connection

    from entrepairs.core.tests.querycounts import user_tables

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for table in user_tables():  # names from the catalogue, quoted by quote_ident
                cursor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")  # nosec B608
            cursor.execute("VACUUM ANALYZE")


@pytest.fixture(autouse=True)
def _test_settings(request):  # type: ignore[no-untyped-def]
    """Fast password hashing and one private, empty cache per test. Skipped when Django is not
    loaded (`pytest entrepairs/solvers -p no:django` proves the engine needs none)."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.core.cache import cache

    settings = request.getfixturevalue("settings")
    # PBKDF2's production work factor costs ~1 s per user on this 2-core machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Parallel test processes must not share cached pages (core.listcache), and rolled-back data
    # must not leave any behind for the next test.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english_messages(settings):  # type: ignore[no-untyped-def]
    """Messages in the source language: the UI is French once translations are compiled."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership, Organisation, Role, Team
    from entrepairs.people.models import Person

    def person(org, first, last, *, role=None, account=True, **fields):  # type: ignore[no-untyped-def]
        email = f"{first}.{last}@{org.slug}.test".lower()
        user = (
            User.objects.create_user(email, PASSWORD, display_name=f"{first} {last}")
            if account
            else None
        )
        p = Person.objects.create(
            organisation=org, first_name=first, last_name=last, email=email, user=user, **fields
        )
        if role:
            Membership.objects.create(person=p, organisation=org, role=role)
        return p

    org_a = Organisation.objects.create(name="Association Tutelle Nord", slug="tutelle-nord")
    org_b = Organisation.objects.create(
        name="Agence Enfance Sud", slug="enfance-sud", kind="agency"
    )
    region = Team.objects.create(organisation=org_a, name="Équipe Lille", kind=Team.Kind.REGIONAL)
    core = Team.objects.create(
        organisation=org_a, name="Noyau Lille 1", kind=Team.Kind.CORE, parent=region
    )
    team_b = Team.objects.create(organisation=org_b, name="Équipe Sud", kind=Team.Kind.CORE)
    coordinator = person(
        org_a, "Claire", "Coordinatrice", role=Role.COORDINATOR, profession="coordinator"
    )
    manager = person(org_a, "Marc", "Manager", role=Role.MANAGER, profession="manager", team=region)
    professional = person(
        org_a,
        "Paula",
        "Pro",
        role=Role.PROFESSIONAL,
        profession="tutor",
        team=core,
        line_manager=manager,
        years_experience=4,
        languages=["fr", "en"],
    )
    colleague = person(
        org_a,
        "Colin",
        "Collegue",
        role=Role.PROFESSIONAL,
        profession="educator",
        team=core,
        line_manager=manager,
    )
    facilitator = person(
        org_a, "Fanny", "Facilitatrice", role=Role.FACILITATOR, profession="facilitator"
    )
    Membership.objects.create(person=facilitator, organisation=org_b, role=Role.FACILITATOR)
    youth = person(org_a, "Yanis", "Jeune", role=Role.YOUTH, account=False)
    coordinator_b = person(
        org_b, "Bruno", "CoordB", role=Role.COORDINATOR, profession="coordinator"
    )
    worker_b = person(
        org_b,
        "Berthe",
        "TravailleuseB",
        role=Role.CASE_WORKER,
        team=team_b,
        profession="case_worker",
    )
    admin = User.objects.create_superuser("admin@entrepairs.test", PASSWORD)
    return SimpleNamespace(
        org_a=org_a,
        org_b=org_b,
        region=region,
        core=core,
        team_b=team_b,
        coordinator=coordinator,
        manager=manager,
        professional=professional,
        colleague=colleague,
        facilitator=facilitator,
        youth=youth,
        coordinator_b=coordinator_b,
        worker_b=worker_b,
        admin=admin,
        password=PASSWORD,
    )


@pytest.fixture
def client_for(client):  # type: ignore[no-untyped-def]
    """Log a test client in as a Person (or a User)."""

    def login(who):  # type: ignore[no-untyped-def]
        user = getattr(who, "user", None) or who
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


@pytest.fixture
def api_for():  # type: ignore[no-untyped-def]
    """An APIClient authenticated with a fresh access token for a Person in an organisation."""
    from rest_framework.test import APIClient

    from entrepairs.accounts.models import AccessToken

    def make(who, organisation=None):  # type: ignore[no-untyped-def]
        _, secret = AccessToken.issue(
            user=who.user, organisation=organisation or who.organisation, name="test"
        )
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return api

    return make


@pytest.fixture(scope="session")
def redis_test_url():  # type: ignore[no-untyped-def]
    """A Redis database of this test run's own: never a fixed number, so two runs (or two xdist
    workers) on one Redis do not empty or consume each other's queues.

    TEST_REDIS_URL with a database number (redis://host:6379/7) is used as given; without one
    (default redis://127.0.0.1:6379) the first free database of 1-15 is claimed with a key set
    only if absent (expiring after an hour, should a run be killed), then emptied and released."""
    import os
    import uuid
    from urllib.parse import urlsplit

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
    if urlsplit(url).path.strip("/"):
        yield url
        return
    claim, token = "entrepairs:test-run", uuid.uuid4().hex
    for number in range(1, 16):
        connection = redis.Redis.from_url(f"{url}/{number}", socket_connect_timeout=3)
        if connection.set(claim, token, nx=True, ex=3600):
            break
    else:
        pytest.fail(f"every Redis database 1-15 at {url} is claimed by another test run")
    try:
        yield f"{url}/{number}"
    finally:
        if connection.get(claim) == token.encode():
            connection.flushdb()


@pytest.fixture
def pdf_text():  # type: ignore[no-untyped-def]
    """The text of a PDF, through pypdf's extraction (a byte search is blind once streams are
    compressed), with runs of white space made single spaces."""
    import io
    import re

    from pypdf import PdfReader

    def extract(content: bytes) -> str:
        assert content.startswith(b"%PDF"), content[:40]
        pages = PdfReader(io.BytesIO(content)).pages
        return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))

    return extract
