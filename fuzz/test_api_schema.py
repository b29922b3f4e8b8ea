"""Schemathesis on the OpenAPI schema: every operation, three credentials, a capped number of examples.

The schema is the one the app serves (`/api/schema/`, drf-spectacular), read through the WSGI
application in this process; requests go to the same application, on the test database, with the
small demo world loaded once for the module (`manage.py load_demo`). Each operation × credential
is one pytest test: its writes are rolled back when it ends, so every test starts from the same
world.

Checks on every answer: no server error (5xx), the status code is one the schema documents, and
the body matches the schema documented for that status.

    .venv/bin/python -m pytest fuzz -m fuzz -p no:randomly          # the bounded run (CI)
    FUZZ_EXAMPLES=100 .venv/bin/python -m pytest fuzz -m fuzz -x    # a longer run

`FUZZ_EXAMPLES` is the number of generated examples per operation for the signed-in credentials
(default 4); anonymous requests are all refused before any input is read, so they get a quarter
of it (at least 1). See docs/testing.md, "API fuzzing".
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

pytestmark = pytest.mark.fuzz

EXAMPLES = max(1, int(os.environ.get("FUZZ_EXAMPLES", "4")))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def _application() -> Any:
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


# The coverage phase (boundary and invalid values of every parameter, unexpected methods) sends
# dozens of requests per operation: too many for the bounded run; FUZZ_COVERAGE=1 adds it.
CONFIG = schemathesis.Config.from_dict(
    {"phases": {"coverage": {"enabled": bool(os.environ.get("FUZZ_COVERAGE"))}}}
)
schema: Any = schemathesis.openapi.from_wsgi("/api/schema/", _application(), config=CONFIG)
if os.environ.get("FUZZ_PATHS"):  # a regular expression: fuzz these paths only
    schema = schema.include(path_regex=os.environ["FUZZ_PATHS"])


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, str]]:
    """The small demo world and one access token per credential, rolled back after the module."""
    from entrepairs.accounts.models import AccessToken, User
    from entrepairs.demo import generator
    from entrepairs.people.models import Person

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            generator.load_small()
            tokens = {}
            for role in ("professional", "coordinator"):
                login = next(login for login in generator.SMALL_LOGINS if login.role == role)
                user = User.objects.get(email=login.email)
                person = Person.objects.get(user=user)
                _, secret = AccessToken.issue(
                    user=user, organisation=person.organisation, name="fuzz"
                )
                tokens[role] = secret
            yield tokens
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _model_of(path: str) -> Any:
    """The model behind a path template (its view's serializer's model), None when unknown."""
    from django.urls import Resolver404, resolve

    any_id = "00000000-0000-4000-8000-000000000000"
    concrete = path.replace("{kind}", "quote")
    for name in ("{id}", "{person_pk}"):
        concrete = concrete.replace(name, any_id)
    try:
        view = getattr(resolve(concrete).func, "cls", None)
    except Resolver404:
        return None
    if path.endswith("/{person_pk}/competencies/"):
        from entrepairs.people.models import Person

        return Person
    serializer = getattr(view, "serializer_class", None)
    return getattr(getattr(serializer, "Meta", None), "model", None)


@pytest.fixture(scope="module")
def world_ids(fuzz_world: dict[str, str], django_db_blocker: Any) -> dict[str, list[str]]:
    """For each path with an id, ids of real objects of that kind, of every organisation: random
    UUIDs only ever meet a 404, real ids reach the permission checks and the actions."""
    ids: dict[str, list[str]] = {}
    with django_db_blocker.unblock():
        for operation in schema.get_all_operations():
            path = operation.ok().path  # type: ignore[union-attr]  # the schema is ours: valid
            model = _model_of(path) if "{" in path else None
            if model is not None and path not in ids:
                pks = model.objects.order_by("pk").values_list("pk", flat=True)[:40]
                ids[path] = [str(pk) for pk in pks]
    return ids


def _with_real_ids(case: Any, data: Any, ids: dict[str, list[str]]) -> None:
    """Most of the time, put a real object's id in the path (the rest, the generated one)."""
    known = ids.get(case.operation.path)
    for name in ("id", "person_pk"):
        if known and name in case.path_parameters and data.draw(st.integers(0, 3), label="real"):
            case.path_parameters[name] = data.draw(st.sampled_from(known), label=name)


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request (`close_old_connections`),
    which would end the test's transaction: as Django's test client does, keep it open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _settings(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        # Deterministic in CI: the same examples on every run; FUZZ_RANDOM=1 explores new ones.
        derandomize=not os.environ.get("FUZZ_RANDOM"),
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )


@pytest.mark.parametrize("credential", ["anonymous"])
@schema.parametrize()
@schema.given(data=st.data())
@_settings(max(1, EXAMPLES // 4))
def test_it_refuses_every_operation_to_anonymous_callers_within_the_schema(
    case: Any,
    data: Any,
    credential: str,
    world_ids: dict[str, list[str]],
    in_process_requests: None,
    db: None,
) -> None:
    _with_real_ids(case, data, world_ids)
    case.call_and_validate(checks=CHECKS)


@pytest.mark.parametrize("credential", ["professional", "coordinator"])
@schema.parametrize()
@schema.given(data=st.data())
@_settings(EXAMPLES)
def test_it_answers_every_operation_within_the_schema(
    case: Any,
    data: Any,
    credential: str,
    fuzz_world: dict[str, str],
    world_ids: dict[str, list[str]],
    in_process_requests: None,
    db: None,
) -> None:
    _with_real_ids(case, data, world_ids)
    case.call_and_validate(
        headers={"Authorization": f"Bearer {fuzz_world[credential]}"}, checks=CHECKS
    )
