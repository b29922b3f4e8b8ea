"""Who may see and do what with announcements and subscriptions.

Published announcements are public; an organisation's coordinators, administrators and
facilitators write and publish its announcements; each person manages only their own
subscriptions (opt-in with their account's address, one-click unsubscribe by token).
"""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.organisations.models import Role
from entrepairs.organisations.viewer import Viewer, viewer_for


def publisher_ids(viewer: Viewer) -> set[Any]:
    """Organisations the viewer writes announcements for."""
    return viewer.orgs_with(Role.FACILITATOR, Role.COORDINATOR, Role.ADMIN)


@rules.predicate
def can_publish(user: Any, obj: Any = None) -> bool:
    viewer = viewer_for(user)
    if obj is None:
        return bool(publisher_ids(viewer))
    return getattr(obj, "provider_id", None) in publisher_ids(viewer)


def drafts_q(viewer: Viewer) -> Q:
    """Announcements (published or not) of the organisations the viewer publishes for."""
    return Q(provider_id__in=publisher_ids(viewer))


def announcement_visible_q(viewer: Viewer) -> Q:
    return Q(published_at__isnull=False) | drafts_q(viewer)


def subscription_visible_q(email: str) -> Q:
    """A person's own active subscriptions, by their account's address."""
    return Q(email__iexact=email, unsubscribed_at__isnull=True, confirmed_at__isnull=False)


def subscribers_q(viewer: Viewer, field: str = "provider_id") -> Q:
    """The subscriber lists a viewer reads: those of the organisations they coordinate or
    administer. Facilitators write announcements but never see who receives them (addresses are
    personal data the list's owner answers for)."""
    return Q(**{f"{field}__in": viewer.orgs_with(Role.COORDINATOR, Role.ADMIN)})


# A network's mailing lists (issue 16 point 3). Who is a member and who organises are the
# networks' rules, asked here, never re-derived: a list and its archive are seen by those who see
# its network (the people of its member organisations and its organisers; others get a 404).
def list_visible_q(viewer: Viewer) -> Q:
    from entrepairs.networks.rules import network_visible_q

    return network_visible_q(viewer, "network__")


def list_message_visible_q(viewer: Viewer) -> Q:
    from entrepairs.networks.rules import network_visible_q

    return network_visible_q(viewer, "mailing_list__network__")


def _network_of(obj: Any) -> Any:
    return obj if obj is not None and obj._meta.model_name == "network" else obj.network


@rules.predicate
def organises_list_network(user: Any, obj: Any = None) -> bool:
    """The network's organisers create its lists, change them and post to them (obj: a network
    or a list)."""
    from entrepairs.networks.rules import organises

    if obj is None:
        return False
    return organises(viewer_for(user), _network_of(obj))


@rules.predicate
def may_post_to_list(user: Any, obj: Any = None) -> bool:
    """Organisers post; members too when the list is open to members' posts."""
    from entrepairs.networks.rules import network_visible_q, organises

    if obj is None:
        return False
    viewer = viewer_for(user)
    if organises(viewer, obj.network):
        return True
    if not obj.open_to_member_posts:
        return False
    network = obj.network
    return type(network).objects.filter(network_visible_q(viewer), pk=network.pk).exists()


rules.add_perm("mailing.add_mailinglist", organises_list_network)
rules.add_perm("mailing.change_mailinglist", organises_list_network)
rules.add_perm("mailing.post_to_mailinglist", may_post_to_list)
rules.add_perm("mailing.view_announcement", rules.always_allow)
rules.add_perm("mailing.add_announcement", can_publish)
rules.add_perm("mailing.change_announcement", can_publish)
