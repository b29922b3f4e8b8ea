"""One access world for the whole matrix, built once inside an outer transaction that is rolled
back at the end. Package scope: the world is torn down as soon as the run leaves this package, so
other apps' tests never see its rows or run inside its transaction. Each test runs in its own
savepoint (pytest-django `db`), so a change or delete probe never leaks into the next cell. One
signed-in client per role, made once."""

import os

import pytest


@pytest.fixture(scope="package")
def access_world(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from django.db import transaction
    from django.test import Client, override_settings

    from .matrix import EXTRA_ROLES, ROLES
    from .world import build_world

    # On a loaded machine a run takes longer than the 30 minutes a session may stay idle: a role
    # whose cells come late (casework) would be signed out and every cell read as `login`. The
    # idle limit is tested on its own (accounts/tests); here every client stays signed in.
    idle = override_settings(SESSION_IDLE_MINUTES=24 * 60)
    with django_db_blocker.unblock(), idle:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                world = build_world()
                world.clients = {}  # type: ignore[attr-defined]
                for role in ROLES + EXTRA_ROLES:
                    client = Client()
                    user = world.user_for(role)
                    if user is not None:
                        client.force_login(
                            user, backend="django.contrib.auth.backends.ModelBackend"
                        )
                    world.clients[role] = client  # type: ignore[attr-defined]
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    """bin/access-matrix sets ACCESS_MATRIX_DOC: write what was expected and what was observed."""
    target = os.environ.get("ACCESS_MATRIX_DOC")
    if not target:
        return
    from .document import write

    write(target)
