from collections.abc import Iterator

import pytest
from django.db import transaction

from entrepairs.core import listcache
from entrepairs.demo.tests import replay


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The small demo world (`load_demo`), built once for the module and rolled back after it:
    {demo role: login e-mail}. Each test runs inside it (its own changes roll back too)."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = replay.load_small()
        listcache.invalidate()
        yield {login.role: login.email for login in world.logins}
        transaction.set_rollback(True)
