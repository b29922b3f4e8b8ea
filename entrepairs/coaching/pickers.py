"""The person picker's source for proposing a coach (DECISIONS "Person pickers")."""

from typing import Any

from django.db.models import QuerySet

from entrepairs.people import picker
from entrepairs.people.models import Person

from . import selectors

COACHES = "coaching.coaches"


@picker.source(COACHES)
def coaches(user: Any, asked: Any) -> QuerySet[Person]:
    """The open coaches of the new tutor's organisation (a request the viewer sees)."""
    found = selectors.get_request_for(user, asked)
    return selectors.coaches_to_pick(user, found)
