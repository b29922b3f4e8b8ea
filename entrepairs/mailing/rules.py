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


rules.add_perm("mailing.view_announcement", rules.always_allow)
rules.add_perm("mailing.add_announcement", can_publish)
rules.add_perm("mailing.change_announcement", can_publish)
