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


MEMBERS = "networks.members"


@picker.source(MEMBERS)
def network_members(user: Any, network: Any) -> QuerySet[Person]:
    """Who may sit in (or lead) a group the network hosts: its accepted members (the groups
    module's services then apply the group's own rules)."""
    found = selectors.get_network_for(user, network)
    return selectors.network_member_people(found)
