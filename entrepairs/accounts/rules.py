"""Who may do what to an account: its owner alone, whatever their roles.

- An access token is its owner's: they see, issue and revoke their own tokens, nobody else's
  (not their coordinator, not a platform administrator).
- A token is scoped to one organisation the owner holds a role in (any organisation for a
  platform administrator, who runs the platform's own integrations).
- A session of someone handling children's data ends after a short inactivity (CHILD_DATA_ROLES).
"""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.organisations.models import Role
from entrepairs.organisations.viewer import Viewer, viewer_for

# Roles that see or handle children's data: situations brought to groups, a youth's match, cases.
# Their sessions end after settings.SESSION_IDLE_MINUTES of inactivity (sessions.py).
CHILD_DATA_ROLES = frozenset(
    {
        Role.ADMIN,
        Role.COORDINATOR,
        Role.FACILITATOR,
        Role.PROFESSIONAL,
        Role.MANAGER,
        Role.MENTOR,
        Role.CASE_WORKER,
        Role.GUARDIAN,
        Role.EXPERT,
    }
)


def access_token_visible_q(viewer: Viewer) -> Q:
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    return Q(user_id=viewer.user_id)


def token_organisations_q(viewer: Viewer) -> Q:
    """The organisations a token of the viewer's may be scoped to (a filter on Organisation)."""
    if viewer.is_platform_admin:
        return Q()
    return Q(pk__in=viewer.organisation_ids)


def may_scope_token_to(viewer: Viewer, organisation_id: Any) -> bool:
    return viewer.is_authenticated and (
        viewer.is_platform_admin or organisation_id in viewer.organisation_ids
    )


@rules.predicate
def owns_token(user: Any, token: Any) -> bool:
    if token is None:
        return bool(getattr(user, "is_authenticated", False))
    return token.user_id == user.pk


@rules.predicate
def may_issue_token(user: Any, token: Any) -> bool:
    """A new token (`token` is the unsaved token, with its organisation) or the page itself."""
    viewer = viewer_for(user)
    if token is None:
        return viewer.is_authenticated
    return token.user_id == user.pk and may_scope_token_to(viewer, token.organisation_id)


rules.add_perm("accounts.view_accesstoken", owns_token)
rules.add_perm("accounts.add_accesstoken", may_issue_token)
rules.add_perm("accounts.delete_accesstoken", owns_token)
