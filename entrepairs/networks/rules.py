"""Who sees a network: the people of its member organisations and its organisers. Everyone else
sees nothing of it (a 404, like a missing id), except what concerns them: an organisation's
coordinators see the invitations and requests of their organisation, a person their own."""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.organisations.models import SERVED_ROLES
from entrepairs.organisations.viewer import Viewer, viewer_for

from .models import Network, NetworkOrganisation, Status


def member_orgs(viewer: Viewer) -> set:
    """The organisations the viewer works in (a person served is not a network's member)."""
    return {org for org, held in viewer.roles.items() if held - SERVED_ROLES}


def organised_q(viewer: Viewer, prefix: str = "") -> Q:
    """Networks the viewer organises (`prefix`: the lookup to the network, e.g. "network__")."""
    if viewer.person_id is None:
        return Q(pk__in=[])
    organised = Network.organisers.through.objects.filter(person_id=viewer.person_id)
    q = Q(**{f"{prefix}pk__in": organised.values("network_id")})
    if viewer.scope is not None:
        # A token scoped to one organisation: only the networks that organisation is in.
        scoped = NetworkOrganisation.objects.filter(
            organisation_id=viewer.scope, status=Status.ACCEPTED
        )
        q &= Q(**{f"{prefix}pk__in": scoped.values("network_id")})
    return q


def network_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    accepted = NetworkOrganisation.objects.filter(
        organisation_id__in=member_orgs(viewer), status=Status.ACCEPTED
    )
    return Q(**{f"{prefix}pk__in": accepted.values("network_id")}) | organised_q(viewer, prefix)


def link_visible_q(viewer: Viewer) -> Q:
    """A network's accepted organisations to its members; every link to its organisers; an
    organisation's own links (invitations to answer, requests sent) to its coordinators."""
    return (
        (network_visible_q(viewer, "network__") & Q(status=Status.ACCEPTED))
        | organised_q(viewer, "network__")
        | Q(organisation_id__in=viewer.managed_orgs)
    )


def member_visible_q(viewer: Viewer) -> Q:
    """A network's accepted members to its members; every row to its organisers; one's own."""
    own = Q(person_id=viewer.person_id) if viewer.person_id else Q(pk__in=[])
    return (
        (network_visible_q(viewer, "network__") & Q(status=Status.ACCEPTED))
        | organised_q(viewer, "network__")
        | own
    )


def news_visible_q(viewer: Viewer) -> Q:
    """A network's news (and the groups it hosts: their name, kind and schedule) to whoever sees
    the network: the people of its member organisations and its organisers."""
    return network_visible_q(viewer, "network__")


hosted_visible_q = news_visible_q


def organises(viewer: Viewer, network: Network) -> bool:
    return viewer.person_id is not None and any(
        p.pk == viewer.person_id for p in network.organisers.all()
    )


def adds_to_hosted(viewer: Viewer, hosted: Any, organiser: bool) -> bool:
    """Who adds members to a group the network hosts: its organisers and the group's
    facilitators (services.hosted_group_member_add decides the same)."""
    return organiser or (
        viewer.person_id is not None
        and any(p.pk == viewer.person_id for p in hosted.group.facilitators.all())
    )


@rules.predicate
def organises_network(user: Any, obj: Any) -> bool:
    if obj is None:
        return False
    network = obj if isinstance(obj, Network) else obj.network
    return organises(viewer_for(user), network)


@rules.predicate
def may_found_network(user: Any, obj: Any) -> bool:
    """A coordinator founds a network for their organisation (the service checks which)."""
    return bool(viewer_for(user).managed_orgs)


rules.add_perm("networks.add_network", may_found_network)
rules.add_perm("networks.change_network", organises_network)
rules.add_perm("networks.add_newsitem", organises_network)
rules.add_perm("networks.change_newsitem", organises_network)
rules.add_perm("networks.delete_newsitem", organises_network)
rules.add_perm("networks.add_hostedgroup", organises_network)


@rules.predicate
def adds_hosted_member(user: Any, hosted: Any) -> bool:
    viewer = viewer_for(user)
    return hosted is not None and adds_to_hosted(viewer, hosted, organises(viewer, hosted.network))


rules.add_perm("networks.add_hostedgroup_member", adds_hosted_member)


# --- The directory (issue 16 point 2): who sees each contact detail of a member's entry. ---


def group_mates(viewer: Viewer) -> list[Any]:
    """Ids of the people who share a group with the viewer: active members and facilitators of
    the groups (not ended) the viewer is an active member or a facilitator of. For now this is
    what "the groups they are in with that person" means (groups hosted by a network will be
    such groups). Read through the people's relations, so networks import nothing of groups.
    Two queries at most, whatever the number of people: the ids are few (a group holds a
    dozen), and a list keeps the directory's query from re-reading every group per detail."""
    from entrepairs.people.models import Person

    if viewer.person_id is None:
        return []
    live = ["draft", "founded"]
    mine = Person.objects.filter(pk=viewer.person_id).order_by()
    member_of = mine.filter(
        group_memberships__status="active", group_memberships__group__status__in=live
    ).values_list("group_memberships__group_id", flat=True)
    facilitates = mine.filter(facilitated_groups__status__in=live).values_list(
        "facilitated_groups__id", flat=True
    )
    groups = list(member_of.union(facilitates).order_by())
    if not groups:
        return []
    members = (
        Person.objects.filter(
            group_memberships__status="active", group_memberships__group_id__in=groups
        )
        .order_by()
        .values_list("pk", flat=True)
    )
    facilitators = (
        Person.objects.filter(facilitated_groups__id__in=groups)
        .order_by()
        .values_list("pk", flat=True)
    )
    return list(members.union(facilitators).order_by())


def directory_shown_q(viewer: Viewer, key: str, *, in_network: bool, mates: Any) -> Q:
    """THE rule of the directory, on a NetworkMember row: the member's `key` detail is shown to
    the viewer when its owner shares it with a circle the viewer is in — the network (the
    viewer is an accepted member: `in_network`), or the people who share a group with them
    (`mates`, from `group_mates`); a wider circle includes the narrower. The owner sees their
    own entry. No profile, or "nobody": shown to no one else (nothing without consent)."""
    audience = f"directory_profile__{key}_audience"
    shown = Q(**{f"{audience}__in": ["network", "group"], "person_id__in": mates})
    if in_network:
        shown |= Q(**{audience: "network"})
    if viewer.person_id is not None:
        shown |= Q(person_id=viewer.person_id)
    return shown
