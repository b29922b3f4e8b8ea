"""Who sees an event and who organises it.

A network's events are seen by whoever sees the network (its members and organisers: the
networks app's rule, never re-derived here); an organisation's events by the people who work in
it. Everyone else gets a 404, like a missing id. The organisers of a network's event are the
network's organisers; of an organisation's event, that organisation's coordinators."""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.networks.rules import network_visible_q, organised_q, organises
from entrepairs.organisations.models import SERVED_ROLES
from entrepairs.organisations.viewer import Viewer, viewer_for

from .models import Event


def staff_orgs(viewer: Viewer) -> set[Any]:
    """The organisations the viewer works in (a person served is not invited to their events)."""
    return {org for org, held in viewer.roles.items() if held - SERVED_ROLES}


def event_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    return network_visible_q(viewer, f"{prefix}network__") | Q(
        **{f"{prefix}organisation_id__in": staff_orgs(viewer)}
    )


def organised_events_q(viewer: Viewer, prefix: str = "") -> Q:
    """Events the viewer organises: those of the networks they organise and of the organisations
    they coordinate."""
    return organised_q(viewer, f"{prefix}network__") | Q(
        **{f"{prefix}organisation_id__in": viewer.managed_orgs}
    )


def registration_visible_q(viewer: Viewer) -> Q:
    """One's own registrations; every registration of the events one organises."""
    own = Q(person_id=viewer.person_id) if viewer.person_id else Q(pk__in=[])
    return (own & event_visible_q(viewer, "event__")) | organised_events_q(viewer, "event__")


def feedback_visible_q(viewer: Viewer) -> Q:
    """One's own feedback; all of an event's to its organisers."""
    own = Q(person_id=viewer.person_id) if viewer.person_id else Q(pk__in=[])
    return (own & event_visible_q(viewer, "event__")) | organised_events_q(viewer, "event__")


def organises_event(viewer: Viewer, event: Event) -> bool:
    if event.network_id is not None:
        return event.network is not None and organises(viewer, event.network)
    return viewer.manages(event.organisation_id)


def hosts_for(viewer: Viewer) -> bool:
    """Whether the viewer may host any event at all (a network they organise, an organisation
    they coordinate); the service checks the host at hand."""
    return viewer.person_id is not None and (bool(viewer.managed_orgs) or _organises_any(viewer))


def _organises_any(viewer: Viewer) -> bool:
    from entrepairs.networks.models import Network

    return viewer.person_id is not None and Network.objects.filter(organised_q(viewer)).exists()


@rules.predicate
def organises_event_rule(user: Any, obj: Any) -> bool:
    if obj is None:
        return False
    event = obj if isinstance(obj, Event) else obj.event
    return organises_event(viewer_for(user), event)


@rules.predicate
def may_host_events(user: Any, obj: Any) -> bool:
    return hosts_for(viewer_for(user))


rules.add_perm("events.add_event", may_host_events)
rules.add_perm("events.change_event", organises_event_rule)
rules.add_perm("events.view_registrations", organises_event_rule)


@rules.predicate
def may_host_in(user: Any, host: Any) -> bool:
    """Host an event for this network (its organisers) or organisation (its coordinators)."""
    from entrepairs.networks.models import Network

    viewer = viewer_for(user)
    if isinstance(host, Network):
        return organises(viewer, host)
    return host is not None and viewer.manages(host.pk)


rules.add_perm("events.host_event", may_host_in)
