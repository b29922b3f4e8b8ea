"""Events in templates: when an event happens, in words; a network's coming events."""

from typing import Any

from django import template

from .. import selectors, services
from ..models import Event

register = template.Library()


@register.filter
def when(event: Event) -> str:
    """ "12 janvier 2027, 19 h 00 – 22 h 30" (never an ISO date on a French page)."""
    return services.when_text(event)


@register.simple_tag
def upcoming_for_network(network: Any, user: Any) -> list[Event]:
    return selectors.upcoming_for_network(network, user)


@register.simple_tag
def may_host(network: Any, user: Any) -> bool:
    from entrepairs.networks.rules import organises
    from entrepairs.organisations.viewer import viewer_for

    return organises(viewer_for(user), network)


@register.simple_tag
def event_of_session(session: Any, user: Any) -> Event | None:
    """The event a training session is held as (the training session's page shows it; training
    does not import events)."""
    return selectors.event_of_session(session, user)
