"""Who the current user is across organisations: the facts every permission rule starts from.

Built once per request (cached on the user object) so rules and list filters cost no extra query.
An API token scoped to one organisation narrows the viewer to that organisation.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from .models import MANAGING_ROLES


@dataclass(frozen=True)
class Viewer:
    user_id: Any = None
    person_id: uuid.UUID | None = None
    # The organisation the person belongs to (their record's), whether or not they hold a role
    # there: cached lists that show "me and my reports" depend on it (core.listcache).
    organisation_id: uuid.UUID | None = None
    is_platform_admin: bool = False
    roles: dict[uuid.UUID, frozenset[str]] = field(default_factory=dict)
    # An organisation requires two-factor sign-in for a role this person holds (any organisation).
    two_factor_required: bool = False
    # The one organisation an API token is scoped to (None: a session or an unscoped token).
    # `roles` are already narrowed to it; rules that match on the person use `scope_q`/`in_scope`.
    scope: uuid.UUID | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def organisation_ids(self) -> set[uuid.UUID]:
        return set(self.roles)

    def orgs_with(self, *roles: str) -> set[uuid.UUID]:
        wanted = set(roles)
        return {org for org, held in self.roles.items() if held & wanted}

    def has_role(self, organisation_id: uuid.UUID | None, *roles: str) -> bool:
        return bool(self.roles.get(organisation_id, frozenset()) & set(roles))  # type: ignore[arg-type]

    def manages(self, organisation_id: uuid.UUID | None) -> bool:
        return self.has_role(organisation_id, *MANAGING_ROLES)

    @property
    def managed_orgs(self) -> set[uuid.UUID]:
        return self.orgs_with(*MANAGING_ROLES)

    def scope_q(self, *lookups: str) -> Q:
        """Confine a match on the person ("I facilitate this group", "I am this match's mentor",
        "this is my record") to the token's organisation: records whose organisation, reached
        through any of `lookups`, is the scope. Matches everything when the viewer is unscoped."""
        if self.scope is None:
            return Q()
        q = Q(pk__in=[])
        for lookup in lookups:
            q |= Q(**{lookup: self.scope})
        return q

    def in_scope(self, *organisation_ids: Any) -> bool:
        """`scope_q` for one object: is one of its organisations the token's scope?"""
        return self.scope is None or self.scope in organisation_ids

    @property
    def scope_key(self) -> tuple:
        """Everything a visibility rule may depend on: equal keys see the same records."""
        roles = tuple(sorted((str(org), tuple(sorted(r))) for org, r in self.roles.items()))
        return (str(self.person_id), self.is_platform_admin, roles, str(self.scope))


ANONYMOUS = Viewer()


def viewer_for(user: Any) -> Viewer:
    if isinstance(user, Viewer):
        return user  # already computed (a source or rule handed the viewer on)
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_viewer", None)
    if cached is not None:
        return cached
    from .models import Membership

    person_id = organisation_id = None
    roles: dict[uuid.UUID, set[str]] = {}
    scope = getattr(user, "_token_scope", None)
    two_factor_required = False
    rows = Membership.objects.active().filter(person__user=user, person__is_active=True)
    for row_person_id, own_org_id, org_id, role, mfa_roles in rows.values_list(
        "person_id",
        "person__organisation_id",
        "organisation_id",
        "role",
        "organisation__require_mfa_roles",
    ):
        person_id, organisation_id = row_person_id, own_org_id
        two_factor_required = two_factor_required or role in (mfa_roles or [])
        if scope is None or org_id == scope:
            roles.setdefault(org_id, set()).add(role)
    if person_id is None:
        from django.contrib.auth import get_user_model

        person_id, organisation_id = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values_list("person__id", "person__organisation_id")
            .first()
        ) or (None, None)
    viewer = Viewer(
        user_id=user.pk,
        person_id=person_id,
        organisation_id=organisation_id,
        is_platform_admin=bool(user.is_superuser) and scope is None,
        roles={org: frozenset(r) for org, r in roles.items()},
        two_factor_required=two_factor_required,
        scope=scope,
    )
    user._viewer = viewer
    return viewer


def forget_viewer(user: Any) -> None:
    """Call after changing a user's memberships within the same request."""
    if hasattr(user, "_viewer"):
        del user._viewer
