"""The person picker's source for a network's invitation forms (DECISIONS "Person pickers")."""

from typing import Any

from django.db.models import QuerySet

from entrepairs.people import picker
from entrepairs.people.models import Person

from . import selectors

PEOPLE = "networks.people"


@picker.source(PEOPLE)
def people_to_invite(user: Any, network: Any) -> QuerySet[Person]:
    """Who an organiser may invite to this network: people of its member organisations."""
    found = selectors.get_network_for(user, network)
    return selectors.invitable_people(user).filter(pk__in=selectors.people_of_members(found))
