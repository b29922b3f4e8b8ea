"""Who may see and do what with price grids, contracts and invoices.

A provider's coordinators and administrators run its business (grids, quotes, contracts,
invoices); its facilitators write quotes and keep their own contracts (the ones naming them), never
another facilitator's (PRODUCT: a facilitator never sees other facilitators' groups); the client
organisation's coordinators see its contracts, never the grids.
"""

from typing import Any

import rules
from django.db.models import Q

from entrepairs.core.permissions import id_q, same_id
from entrepairs.organisations.models import Role
from entrepairs.organisations.viewer import Viewer, viewer_for


def provider_ids(viewer: Viewer) -> set[Any]:
    """Organisations whose business the viewer runs."""
    return viewer.orgs_with(Role.FACILITATOR, Role.COORDINATOR, Role.ADMIN)


def provider_facilitators_q(provider_ids: Any) -> Q:
    """People who may be named a contract's facilitator besides its author: an active facilitator
    of one of the providers (a filter on Person)."""
    from entrepairs.organisations.models import Membership

    active = Membership.objects.active().filter(
        organisation_id__in=provider_ids, role=Role.FACILITATOR
    )
    return Q(pk__in=active.values("person_id"))


@rules.predicate
def can_manage_business(user: Any, obj: Any = None) -> bool:
    """Price grids and contracts: coordinators and facilitators of the provider."""
    viewer = viewer_for(user)
    if obj is None:
        return bool(provider_ids(viewer))
    provider = getattr(obj, "provider_id", None)
    return provider in provider_ids(viewer)


def runs_provider_ids(viewer: Viewer) -> set[Any]:
    """Organisations whose whole business the viewer runs: every contract of theirs."""
    return viewer.orgs_with(Role.COORDINATOR, Role.ADMIN)


def _names_me(viewer: Viewer, contract: Any) -> bool:
    return contract.provider_id in viewer.orgs_with(Role.FACILITATOR) and same_id(
        contract.provider_person_id, viewer.person_id
    )


def _keeps(viewer: Viewer, contract: Any) -> bool:
    """The provider's coordinators, and the facilitator the contract names."""
    return contract.provider_id in runs_provider_ids(viewer) or _names_me(viewer, contract)


@rules.predicate
def can_view_contract(user: Any, contract: Any) -> bool:
    viewer = viewer_for(user)
    if contract is None:
        return viewer.is_authenticated
    return _keeps(viewer, contract) or viewer.manages(contract.client_id)


@rules.predicate
def can_change_contract(user: Any, contract: Any) -> bool:
    if contract is None:
        return can_manage_business(user)
    return _keeps(viewer_for(user), contract)


def contract_visible_q(viewer: Viewer) -> Q:
    named = id_q("provider_person_id", viewer.person_id) & Q(
        provider_id__in=viewer.orgs_with(Role.FACILITATOR)
    )
    return (
        Q(provider_id__in=runs_provider_ids(viewer)) | named | Q(client_id__in=viewer.managed_orgs)
    )


def business_q(viewer: Viewer) -> Q:
    """Records (price grids) of the providers whose business the viewer runs."""
    return Q(provider_id__in=provider_ids(viewer))


rules.add_perm("contracts.manage_business", can_manage_business)
rules.add_perm("contracts.view_contract", can_view_contract)
rules.add_perm("contracts.add_contract", can_manage_business)
rules.add_perm("contracts.change_contract", can_change_contract)
rules.add_perm("contracts.delete_contract", can_change_contract)
rules.add_perm("contracts.delete_pricegrid", can_manage_business)
rules.add_perm("contracts.view_pricegrid", can_manage_business)
rules.add_perm("contracts.add_pricegrid", can_manage_business)
rules.add_perm("contracts.change_pricegrid", can_manage_business)
