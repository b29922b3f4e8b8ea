"""Contracts in the JSON API, at the addresses they had under groups (/api/v1/groups/...)."""

from typing import Any

from .views import ContractViewSet, PriceGridViewSet


def register(router: Any) -> None:
    """Register before groups: `groups/<id>/` would otherwise read "contracts" as a group id."""
    router.register("groups/price-grids", PriceGridViewSet, basename="groups-pricegrid")
    router.register("groups/contracts", ContractViewSet, basename="groups-contract")
