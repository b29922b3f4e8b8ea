"""Helpers shared by the training pages."""

from typing import Any

from entrepairs.people.models import Person
from entrepairs.people.selectors import acting_person


def actor(request: Any) -> Person | None:
    return acting_person(request.user)
