"""The solver tests run without Django (``-p no:django``).

The repository's root conftest has an autouse fixture that needs pytest-django's
``settings``; overriding it here by name keeps these tests independent of Django.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing() -> None:
    return None
