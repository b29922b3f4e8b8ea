"""The solver tests run without Django (``-p no:django``).

The repository's root conftest has an autouse fixture that needs pytest-django's
``settings``; overriding it here by name keeps these tests independent of Django.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from entrepairs.solvers.tests.oracle import TALLY


@pytest.fixture(autouse=True)
def _fast_password_hashing() -> None:
    return None


@pytest.fixture(autouse=True)
def _oracle_reach() -> Iterator[None]:
    """Fail a property test whose examples mostly never reached its oracle (see oracle.Tally).

    Autouse fixtures are set up once per test, around all of Hypothesis's examples: the
    share is checked after the last one, in the same process and test as the counts.
    """
    TALLY.reset()
    yield
    TALLY.check()
